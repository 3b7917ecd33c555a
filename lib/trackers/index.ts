// lib/trackers: AI trackers.
//   TrackerDraft, createDraft            a draft (members and admins)
//   estimateTracker                      backfill and monthly cost before publishing
//   publishTracker, unpublishTracker, resumeTracker   admins; publishing is refused at zero
//   processTrackers                      the worker: process and charge new data and backfill
//   trackerProgress                      how far along a tracker is
//   pauseQuestionTrackers                at zero (called by the ledger)

export { pausedReasonText, pauseQuestionTrackers } from "./pause";
export {
  createDraft,
  type Estimate,
  estimateTracker,
  MAX_BACKFILL_DAYS,
  publishTracker,
  resumeTracker,
  TrackerDraft,
  type TrackerDraftInput,
  type TrackerRow,
  unpublishTracker,
} from "./trackers";
export { BATCH_SIZE, processTrackers, trackerProgress, type WorkerResult } from "./worker";
