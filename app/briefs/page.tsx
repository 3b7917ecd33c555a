// Briefs: "New brief", then each brief's newest version, its sections (built on tracker results:
// free; processing calls and emails directly: charged at each automated generation), and
// "Generate now", which is a manual action and free. An automated brief skipped for lack of
// credits says so here.
import type { Metadata } from "next";
import { connection } from "next/server";
import { BriefAutomationButton, DeleteBriefDialog } from "@/components/briefs/brief-controls";
import { type BriefFormValues, EditBriefDialog, NewBriefDialog } from "@/components/briefs/brief-dialog";
import { GenerateBriefButton } from "@/components/briefs/generate-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/page";
import { listBriefs, listBriefTrackers, mayChangeBrief } from "@/lib/briefs";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { formatLocalDateTime } from "@/lib/time/zoned";

export const metadata: Metadata = { title: "Briefs" };

export default async function BriefsPage() {
  await connection();
  const actor = await requirePermission("/briefs", "briefs.use");
  const db = getDatabase();
  const company = await getCompanyProfile(db.prisma, { companyId: actor.actingCompanyId });
  const [briefs, trackers] = await Promise.all([listBriefs(db, actor.actingCompanyId), listBriefTrackers(db, actor.actingCompanyId)]);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-neutral-900">Briefs</h1>
        <NewBriefDialog trackers={trackers} />
      </div>
      <p className="mt-1 text-sm text-neutral-600">
        Sections built on tracker results use no credits. Sections that process calls or emails directly use credits each time an automated brief is generated.
        Generating a brief here is free.
      </p>
      {briefs.length === 0 ? (
        <Card className="mt-6 p-6 text-sm text-neutral-700">
          No briefs yet. Make one with &ldquo;New brief&rdquo;; briefs generated through the API appear here too.
        </Card>
      ) : (
        <ul className="mt-6 space-y-4">
          {briefs.map((b) => {
            const latest = b.versions[0];
            const summary = { id: b.id, title: b.title, automated: b.automated, intervalHours: b.intervalHours };
            return (
              <li key={b.id}>
                <Card className="p-5">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div>
                      <h2 className="text-base font-semibold text-neutral-900">{b.title}</h2>
                      <p className="mt-1 text-xs text-neutral-600">
                        {b.automated ? <Badge>Automated, every {b.intervalHours} h</Badge> : <Badge>On demand</Badge>}{" "}
                        {latest ? `Last generated ${formatLocalDateTime(latest.generatedAt, company.timeZone)}` : "Not generated yet"} · {b.sections.length}{" "}
                        section{b.sections.length === 1 ? "" : "s"}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-start gap-2">
                      <GenerateBriefButton briefId={b.id} title={b.title} />
                      {mayChangeBrief(actor, b) ? (
                        <>
                          {/* A brief from the API has no sections to edit or generate again. */}
                          {b.sections.length ? (
                            <>
                              <EditBriefDialog brief={formValues(b)} trackers={trackers} />
                              <BriefAutomationButton brief={summary} />
                            </>
                          ) : null}
                          <DeleteBriefDialog brief={summary} />
                        </>
                      ) : null}
                    </div>
                  </div>
                  {b.sections.length ? (
                    <ul className="mt-3 space-y-0.5 text-sm text-neutral-700" aria-label={`Sections of ${b.title}`}>
                      {b.sections.map((s) => (
                        <li key={s.id}>
                          <span className="font-medium text-neutral-900">{s.heading}</span> · {sectionSource(s, b.automated)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {b.lastSkippedReason ? (
                    <p role="status" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                      {b.lastSkippedReason}
                    </p>
                  ) : null}
                  {latest ? (
                    <pre className="mt-3 max-h-64 overflow-auto rounded-md bg-neutral-50 p-3 text-xs whitespace-pre-wrap text-neutral-800">
                      {latest.content}
                    </pre>
                  ) : null}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** What a section is built from, in words: a tracker's results, or the calls and emails it names. */
function sectionSource(s: { source: string; callIds: string; emailIds: string }, automated: boolean): string {
  if (s.source === "tracker") return "tracker results, no credits";
  const count = (ids: string, one: string) => {
    const n = ids.split("\n").filter(Boolean).length;
    return `${n} ${one}${n === 1 ? "" : "s"}`;
  };
  return `${count(s.callIds, "call")} and ${count(s.emailIds, "email")}${automated ? ", credits at each automated generation" : ""}`;
}

/** A brief as the Edit dialog starts from. */
function formValues(b: Awaited<ReturnType<typeof listBriefs>>[number]): BriefFormValues {
  return {
    id: b.id,
    title: b.title,
    automated: b.automated,
    intervalHours: b.intervalHours,
    sections: b.sections.map((s) => ({
      heading: s.heading,
      source: s.source === "tracker" ? "tracker" : "direct",
      trackerId: s.trackerId ?? "",
      callIds: s.callIds,
      emailIds: s.emailIds,
    })),
  };
}
