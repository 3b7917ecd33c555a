"use server";
// The Trackers page's actions (R-TRACK-1/2/3, R-ZERO-1/2): a draft, the cost estimate shown
// before publishing, publish, unpublish and resume, and a tracker's filters. The company is always the acting
// user's own; the browser sends only a tracker id, and another company's id is not_found.
import { authedAction } from "../actions/client";
import { systemClock } from "../clock";
import { formatCreditsGrouped } from "../credits/amount";
import { getDatabase } from "../db";
import { TrackerDraft, TrackerFiltersUpdate, TrackerId } from "./schemas";
import { createDraft, estimateTracker, publishTracker, resumeTracker, type TrackerRow, unpublishTracker, updateTrackerFilters } from "./trackers";

const changed = (tracker: TrackerRow) => ({ id: tracker.id, name: tracker.name, status: tracker.status });

export const createTrackerAction = authedAction
  .metadata({ action: "trackers.create", permission: "trackers.draft" })
  .inputSchema(TrackerDraft)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    const tracker = await createDraft(getDatabase(), { companyId, userId: ctx.actor.userId, draft: parsedInput, now: systemClock.now() });
    return { id: tracker.id, name: tracker.name };
  });

/** The estimate as text for people: amounts are exact decimals, formatted on the server. */
export const estimateTrackerAction = authedAction
  .metadata({ action: "trackers.estimate", permission: "trackers.write" })
  .inputSchema(TrackerId)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    const estimate = await estimateTracker(getDatabase(), { companyId, trackerId: parsedInput.trackerId, now: systemClock.now() });
    return {
      free: estimate.free,
      backfillDays: estimate.backfillDays,
      backfillItems: estimate.backfillItems,
      backfillCredits: formatCreditsGrouped(estimate.backfillMilli),
      monthItems: estimate.monthItems,
      monthCredits: formatCreditsGrouped(estimate.monthMilli),
      remainingCredits: formatCreditsGrouped(estimate.remainingMilli),
      backfillExceedsBalance: !estimate.free && estimate.backfillMilli > estimate.remainingMilli,
    };
  });

export const publishTrackerAction = authedAction
  .metadata({ action: "trackers.publish", permission: "trackers.write" })
  .inputSchema(TrackerId)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), trackerId: parsedInput.trackerId, userId: ctx.actor.userId, now: systemClock.now() };
    return changed(await publishTracker(getDatabase(), change));
  });

export const unpublishTrackerAction = authedAction
  .metadata({ action: "trackers.unpublish", permission: "trackers.write" })
  .inputSchema(TrackerId)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), trackerId: parsedInput.trackerId, userId: ctx.actor.userId, now: systemClock.now() };
    return changed(await unpublishTracker(getDatabase(), change));
  });

export const resumeTrackerAction = authedAction
  .metadata({ action: "trackers.resume", permission: "trackers.write" })
  .inputSchema(TrackerId)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), trackerId: parsedInput.trackerId, userId: ctx.actor.userId, now: systemClock.now() };
    return changed(await resumeTracker(getDatabase(), change));
  });

/** Team ids in the filters must be the company's own; another company's are not_found. */
export const updateTrackerFiltersAction = authedAction
  .metadata({ action: "trackers.update_filters", permission: "trackers.write" })
  .inputSchema(TrackerFiltersUpdate)
  .action(async ({ parsedInput: { trackerId, ...filters }, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), trackerId, userId: ctx.actor.userId, now: systemClock.now() };
    const tracker = await updateTrackerFilters(getDatabase(), { ...change, filters });
    return { ...changed(tracker), filtersChanged: tracker.changed };
  });
