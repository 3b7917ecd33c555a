"use client";
// The buttons that apply to a tracker in its status (R-TRACK-2/3, R-ZERO-2): a draft or an
// unpublished tracker can be published; a published one unpublished; a paused one resumed or
// unpublished. Each asks for confirmation first, saying what it does to credits. Filters can be
// changed in any status.
import { resumeTrackerAction, unpublishTrackerAction } from "@/lib/trackers/actions";
import { EditFiltersDialog } from "./edit-filters-dialog";
import { PublishTrackerDialog } from "./publish-tracker-dialog";
import { TrackerActionDialog } from "./tracker-action-dialog";
import type { TrackerView } from "./tracker-view";

export function TrackerControls({ tracker, teams }: { tracker: TrackerView; teams: ReadonlyArray<{ id: string; name: string }> }) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <EditFiltersDialog tracker={tracker} teams={teams} />
      <TrackerStatusControls tracker={tracker} />
    </div>
  );
}

/** What a tracker's status controls need of it. */
export type TrackerStatusFields = Pick<TrackerView, "id" | "name" | "type" | "status" | "includeCalls" | "includeEmails">;

/** Publish, Resume and Unpublish, as the status allows: on the Trackers page and the credits page. */
export function TrackerStatusControls({ tracker }: { tracker: TrackerStatusFields }) {
  return (
    <>
      {tracker.status === "draft" || tracker.status === "unpublished" ? <PublishTrackerDialog tracker={tracker} /> : null}
      {tracker.status === "paused" ? <ResumeTrackerDialog tracker={tracker} /> : null}
      {tracker.status === "published" || tracker.status === "paused" ? <UnpublishTrackerDialog tracker={tracker} /> : null}
    </>
  );
}

function UnpublishTrackerDialog({ tracker }: { tracker: TrackerStatusFields }) {
  return (
    <TrackerActionDialog
      tracker={tracker}
      label="Unpublish"
      pendingLabel="Unpublishing…"
      variant="danger"
      title={`Unpublish “${tracker.name}”?`}
      description={
        tracker.type === "pretrained"
          ? "Unpublishing stops it at once: new calls and emails are no longer looked at. Pretrained trackers use no credits. Its results so far are kept, and you can publish it again later."
          : "Unpublishing stops credit consumption at once: new calls and emails are no longer processed. Its results so far are kept, and you can publish it again later."
      }
      run={unpublishTrackerAction}
      done={`Unpublished “${tracker.name}”.`}
    />
  );
}

function ResumeTrackerDialog({ tracker }: { tracker: TrackerStatusFields }) {
  return (
    <TrackerActionDialog
      tracker={tracker}
      label="Resume"
      pendingLabel="Resuming…"
      variant="primary"
      title={`Resume “${tracker.name}”?`}
      description="It first processes its backlog, the calls and emails that arrived while it was paused, and charges credits for each one no question-based tracker has processed yet. Then it takes new data as it arrives."
      run={resumeTrackerAction}
      done={`Resumed “${tracker.name}”: it is processing its backlog.`}
    />
  );
}
