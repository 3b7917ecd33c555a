// Reading a company's budgets for the Budgets section: each with what it has used in its current
// period, read the way the ledger reads it (budgetPeriod for the period, a sum over UsageScopeDay
// for the scope, plus the credits held now for requests in flight in that scope), and the
// choices the budget dialog offers for each kind of scope.
import type { Db, Tx } from "../db";
import { type BudgetPeriod, type BudgetScopeKind, budgetPeriod, budgetScope, type PeriodBounds, scopesOf } from "../ledger/scopes";
import { FEATURE_TYPES, type FeatureType } from "../ledger/types";
import { FEATURE_TYPE_LABELS } from "../reports/definitions";

export type BudgetView = {
  id: string;
  name: string;
  scopeKind: BudgetScopeKind;
  scopeValue: string;
  /** The scope value's name: the feature's, tracker's, key's or team's, or the integration's own. */
  scopeLabel: string;
  limitMilli: bigint;
  period: BudgetPeriod;
  /** The period now; undefined for a contract-year budget outside the contract term. */
  current: PeriodBounds | undefined;
  /** Charged in the current period, refunds taken off. */
  usedMilli: bigint;
  /** Held now for requests in flight in the budget's scope; they count toward the limit. */
  heldMilli: bigint;
  /** Used and held reach the limit: requests in its scope are refused until the next period. */
  reached: boolean;
};

export type Term = { timeZone: string; termStartsAt: Date; termEndsAt: Date };

/** The company's budgets by name, with their usage in the period containing `now`. */
export async function listBudgets(db: Db | Tx, { companyId, term, now }: { companyId: string; term: Term; now: Date }): Promise<BudgetView[]> {
  const budgets = await db.budget.findMany({ where: { companyId }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  if (budgets.length === 0) return [];
  const tracked = budgets.map((b) => {
    const scopeKind = b.scopeKind as BudgetScopeKind;
    const period = b.period as BudgetPeriod;
    return { ...b, scopeKind, period, scope: budgetScope(scopeKind, b.scopeValue), current: budgetPeriod(period, term, now) };
  });
  const inPeriod = tracked.filter((t) => t.current !== undefined);
  const earliest = inPeriod.reduce<string | undefined>((min, t) => (min === undefined || t.current!.startDate < min ? t.current!.startDate : min), undefined);
  const [days, holds, labels] = await Promise.all([
    earliest === undefined
      ? []
      : db.usageScopeDay.findMany({ where: { companyId, scope: { in: [...new Set(inPeriod.map((t) => t.scope))] }, usageDate: { gte: earliest } } }),
    db.hold.findMany({
      where: { companyId, state: "held" },
      select: { featureType: true, integration: true, apiKeyId: true, teamId: true, amountMilli: true },
    }),
    scopeLabels(db, companyId, tracked),
  ]);
  const heldScopes = holds.map((h) => ({ scopes: scopesOf({ ...h, featureType: h.featureType as FeatureType }), amountMilli: h.amountMilli }));
  return tracked.map((t) => {
    const { current } = t;
    let usedMilli = 0n;
    let heldMilli = 0n;
    if (current) {
      for (const d of days) if (d.scope === t.scope && d.usageDate >= current.startDate && d.usageDate < current.endDate) usedMilli += d.creditsMilli;
      for (const h of heldScopes) if (h.scopes.includes(t.scope)) heldMilli += h.amountMilli;
    }
    return {
      id: t.id,
      name: t.name,
      scopeKind: t.scopeKind,
      scopeValue: t.scopeValue,
      scopeLabel: labels.get(t.scope) ?? t.scopeValue,
      limitMilli: t.limitMilli,
      period: t.period,
      current,
      usedMilli,
      heldMilli,
      reached: current !== undefined && usedMilli + heldMilli >= t.limitMilli,
    };
  });
}

/** The names of the budgets' scope values, by scope ("tracker:<id>" → "Pricing objections"). */
async function scopeLabels(
  db: Db | Tx,
  companyId: string,
  budgets: ReadonlyArray<{ scopeKind: BudgetScopeKind; scopeValue: string }>,
): Promise<Map<string, string>> {
  const ids = (kind: BudgetScopeKind) => budgets.filter((b) => b.scopeKind === kind).map((b) => b.scopeValue);
  const [trackers, keys, teams] = await Promise.all([
    db.tracker.findMany({ where: { companyId, id: { in: ids("tracker") } }, select: { id: true, name: true } }),
    db.apiKey.findMany({ where: { companyId, id: { in: ids("api_key") } }, select: { id: true, name: true } }),
    db.team.findMany({ where: { companyId, id: { in: ids("team") } }, select: { id: true, name: true } }),
  ]);
  const labels = new Map<string, string>();
  for (const f of FEATURE_TYPES) labels.set(budgetScope("feature", f), FEATURE_TYPE_LABELS[f]);
  for (const t of trackers) labels.set(budgetScope("tracker", t.id), t.name);
  for (const k of keys) labels.set(budgetScope("api_key", k.id), k.name);
  for (const t of teams) labels.set(budgetScope("team", t.id), t.name);
  return labels;
}

export type ScopeChoice = { value: string; label: string };
/** What "Applies to" offers for each kind; integrations are typed, these are suggestions. */
export type BudgetScopeChoices = Record<BudgetScopeKind, ScopeChoice[]>;

export async function listBudgetScopeChoices(db: Db | Tx, { companyId }: { companyId: string }): Promise<BudgetScopeChoices> {
  const [trackers, keys, teams, integrations] = await Promise.all([
    db.tracker.findMany({ where: { companyId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    db.apiKey.findMany({
      where: { companyId, revokedAt: null },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true, prefix: true, user: { select: { name: true } } },
    }),
    db.team.findMany({ where: { companyId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    // The integrations that have used credits: per-day scope totals, far fewer rows than usage.
    db.usageScopeDay.findMany({ where: { companyId, scope: { startsWith: "integration:" } }, distinct: ["scope"], select: { scope: true } }),
  ]);
  return {
    feature: FEATURE_TYPES.map((f) => ({ value: f, label: FEATURE_TYPE_LABELS[f] })),
    tracker: trackers.map((t) => ({ value: t.id, label: t.name })),
    integration: integrations
      .map((i) => i.scope.slice("integration:".length))
      .sort((a, b) => a.localeCompare(b))
      .map((name) => ({ value: name, label: name })),
    api_key: keys.map((k) => ({ value: k.id, label: `${k.name} (${k.user.name}, ${k.prefix}…)` })),
    team: teams.map((t) => ({ value: t.id, label: t.name })),
  };
}
