// Budgets inside the shared pool (R-BUDGET-1): Tech and Business admins add, change and remove
// them; the ledger enforces them (lib/ledger/budgets.ts). Names are unique per company,
// whatever their case; the scope's value must exist (a feature type, a tracker, API key or
// team of the company, or an integration's name). Every change runs in one driver-level
// transaction (lib/sql) with its audit entry, one change per company at a time, so a team
// cannot be deleted between the check that it exists and the budget's write. Every function is
// scoped to one company: another company's budget, tracker, key or team is not_found. `userId`
// is who acts.
import { auditStatement } from "../audit";
import { lockCompanySettings } from "../companies/lock";
import { formatCredits } from "../credits/amount";
import type { Database } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { BUDGET_PERIODS, BUDGET_SCOPE_KINDS } from "../ledger/scopes";
import { FEATURE_TYPES } from "../ledger/types";
import { isUniqueViolation, type Query, q } from "../sql";
import { col, shape } from "../sql/rows";
import { budgetPausedReason } from "../trackers/pause";
import type { BudgetInput } from "./schemas";

type Change = { companyId: string; userId: string; now: Date };

const BudgetRow = shape({
  id: col.text,
  name: col.text,
  scopeKind: col.oneOf(BUDGET_SCOPE_KINDS),
  scopeValue: col.text,
  limitMilli: col.bigint,
  period: col.oneOf(BUDGET_PERIODS),
});
type BudgetTerms = Omit<ReturnType<typeof BudgetRow>, "id">;

/** A budget as its audit entries record it: amounts as decimal text. */
const audited = (b: BudgetTerms) => ({ name: b.name, scopeKind: b.scopeKind, scopeValue: b.scopeValue, limit: formatCredits(b.limitMilli), period: b.period });

const termsOf = (b: BudgetInput): BudgetTerms => ({ name: b.name, scopeKind: b.scopeKind, scopeValue: b.scopeValue, limitMilli: b.limit, period: b.period });

function* findBudget(companyId: string, budgetId: string): Query<ReturnType<typeof BudgetRow>> {
  const budget = yield* q.row(
    `SELECT "id", "name", "scopeKind", "scopeValue", "limitMilli", "period" FROM "Budget" WHERE "id" = ? AND "companyId" = ?`,
    [budgetId, companyId],
    BudgetRow,
  );
  if (!budget) throw new AppError("not_found", "Your company has no budget with that id.");
  return budget;
}

