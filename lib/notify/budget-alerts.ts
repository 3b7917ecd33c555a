// Budget alerts (R-BUDGET-2): when a budget's usage reaches 80% and 100% of its limit, every
// admin of the company gets an in-app notification and an email, once per budget and period
// (BudgetAlert keeps which fired); a charge that passes both sends both, 80% first. Evaluated
// inside the transaction that charged the budget.
import { formatCreditsGrouped } from "../credits/amount";
import type { BudgetStanding } from "../ledger/types";
import { type Query, q } from "../sql";
import { type AdminMessage, notifyCompanyAdmins } from "./admins";
import { usedPercent } from "./thresholds";

export const BUDGET_ALERT_PERCENTS = [80, 100] as const;

export function* evaluateBudgetAlerts(companyId: string, budgets: readonly BudgetStanding[], now: Date): Query<void> {
  for (const b of budgets) {
    const percent = usedPercent(b.usedMilli, b.limitMilli);
    const reached = BUDGET_ALERT_PERCENTS.filter((p) => percent >= p);
    const fired: number[] = [];
    for (const p of reached) {
      const inserted = yield* q.run(
        `INSERT INTO "BudgetAlert" ("budgetId", "periodStart", "percent", "firedAt") VALUES (?, ?, ?, ?) ON CONFLICT ("budgetId", "periodStart", "percent") DO NOTHING`,
        [b.budgetId, b.periodStart, p, now],
      );
      if (inserted === 1) fired.push(p);
    }
    if (fired.length > 0)
      yield* notifyCompanyAdmins(
        companyId,
        fired.map((p) => budgetMessage(b, p, percent)),
        now,
      );
  }
}

/** The alert for one percent of a budget reached (80: nearly used; 100: used up), `usedNow` the percent used now. */
function budgetMessage(b: BudgetStanding, percent: number, usedNow: number): AdminMessage {
  const used = formatCreditsGrouped(b.usedMilli);
  const limit = formatCreditsGrouped(b.limitMilli);
  if (percent >= 100)
    return {
      kind: "budget",
      title: `Budget "${b.name}" is used up for ${b.periodLabel}`,
      body: `The budget "${b.name}" has used ${used} of its ${limit} credits for ${b.periodLabel}. Charges in its scope are refused until its next period starts; trackers it paused resume by themselves then. Raise the limit on the Gong credits page to allow more now.`,
    };
  return {
    kind: "budget",
    title: `Budget "${b.name}" has used ${percent}% of its limit for ${b.periodLabel}`,
    body: `The budget "${b.name}" has ${usedNow > percent ? `passed ${percent}% of its limit and is at ${usedNow}% now: it has used` : "used"} ${used} of its ${limit} credits for ${b.periodLabel}. See where credits go on the Gong credits page.`,
  };
}
