// Usage notifications (R-NOTIFY-1): when usage reaches 60, 80, 90, 95 and 100 percent of the
// total credits, every admin of the company gets an in-app notification and an email. Evaluated
// inside the ledger transaction that moved the balance, so a crossing is recorded exactly once
// with the change that caused it; emails go to the outbox in the same transaction and are sent
// after commit (lib/notify/mailer.ts). A threshold fires once per period, and re-arms when added
// credits (or a new contract year) bring usage back under it.

import { formatCreditsGrouped } from "../credits/amount";
import { type Query, q } from "../sql";
import { col, shape } from "../sql/rows";
import { notifyCompanyAdmins } from "./admins";

export const THRESHOLDS = [60, 80, 90, 95, 100] as const;

/** Usage as a percentage of total, rounded down, in integer arithmetic (0 when there is no total). */
export function usedPercent(usedMilli: bigint, totalMilli: bigint): number {
  if (totalMilli <= 0n) return 0;
  return Number((usedMilli * 100n) / totalMilli);
}

export type ThresholdInput = { companyId: string; companyName: string; remainingMilli: bigint; totalMilli: bigint; now: Date };

const PercentRow = shape({ percent: col.int });

export function* evaluateThresholds(input: ThresholdInput): Query<number[]> {
  const { companyId, remainingMilli, totalMilli, now } = input;
  const percent = usedPercent(totalMilli - remainingMilli, totalMilli);
  const fired = new Set((yield* q.rows(`SELECT "percent" FROM "ThresholdState" WHERE "companyId" = ?`, [companyId], PercentRow)).map((r) => r.percent));
  const rearm = [...fired].filter((t) => percent < t);
  for (const t of rearm) yield* q.run(`DELETE FROM "ThresholdState" WHERE "companyId" = ? AND "percent" = ?`, [companyId, t]);
  const reached = THRESHOLDS.filter((t) => percent >= t && !fired.has(t));
  if (reached.length === 0) return [];
  for (const t of reached) yield* q.run(`INSERT INTO "ThresholdState" ("companyId", "percent", "firedAt") VALUES (?, ?, ?)`, [companyId, t, now]);
  // One notification for the highest threshold reached by this change.
  const top = reached[reached.length - 1]!;
  yield* notifyCompanyAdmins(companyId, { kind: "usage_threshold", ...message(input, top) }, now);
  return reached;
}

function message({ companyName, remainingMilli, totalMilli }: ThresholdInput, percent: number): { title: string; body: string } {
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
    body: `${companyName} has used ${percent}% of its ${total} credits; ${remaining} remain. See where credits go on the Gong credits page (Admin center > Settings > Reports > Gong credits). To add credits, contact your account team.`,
  };
}
