// At zero (R-ZERO-1) question-based trackers stop: each published one pauses with the reason in
// its status, keeps every result it has, and takes no new data until an admin resumes it
// (R-ZERO-2). Pretrained trackers are free and go on.

import { type Query, q } from "../sql";
import { formatLocalDate } from "../time/zoned";

export function pausedReasonText(at: Date, timeZone: string, why: "zero" | "short" = "zero"): string {
  const when = formatLocalDate(at, timeZone);
  return why === "zero"
    ? `Credits ran out on ${when}. Add credits, then resume this tracker.`
    : `Not enough credits to process new data on ${when}. Add credits, then resume this tracker.`;
}

/**
 * Pauses the company's published question-based trackers, and makes those a budget paused wait
 * too; answers how many it paused. A pause at zero waits for an admin, so it clears the resume
 * time a budget's pause set: without that, a tracker its budget held when the balance ran out
 * would start again by itself at the budget's next period (R-ZERO-2).
 */
export function* pauseQuestionTrackers(companyId: string, reason: string, now: Date): Query<number> {
  return yield* q.run(
    `UPDATE "Tracker" SET "status" = 'paused', "pausedReason" = ?, "pausedAt" = ?, "resumesAt" = NULL
      WHERE "companyId" = ? AND "type" = 'question' AND ("status" = 'published' OR ("status" = 'paused' AND "resumesAt" IS NOT NULL))`,
    [reason, now, companyId],
  );
}

/** The status of a tracker a budget paused (R-BUDGET-2); it resumes by itself next period. */
export function budgetPausedReason(budgetName: string): string {
  return `Budget reached: ${budgetName}`;
}