function* refuseTakenName(companyId: string, name: string, exceptBudgetId?: string): Query<void> {
  const budgets = yield* q.rows(`SELECT "id", "name" FROM "Budget" WHERE "companyId" = ?`, [companyId], shape({ id: col.text, name: col.text }));
  const taken = budgets.find((b) => b.id !== exceptBudgetId && b.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new AppError("invalid_request", `There is already a budget named “${taken.name}”: choose another name.`, { field: "name" });
}

const SCOPE_TABLES = { tracker: ["Tracker", "tracker"], api_key: ["ApiKey", "API key"], team: ["Team", "team"] } as const;

/** The scope's value exists for the company; another company's tracker, key or team is not_found. */
function* checkScope(companyId: string, { scopeKind, scopeValue }: Pick<BudgetTerms, "scopeKind" | "scopeValue">): Query<void> {
  if (scopeKind === "feature") {
    if (!(FEATURE_TYPES as readonly string[]).includes(scopeValue))
      throw new AppError("invalid_request", "Choose one of the features that use credits.", { field: "scopeValue" });
    return;
  }
  // Any integration name: a budget may be set before the MCP client first connects.
  if (scopeKind === "integration") return;
  const [table, what] = SCOPE_TABLES[scopeKind];
  const found = yield* q.row(`SELECT "id" FROM "${table}" WHERE "id" = ? AND "companyId" = ?`, [scopeValue, companyId], shape({ id: col.text }));
  if (!found) throw new AppError("not_found", `Your company has no ${what} with that id.`, { field: "scopeValue" });
}

/**
 * After a budget changes or goes, the trackers it paused are let go now rather than at the next
 * period: the worker resumes them on its next run, and pauses one again if it is still over a
 * budget. Without this, raising a limit would leave them paused until the period ends.
 */
function* releasePausedTrackers(companyId: string, budgetName: string, now: Date): Query<void> {
  yield* q.run(`UPDATE "Tracker" SET "resumesAt" = ? WHERE "companyId" = ? AND "status" = 'paused' AND "pausedReason" = ? AND "resumesAt" IS NOT NULL`, [
    now,
    companyId,
    budgetPausedReason(budgetName),
  ]);
}

export async function createBudget(db: Database, { companyId, userId, budget, now }: Change & { budget: BudgetInput }): Promise<{ id: string; name: string }> {
  const id = createId("budget", now);
  const terms = termsOf(budget);
  return uniqueName(() =>
    db.sql.transaction(function* (dialect) {
      yield* lockCompanySettings(dialect, companyId);
      yield* refuseTakenName(companyId, terms.name);
      yield* checkScope(companyId, terms);
      yield* q.run(
        `INSERT INTO "Budget" ("id", "companyId", "name", "scopeKind", "scopeValue", "limitMilli", "period", "createdByUserId", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, companyId, terms.name, terms.scopeKind, terms.scopeValue, terms.limitMilli, terms.period, userId, now, now],
      );
      yield* auditStatement({ userId }, now, { companyId, action: "budget.create", targetType: "budget", targetId: id, after: audited(terms) });
      return { id, name: terms.name };
    }),
  );
}

/**
 * Changes a budget. When what it counts or allows changes (scope, limit or period), its 80% and
 * 100% alerts for this period may fire again against the new terms.
 */
export async function updateBudget(
  db: Database,
  { companyId, userId, budgetId, budget, now }: Change & { budgetId: string; budget: BudgetInput },
): Promise<{ id: string; name: string; changed: boolean }> {
  const after = termsOf(budget);
  return uniqueName(() =>
    db.sql.transaction(function* (dialect) {
      yield* lockCompanySettings(dialect, companyId);
      const before = yield* findBudget(companyId, budgetId);
      const termsChanged =
        before.scopeKind !== after.scopeKind ||
        before.scopeValue !== after.scopeValue ||
        before.limitMilli !== after.limitMilli ||
        before.period !== after.period;
      if (!termsChanged && before.name === after.name) return { id: before.id, name: before.name, changed: false };
      if (before.name !== after.name) yield* refuseTakenName(companyId, after.name, before.id);
      yield* checkScope(companyId, after);
      yield* q.run(`UPDATE "Budget" SET "name" = ?, "scopeKind" = ?, "scopeValue" = ?, "limitMilli" = ?, "period" = ?, "updatedAt" = ? WHERE "id" = ?`, [
        after.name,
        after.scopeKind,
        after.scopeValue,
        after.limitMilli,
        after.period,
        now,
        before.id,
      ]);
      if (termsChanged) yield* q.run(`DELETE FROM "BudgetAlert" WHERE "budgetId" = ?`, [before.id]);
      yield* releasePausedTrackers(companyId, before.name, now);
      yield* auditStatement({ userId }, now, {
        companyId,
        action: "budget.update",
        targetType: "budget",
        targetId: before.id,
        before: audited(before),
        after: audited(after),
      });
      return { id: before.id, name: after.name, changed: true };
    }),
  );
}

export async function removeBudget(db: Database, { companyId, userId, budgetId, now }: Change & { budgetId: string }): Promise<{ id: string; name: string }> {
  return db.sql.transaction(function* (dialect) {
    yield* lockCompanySettings(dialect, companyId);
    const budget = yield* findBudget(companyId, budgetId);
    yield* q.run(`DELETE FROM "BudgetAlert" WHERE "budgetId" = ?`, [budget.id]);
    yield* q.run(`DELETE FROM "Budget" WHERE "id" = ?`, [budget.id]);
    yield* releasePausedTrackers(companyId, budget.name, now);
    yield* auditStatement({ userId }, now, { companyId, action: "budget.remove", targetType: "budget", targetId: budget.id, before: audited(budget) });
    return { id: budget.id, name: budget.name };
  });
}

/** The (companyId, name) unique index behind the check: a write that hits it gets the same message. */
async function uniqueName<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("invalid_request", "There is already a budget with that name: choose another name.", { field: "name" });
    throw error;
  }
}
