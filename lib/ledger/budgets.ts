// Budgets inside the shared pool (R-BUDGET-1, R-BUDGET-2): a limit in credits per period on one
// scope (a feature type, a tracker, an integration, an API key, a team). A charge that would take
// any budget that applies to it past its limit is refused whole, in the transaction that checks
// the balance, under the company's account lock, so no concurrency lets a period end above its
// limit. What a period has used is read from what the ledger wrote: the usage per day and scope
// (UsageScopeDay, written with every charge and refund in the same transaction), plus what is
// held for requests in flight in that scope.
import { placeholders, type Query, q } from "../sql";
import { col, type RowDecoder, shape } from "../sql/rows";
import type { Account } from "./account";
import { BUDGET_PERIODS, BUDGET_SCOPE_KINDS, budgetPeriod, budgetScope, type PeriodBounds, scopesOf } from "./scopes";
import { type BudgetRefusal, type BudgetStanding, FEATURE_TYPES, type UsageDescriptor } from "./types";

const BudgetRow = shape({
  id: col.text,
  name: col.text,
  scopeKind: col.oneOf(BUDGET_SCOPE_KINDS),
  scopeValue: col.text,
  limitMilli: col.bigint,
  period: col.oneOf(BUDGET_PERIODS),
});
const HeldRow = shape({
  featureType: col.oneOf(FEATURE_TYPES),
  trackerId: col.text,
  integration: col.text,
  apiKeyId: col.text,
  teamId: col.text,
  amountMilli: col.bigint,
});

type UsedQuery = { text: string; decode: RowDecoder<Record<string, bigint>> };
const usedQueries = new Map<string, UsedQuery>();

/**
 * The sums of `budgets` budgets over `scopes` distinct scopes: built once per pair of counts (a
 * company's budgets are the same from one charge to the next), so the statement is found by the
 * same text every time.
 */
function usedQuery(budgets: number, scopes: number): UsedQuery {
  const key = `${budgets} ${scopes}`;
  let query = usedQueries.get(key);
  if (!query) {
    const sums = Array.from(
      { length: budgets },
      (_, i) => `COALESCE(SUM(CASE WHEN "scope" = ? AND "usageDate" >= ? AND "usageDate" < ? THEN "creditsMilli" END), 0) AS "b${i}"`,
    );
    query = {
      text: `SELECT ${sums.join(", ")} FROM "UsageScopeDay" WHERE "companyId" = ? AND "usageDate" >= ? AND "scope" IN (${placeholders(scopes)})`,
      decode: shape(Object.fromEntries(sums.map((_, i) => [`b${i}`, col.bigint]))),
    };
    if (usedQueries.size >= 256) usedQueries.clear();
    usedQueries.set(key, query);
  }
  return query;
}

/** A budget in this transaction: what its period has charged, and what is held in its scope besides. */
type Tracked = { id: string; name: string; scope: string; limitMilli: bigint; usedMilli: bigint; heldMilli: bigint; bounds: PeriodBounds; touched: boolean };

/** The company's budgets in one transaction: what each period has used, checked and added to per charge. */
export class BudgetGuard {
  private constructor(private readonly budgets: Tracked[]) {}

  static readonly none = new BudgetGuard([]);

