// lib/trackers: AI trackers.
//   TrackerDraft, createDraft            a draft (members and admins)
//   estimateTracker                      backfill and monthly cost before publishing
//   publishTracker, unpublishTracker, resumeTracker   admins; publishing is refused at zero
//   processTrackers                      the worker: process and charge new data and backfill
//   trackerProgress                      how far along a tracker is
//   pauseQuestionTrackers                at zero (called by the ledger)
export { TrackerDraft, MAX_BACKFILL_DAYS, createDraft, estimateTracker, publishTracker, unpublishTracker, resumeTracker, type Estimate, type TrackerDraftInput, type TrackerRow } from "./trackers";
export { processTrackers, trackerProgress, BATCH_SIZE, type WorkerResult } from "./worker";
export { pauseQuestionTrackers, pausedReasonText } from "./pause";
