// Budget alerts (R-BUDGET-2): when a budget's usage reaches 80% and 100% of its limit, every
// admin of the company gets an in-app notification and an email, once per budget and period
// (BudgetAlert keeps which fired). Evaluated inside the transaction that charged the budget.
import { formatCreditsGrouped } from "../credits/amount";
import type { BudgetStanding } from "../ledger/types";
import { type Query, q } from "../sql";
import { notifyCompanyAdmins } from "./admins";
import { usedPercent } from "./thresholds";

export const BUDGET_ALERT_PERCENTS = [80, 100] as const;

export function* evaluateBudgetAlerts(companyId: string, budgets: readonly BudgetStanding[], now: Date): Query<void> {
  for (const b of budgets) {
    const percent = usedPercent(b.usedMilli, b.limitMilli);
    const reached = BUDGET_ALERT_PERCENTS.filter((p) => percent >= p);
    let top: number | undefined;
    for (const p of reached) {
      const fired = yield* q.run(
        `INSERT INTO "BudgetAlert" ("budgetId", "periodStart", "percent", "firedAt") VALUES (?, ?, ?, ?) ON CONFLICT ("budgetId", "periodStart", "percent") DO NOTHING`,
        [b.budgetId, b.periodStart, p, now],
      );
      if (fired === 1) top = p;
    }
    if (top === undefined) continue;
    const used = formatCreditsGrouped(b.usedMilli);
    const limit = formatCreditsGrouped(b.limitMilli);
    const title = top >= 100 ? `Budget "${b.name}" is used up for ${b.periodLabel}` : `Budget "${b.name}" has used ${top}% of its limit for ${b.periodLabel}`;
    const body =
      top >= 100
        ? `The budget "${b.name}" has used ${used} of its ${limit} credits for ${b.periodLabel}. Charges in its scope are refused until its next period starts; trackers it paused resume by themselves then. Raise the limit on the Gong credits page to allow more now.`
        : `The budget "${b.name}" has used ${used} of its ${limit} credits (${top}%) for ${b.periodLabel}. See where credits go on the Gong credits page.`;
    yield* notifyCompanyAdmins(companyId, { kind: "budget", title, body }, now);
  }
}