  /** Reads the company's budgets and their usage this period; nothing when it has none. */
  static *load(account: Account, now: Date, { countHeld = true }: { countHeld?: boolean } = {}): Query<BudgetGuard> {
    if (!account.hasBudgets) return BudgetGuard.none;
    const rows = yield* q.rows(
      `SELECT "id", "name", "scopeKind", "scopeValue", "limitMilli", "period" FROM "Budget" WHERE "companyId" = ?`,
      [account.companyId],
      BudgetRow,
    );
    if (rows.length === 0) return BudgetGuard.none;
    const tracked: Tracked[] = [];
    for (const b of rows) {
      const bounds = budgetPeriod(b.period, account.company, now);
      if (bounds)
        tracked.push({
          id: b.id,
          name: b.name,
          scope: budgetScope(b.scopeKind, b.scopeValue),
          limitMilli: b.limitMilli,
          usedMilli: 0n,
          heldMilli: 0n,
          bounds,
          touched: false,
        });
    }
    if (tracked.length === 0) return BudgetGuard.none;
    // One statement for every budget: a sum per budget over its scope and period.
    const params = tracked.flatMap((t) => [t.scope, t.bounds.startDate, t.bounds.endDate]);
    const earliest = tracked.reduce((min, t) => (t.bounds.startDate < min ? t.bounds.startDate : min), tracked[0]!.bounds.startDate);
    const scopes = [...new Set(tracked.map((t) => t.scope))];
    const { text, decode } = usedQuery(tracked.length, scopes.length);
    const used = yield* q.row(text, [...params, account.companyId, earliest, ...scopes], decode);
    tracked.forEach((t, i) => {
      t.usedMilli = used?.[`b${i}`] ?? 0n;
    });
    if (countHeld) {
      const held = yield* q.rows(
        `SELECT "featureType", '' AS "trackerId", "integration", "apiKeyId", "teamId", "amountMilli" FROM "Hold" WHERE "companyId" = ? AND "state" = 'held'`,
        [account.companyId],
        HeldRow,
      );
      for (const h of held) {
        const holdScopes = scopesOf(h);
        for (const t of tracked) if (holdScopes.includes(t.scope)) t.heldMilli += h.amountMilli;
      }
    }
    return new BudgetGuard(tracked);
  }

  get isEmpty(): boolean {
    return this.budgets.length === 0;
  }

  /** The first budget `amountMilli` for `usage` would take past its limit, or undefined. */
  check(usage: UsageDescriptor, amountMilli: bigint): BudgetRefusal | undefined {
    if (this.budgets.length === 0) return undefined;
    const scopes = scopesOf(usage);
    for (const t of this.budgets) {
      if (!scopes.includes(t.scope)) continue;
      // Held credits are taken from the limit (requests in flight cannot together pass it), and
      // a refusal counts them as used.
      const takenMilli = t.usedMilli + t.heldMilli;
      if (takenMilli + amountMilli > t.limitMilli) {
        return { budgetId: t.id, name: t.name, limitMilli: t.limitMilli, usedMilli: takenMilli, requiredMilli: amountMilli, resumesAt: t.bounds.endsAt };
      }
    }
    return undefined;
  }

  /** Counts a charge of `amountMilli` for `usage` toward the budgets it falls in. */
  add(usage: UsageDescriptor, amountMilli: bigint): void {
    if (this.budgets.length === 0) return;
    const scopes = scopesOf(usage);
    for (const t of this.budgets) {
      if (!scopes.includes(t.scope)) continue;
      t.usedMilli += amountMilli;
      t.touched = true;
    }
  }

  /** Counts credits held in this transaction for `usage` toward the budgets it falls in, as a hold read from the table counts. */
  hold(usage: UsageDescriptor, amountMilli: bigint): void {
    if (this.budgets.length === 0) return;
    const scopes = scopesOf(usage);
    for (const t of this.budgets) if (scopes.includes(t.scope)) t.heldMilli += amountMilli;
  }

  /** Marks the budgets `usage` falls in as charged in this transaction (their usage was read after it). */
  touch(usage: Pick<UsageDescriptor, "featureType" | "trackerId" | "integration" | "apiKeyId" | "teamId">): void {
    const scopes = scopesOf(usage);
    for (const t of this.budgets) if (scopes.includes(t.scope)) t.touched = true;
  }

  /** The budgets charged in this transaction, as they stand now: their usage, held credits aside (for budget alerts). */
  standings(): BudgetStanding[] {
    return this.budgets
      .filter((t) => t.touched)
      .map((t) => ({
        budgetId: t.id,
        name: t.name,
        limitMilli: t.limitMilli,
        usedMilli: t.usedMilli,
        periodStart: t.bounds.startDate,
        periodLabel: t.bounds.label,
      }));
  }
}
