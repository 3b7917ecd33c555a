"use server";
// The Trackers page's actions (R-TRACK-1/2, R-ZERO-1/2): a draft, the cost estimate shown
// before publishing, and publish, unpublish and resume. The company is always the acting
// user's own; the browser sends only a tracker id, and another company's id is not_found.
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { authorize } from "@/lib/auth/authorize";
import { systemClock } from "@/lib/clock";
import { formatCreditsGrouped } from "@/lib/credits/amount";
import { getDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createDraft, estimateTracker, publishTracker, resumeTracker, TrackerDraft, unpublishTracker } from "@/lib/trackers";

const TrackerId = z.object({ trackerId: z.string().trim().min(1, "Choose a tracker.").max(100, "That is not a tracker id.") });

export const createTrackerAction = authedAction
  .metadata({ action: "trackers.create", permission: "trackers.draft" })
  .inputSchema(TrackerDraft)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    authorize(actor, "trackers.draft");
    const tracker = await createDraft(getDatabase(), actor, parsedInput, systemClock.now());
    return { id: tracker.id, name: tracker.name };
  });

/** The estimate as text for people: amounts are exact decimals, formatted on the server. */
export const estimateTrackerAction = authedAction
  .metadata({ action: "trackers.estimate", permission: "trackers.write" })
  .inputSchema(TrackerId)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    const companyId = authorize(actor, "trackers.write");
    const db = getDatabase();
    const tracker = await db.prisma.tracker.findFirst({
      where: { id: parsedInput.trackerId, companyId },
      select: {
        type: true,
        includeCalls: true,
        includeEmails: true,
        minCallSeconds: true,
        backfillDays: true,
        teamIds: true,
        includeDomains: true,
        excludeDomains: true,
        externalOnly: true,
      },
    });
    if (!tracker) throw new AppError("not_found", "Your company has no tracker with that id.");
    const estimate = await estimateTracker(db, companyId, tracker, systemClock.now());
    return {
      free: estimate.free,
      backfillDays: tracker.backfillDays,
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
  .action(async ({ parsedInput, ctx: { actor } }) => {
    authorize(actor, "trackers.write");
    const tracker = await publishTracker(getDatabase(), actor, parsedInput.trackerId, systemClock.now());
    return { id: tracker.id, name: tracker.name, status: tracker.status };
  });

export const unpublishTrackerAction = authedAction
  .metadata({ action: "trackers.unpublish", permission: "trackers.write" })
  .inputSchema(TrackerId)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    authorize(actor, "trackers.write");
    const tracker = await unpublishTracker(getDatabase(), actor, parsedInput.trackerId, systemClock.now());
    return { id: tracker.id, name: tracker.name, status: tracker.status };
  });

export const resumeTrackerAction = authedAction
  .metadata({ action: "trackers.resume", permission: "trackers.write" })
  .inputSchema(TrackerId)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    authorize(actor, "trackers.write");
    const tracker = await resumeTracker(getDatabase(), actor, parsedInput.trackerId, systemClock.now());
    return { id: tracker.id, name: tracker.name, status: tracker.status };
  });
