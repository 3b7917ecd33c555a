// A budget as the Budgets section shows it: plain data that can cross to the browser, every
// figure formatted here from bigints (exact decimals), with its period and state in words.
import { formatCompanyDate } from "@/components/credits/company-time";
import { type BudgetView, PERIOD_LABELS, scopeWords } from "@/lib/budgets";
import { formatCredits, formatCreditsGrouped } from "@/lib/credits/amount";
import type { BudgetPeriod, BudgetScopeKind } from "@/lib/ledger/scopes";

/** What the edit dialog starts from. */
export type BudgetFormValues = { id: string; name: string; scopeKind: BudgetScopeKind; scopeValue: string; limit: string; period: BudgetPeriod };

export type BudgetRowView = {
  id: string;
  name: string;
  /** "Feature: Ask Anything API". */
  scope: string;
  /** "Monthly", "Contract year". */
  period: string;
  /** "March 2026", or the contract year's dates: "Jan 10, 2026 – Jan 9, 2027". */
  currentPeriod: string;
  used: string;
  limit: string;
  held: string | null;
  /** For the meter: the same amounts as numbers (a limit is at most a billion credits). */
  usedValue: number;
  limitValue: number;
  state: "reached" | "near" | "within" | "no_period";
  /** The refusal in words when reached; what is left otherwise. */
  stateText: string;
  form: BudgetFormValues;
};

/** A budget is near its limit from 80% on, when the first alert fires. */
const NEAR_PERCENT = 80n;

export function toBudgetRow(b: BudgetView, timeZone: string): BudgetRowView {
  const countedMilli = b.usedMilli + b.heldMilli;
  const current = b.current;
  const dates = (from: Date, to: Date) => `${formatCompanyDate(from, timeZone)} – ${formatCompanyDate(to, timeZone)}`;
  const currentPeriod = !current
    ? "Outside the contract term"
    : b.period === "month"
      ? current.label
      : dates(current.startsAt, new Date(current.endsAt.getTime() - 1));
  let state: BudgetRowView["state"];
  let stateText: string;
  if (!current) {
    state = "no_period";
    stateText = "No contract year is running, so nothing counts toward it now.";
  } else if (b.reached) {
    state = "reached";
    stateText = `Requests in this scope are refused until ${formatCompanyDate(current.endsAt, timeZone)}; its trackers pause until then.`;
  } else {
    state = countedMilli * 100n >= b.limitMilli * NEAR_PERCENT ? "near" : "within";
    stateText = `${formatCreditsGrouped(b.limitMilli - countedMilli)} credits left until ${formatCompanyDate(current.endsAt, timeZone)}.`;
  }
  return {
    id: b.id,
    name: b.name,
    scope: scopeWords(b.scopeKind, b.scopeLabel),
    period: PERIOD_LABELS[b.period],
    currentPeriod,
    used: formatCreditsGrouped(b.usedMilli),
    limit: formatCreditsGrouped(b.limitMilli),
    held: b.heldMilli > 0n ? formatCreditsGrouped(b.heldMilli) : null,
    usedValue: Number(formatCredits(countedMilli)),
    limitValue: Number(formatCredits(b.limitMilli)),
    state,
    stateText,
    form: { id: b.id, name: b.name, scopeKind: b.scopeKind, scopeValue: b.scopeValue, limit: formatCredits(b.limitMilli), period: b.period },
  };
}
