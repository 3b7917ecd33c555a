// The company's trackers on the credits page (R-PAGE-2): name, kind and status in words, with
// their controls (publish, unpublish, resume, each after a confirmation). Filters and new
// trackers are on the Trackers page, linked from here.
import Link from "next/link";
import { TrackerStatusControls } from "@/components/trackers/tracker-controls";
import { TrackerSummaryList } from "@/components/trackers/tracker-summary-list";
import { Announcement, Announcer } from "@/components/ui/announcer";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import type { SqlReader } from "@/lib/sql";
import { listTrackerSummaries, type TrackerSummary } from "@/lib/trackers/queries";

const TRACKERS_PATH = "/admin-center/trackers";

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
          <TrackerSummaryList
            className="mt-4 divide-y divide-neutral-200 border-t border-neutral-200"
            trackers={trackers}
            empty={
              <>
                <p className="font-medium text-neutral-900">No trackers yet</p>
                <p className="mt-1">Create one on the Trackers page; drafts use no credits until published.</p>
              </>
            }
            actions={(t) => <TrackerStatusControls tracker={t} />}
          />
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
