// Usage notifications (R-NOTIFY-1): when usage reaches 60, 80, 90, 95 and 100 percent of the
// total credits, every admin of the company gets an in-app notification and an email. Evaluated
// inside the ledger transaction that moved the balance, so a crossing is recorded exactly once
// with the change that caused it; emails go to the outbox in the same transaction and are sent
// after commit (lib/notify/mailer.ts). A threshold fires once per period, and re-arms when added
// credits (or a new contract year) bring usage back under it.

import { formatCreditsGrouped } from "../credits/amount";
import { placeholders, type Query, q } from "../sql";
import { notifyCompanyAdmins } from "./admins";

export const THRESHOLDS = [60, 80, 90, 95, 100] as const;

/** Usage as a percentage of total, rounded down, in integer arithmetic (0 when there is no total). */
export function usedPercent(usedMilli: bigint, totalMilli: bigint): number {
  if (totalMilli <= 0n) return 0;
  return Number((usedMilli * 100n) / totalMilli);
}

export type ThresholdInput = {
  companyId: string;
  companyName: string;
  /** What remained of what total before the change, and after it. */
  before: { remainingMilli: bigint; totalMilli: bigint };
  remainingMilli: bigint;
  totalMilli: bigint;
  now: Date;
};

/**
 * The thresholds a change of balance crossed, from the usage before it and after it: each fires
 * when usage climbs from under it to at or over it, and re-arms when usage falls back under it
 * (added credits, a new contract year). So nothing is read, and a threshold fires once per climb.
 * ThresholdState keeps which are passed now, for the credits page.
 */
export function* evaluateThresholds(input: ThresholdInput): Query<number[]> {
  const { companyId, before, remainingMilli, totalMilli, now } = input;
  const from = usedPercent(before.totalMilli - before.remainingMilli, before.totalMilli);
  const to = usedPercent(totalMilli - remainingMilli, totalMilli);
  const rearmed = THRESHOLDS.filter((t) => from >= t && to < t);
  if (rearmed.length > 0) {
    yield* q.write(`DELETE FROM "ThresholdState" WHERE "companyId" = ? AND "percent" IN (${placeholders(rearmed.length)})`, [companyId, ...rearmed]);
  }
  const reached = THRESHOLDS.filter((t) => from < t && to >= t);
  if (reached.length === 0) return [];
  for (const t of reached) {
    yield* q.write(
      `INSERT INTO "ThresholdState" ("companyId", "percent", "firedAt") VALUES (?, ?, ?) ON CONFLICT ("companyId", "percent") DO UPDATE SET "firedAt" = excluded."firedAt"`,
      [companyId, t, now],
    );
  }
  // A notification for each threshold reached, lowest first (one change can pass several: none
  // is skipped, and the newest in an admin's list is the highest).
  yield* notifyCompanyAdmins(
    companyId,
    reached.map((t) => ({ kind: "usage_threshold", ...message(input, t, to) })),
    now,
  );
  return reached;
}

function message({ companyName, remainingMilli, totalMilli }: ThresholdInput, percent: number, usedNow: number): { title: string; body: string } {
  const remaining = formatCreditsGrouped(remainingMilli);
  const total = formatCreditsGrouped(totalMilli);
  if (percent >= 100) {
    return {
      title: `${companyName} has used all of its credits`,
      body: `${companyName} has used 100% of its ${total} credits. Credit-based processing has stopped: question-based trackers are paused, and API, MCP and automated-brief requests are refused until credits are added. Contact your account team to buy more credits; after they are added, resume each paused tracker on the Gong credits page.`,
    };
  }
  return {
    title: `${companyName} has used ${percent}% of its credits`,
    body: `${companyName} has ${usedNow > percent ? `passed ${percent}% of its ${total} credits and is at ${usedNow}% now` : `used ${percent}% of its ${total} credits`}; ${remaining} remain. See where credits go on the Gong credits page (Admin center > Settings > Reports > Gong credits). To add credits, contact your account team.`,
  };
}
