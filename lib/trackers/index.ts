// lib/trackers: AI trackers.
//   TrackerDraft, TrackerId              what the forms and controls send (schemas.ts, zod only)
//   createDraft                          a draft (members and admins)
//   estimateTracker                      backfill and monthly cost before publishing
//   publishTracker, unpublishTracker, resumeTracker   admins; publishing is refused at zero
//   updateTrackerFilters                 admins: data types, call length, teams, domains, external only
//   listTrackers                         the Trackers page: every tracker, with progress
//   processTrackers                      the worker: process and charge new data and backfill
//   trackerProgress                      how far along a tracker is
//   pauseQuestionTrackers                at zero (called by the ledger)
// The server actions (actions.ts) authorize the caller, then call one of these.

export { pausedReasonText, pauseQuestionTrackers } from "./pause";
export { listTrackers, type TrackerListItem } from "./queries";
export {
  MAX_BACKFILL_DAYS,
  MAX_MIN_CALL_MINUTES,
  TrackerDraft,
  type TrackerDraftForm,
  type TrackerDraftInput,
  type TrackerFiltersForm,
  type TrackerFiltersInput,
  TrackerFiltersUpdate,
  TrackerId,
} from "./schemas";
export {
  createDraft,
  type Estimate,
  estimateTracker,
  publishTracker,
  resumeTracker,
  type TrackerChange,
  type TrackerRow,
  unpublishTracker,
  updateTrackerFilters,
} from "./trackers";
export { BATCH_SIZE, processTrackers, trackerProgress, type WorkerResult } from "./worker";
