// What charges count toward, for budgets (R-BUDGET-1) and the reads that show them: the scopes a
// charge falls in ("feature:mcp", "tracker:<id>", "integration:<name>", "api_key:<id>",
// "team:<id>", as UsageScopeDay names them) and a budget's periods in the company's zone. Pure,
// so pages and forms use the same words and bounds as the ledger that enforces them.
import { formatLocalDate, nextLocalDate, startOfLocalDay } from "../time/zoned";
import { type ContractTerm, contractYearAt, contractYearBounds } from "./contract";
import type { UsageDescriptor } from "./types";

/** The scope of a feature type: every charge counts toward its own. */
export const scopeOfFeature = (featureType: string) => `feature:${featureType}`;

/** The scopes a charge counts toward, its feature's first. */
export function scopesOf(u: Pick<UsageDescriptor, "featureType" | "trackerId" | "integration" | "apiKeyId" | "teamId">): string[] {
  const scopes = [scopeOfFeature(u.featureType)];
  if (u.trackerId) scopes.push(`tracker:${u.trackerId}`);
  if (u.integration) scopes.push(`integration:${u.integration}`);
  if (u.apiKeyId) scopes.push(`api_key:${u.apiKeyId}`);
  if (u.teamId) scopes.push(`team:${u.teamId}`);
  return scopes;
}

export const BUDGET_SCOPE_KINDS = ["feature", "tracker", "integration", "api_key", "team"] as const;
export type BudgetScopeKind = (typeof BUDGET_SCOPE_KINDS)[number];
export const BUDGET_PERIODS = ["month", "contract_year"] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** A budget period: local dates [startDate, endDate), the instants they begin and end, and its name. */
export type PeriodBounds = Readonly<{ startDate: string; endDate: string; startsAt: Date; endsAt: Date; label: string }>;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * The period of a budget containing `at`: the calendar month in the company's zone, or the
 * contract year (undefined outside the contract term). Contract years count whole local days
 * from the day the year starts.
 */
export function budgetPeriod(period: BudgetPeriod, term: ContractTerm, at: Date): PeriodBounds | undefined {
  // Every charge a budget applies to asks for its period, and the zone arithmetic (Intl) was a
  // fifth of such a charge: a period is computed once and reused for every instant inside it.
  const key = `${period}|${term.timeZone}|${term.termStartsAt.getTime()}|${term.termEndsAt.getTime()}`;
  const known = periods.get(key);
  const t = at.getTime();
  if (known && known.startsAt.getTime() <= t && t < known.endsAt.getTime()) return known;
  const bounds = computeBudgetPeriod(period, term, at);
  if (bounds) {
    if (periods.size >= PERIOD_CACHE_SIZE) periods.clear();
    periods.set(key, bounds);
  }
  return bounds;
}

const periods = new Map<string, PeriodBounds>();
const PERIOD_CACHE_SIZE = 1_000;

function computeBudgetPeriod(period: BudgetPeriod, term: ContractTerm, at: Date): PeriodBounds | undefined {
  if (period === "month") {
    const today = formatLocalDate(at, term.timeZone);
    const [y, m] = today.split("-").map(Number) as [number, number];
    const startDate = `${y}-${String(m).padStart(2, "0")}-01`;
    const endDate = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
    return {
      startDate,
      endDate,
      startsAt: startOfLocalDay(startDate, term.timeZone),
      endsAt: startOfLocalDay(endDate, term.timeZone),
      label: `${MONTHS[m - 1]} ${y}`,
    };
  }
  const year = contractYearAt(term, at);
  if (year === undefined) return undefined;
  const { start, end } = contractYearBounds(term, year);
  const startDate = formatLocalDate(start, term.timeZone);
  // The year's last day is counted whole: it ends at the start of the next local day.
  const lastDay = formatLocalDate(new Date(end.getTime() - 1), term.timeZone);
  return { startDate, endDate: nextLocalDate(lastDay), startsAt: start, endsAt: end, label: `contract year ${year + 1}` };
}

/** The scope a budget names, as UsageScopeDay names it. */
export function budgetScope(kind: BudgetScopeKind, value: string): string {
  return `${kind}:${value}`;
}
