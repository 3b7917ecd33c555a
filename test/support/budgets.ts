// Budgets made for one test, written as rows through lib/sql (as the credits page's dialog
// would store them), for the unit, database and HTTP tests alike: no test framework imports.
import { randomBytes } from "node:crypto";
import type { BudgetPeriod, BudgetScopeKind } from "../../lib/ledger/scopes";
import type { SqlDatabase } from "../../lib/sql";

export type TestBudget = { name: string; scopeKind: BudgetScopeKind; scopeValue: string; limitMilli: bigint; period?: BudgetPeriod };

export async function insertBudget(sql: SqlDatabase, companyId: string, budget: TestBudget, now = new Date()): Promise<string> {
  const id = `budget_${randomBytes(8).toString("hex")}`;
  await sql.run(
    `INSERT INTO "Budget" ("id", "companyId", "name", "scopeKind", "scopeValue", "limitMilli", "period", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, companyId, budget.name, budget.scopeKind, budget.scopeValue, budget.limitMilli, budget.period ?? "month", now, now],
  );
  return id;
}

/** A team of the company with the given users in it. */
export async function insertTeam(sql: SqlDatabase, companyId: string, name: string, userIds: readonly string[] = [], now = new Date()): Promise<string> {
  const id = `team_${randomBytes(8).toString("hex")}`;
  await sql.run(`INSERT INTO "Team" ("id", "companyId", "name", "createdAt") VALUES (?, ?, ?, ?)`, [id, companyId, name, now]);
  for (const userId of userIds) await sql.run(`UPDATE "User" SET "teamId" = ? WHERE "id" = ? AND "companyId" = ?`, [id, userId, companyId]);
  return id;
}
