// The company's trackers on the credits page (R-PAGE-2): name, kind and status in words, with
// their controls (publish, unpublish, resume, each after a confirmation). Filters and new
// trackers are on the Trackers page, linked from here.
import Link from "next/link";
import { TrackerStatusControls } from "@/components/trackers/tracker-controls";
import { Announcement, Announcer } from "@/components/ui/announcer";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import type { SqlReader } from "@/lib/sql";
import { listTrackerSummaries, type TrackerSummary } from "@/lib/trackers/queries";
import { trackerStatus, trackerTypeLabel } from "@/lib/trackers/status";

const TRACKERS_PATH = "/admin-center/trackers";

const STATUS_TONES: Record<string, string> = {
  published: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  paused: "bg-amber-50 text-amber-900 ring-amber-200",
  draft: "bg-neutral-100 text-neutral-700 ring-neutral-200",
  unpublished: "bg-neutral-100 text-neutral-700 ring-neutral-200",
};

export async function TrackersSection({ sql, companyId }: { sql: SqlReader; companyId: string }) {
  const { trackers, more } = await listTrackerSummaries(sql, { companyId });
  return <TrackersCard trackers={trackers} more={more} />;
}

function TrackersCard({ trackers, more }: { trackers: TrackerSummary[]; more: boolean }) {
  return (
    <Card>
      <Announcer>
        <section aria-labelledby="trackers">
          <div className="flex flex-wrap items-start justify-between gap-4 px-5 pt-5">
            <div className="min-w-0 flex-1 basis-64">
              <CardTitle id="trackers">Trackers</CardTitle>
              <CardDescription className="mt-1">
                Question-based trackers use credits as new calls and emails arrive; pretrained trackers are free.
              </CardDescription>
            </div>
            <Link
              href={TRACKERS_PATH}
              className="inline-flex h-9 shrink-0 items-center rounded-md border border-neutral-300 bg-white px-4 text-sm font-medium text-neutral-900 hover:bg-neutral-100"
            >
              Manage trackers
            </Link>
          </div>
          {trackers.length === 0 ? (
            <div className="px-5 py-10 text-center">
              <p className="text-sm font-medium text-neutral-900">No trackers yet</p>
              <p className="mt-1 text-sm text-neutral-600">Create one on the Trackers page; drafts use no credits until published.</p>
            </div>
          ) : (
            <ul className="mt-4 divide-y divide-neutral-200 border-t border-neutral-200">
              {trackers.map((t) => (
                <li key={t.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-5 py-3">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-neutral-900">{t.name}</p>
                    <p className="text-xs text-neutral-500">{trackerTypeLabel(t.type)}</p>
                  </div>
                  <div className="flex flex-wrap items-center justify-end gap-x-3 gap-y-2">
                    <TrackerStatus tracker={t} />
                    <TrackerStatusControls tracker={t} />
                  </div>
                </li>
              ))}
            </ul>
          )}
          {more ? (
            <p className="border-t border-neutral-200 px-5 py-3 text-sm text-neutral-600">
              Showing the first {trackers.length} by name.{" "}
              <Link href={TRACKERS_PATH} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
                See every tracker
              </Link>
            </p>
          ) : (
            <div className="pb-2" />
          )}
          <Announcement className="mx-5 mb-3" />
        </section>
      </Announcer>
    </Card>
  );
}

// The status word as a badge; a pause's reason follows it as text ("Paused — Credits ran out
// on …"), since reasons run to a sentence.
function TrackerStatus({ tracker }: { tracker: TrackerSummary }) {
  const { word, reason } = trackerStatus(tracker);
  const badge = (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STATUS_TONES[tracker.status] ?? STATUS_TONES.draft}`}
    >
      {word}
    </span>
  );
  if (reason === "") return badge;
  return (
    <p className="max-w-md text-xs text-neutral-700 sm:text-right">
      {badge} <span>— {reason}</span>
    </p>
  );
}
