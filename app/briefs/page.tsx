// Briefs: each brief's newest version, its sections (built on tracker results: free; processing
// calls and emails directly: charged at each automated generation), and "Generate now", which
// is a manual action and free. An automated brief skipped for lack of credits says so here.
import type { Metadata } from "next";
import { connection } from "next/server";
import { GenerateBriefButton } from "@/components/briefs/generate-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/page";
import { listBriefs } from "@/lib/briefs";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { formatLocalDateTime } from "@/lib/time/zoned";

export const metadata: Metadata = { title: "Briefs" };

export default async function BriefsPage() {
  await connection();
  const actor = await requirePermission("/briefs", "briefs.use");
  const db = getDatabase();
  const company = await getCompanyProfile(db.prisma, { companyId: actor.actingCompanyId });
  const briefs = await listBriefs(db, actor.actingCompanyId);
  return (
    <>
      <h1 className="text-2xl font-semibold text-neutral-900">Briefs</h1>
      <p className="mt-1 text-sm text-neutral-600">
        Sections built on tracker results use no credits. Sections that process calls or emails directly use credits each time an automated brief is generated.
        Generating a brief here is free.
      </p>
      {briefs.length === 0 ? (
        <Card className="mt-6 p-6 text-sm text-neutral-700">No briefs yet. Briefs created through the API appear here.</Card>
      ) : (
        <ul className="mt-6 space-y-4">
          {briefs.map((b) => {
            const latest = b.versions[0];
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
                    <GenerateBriefButton briefId={b.id} title={b.title} />
                  </div>
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
