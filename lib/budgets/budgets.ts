// Budgets inside the shared pool (R-BUDGET-1): Tech and Business admins add, change and remove
// them; the ledger enforces them (lib/ledger/budgets.ts). Names are unique per company,
// whatever their case; the scope's value must exist (a feature type, a tracker, API key or
// team of the company, or an integration's name); every change writes its audit entry in the
// same transaction. Every function is scoped to one company: another company's budget, tracker,
// key or team is not_found. `userId` is who acts.
import { auditData } from "../audit";
import { formatCredits } from "../credits/amount";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { FEATURE_TYPES } from "../ledger/types";
import { isUniqueViolation } from "../prisma-errors";
import { budgetPausedReason } from "../trackers/pause";
import type { BudgetInput } from "./schemas";

type Change = { companyId: string; userId: string; now: Date };
type BudgetRow = Awaited<ReturnType<Db["budget"]["findFirstOrThrow"]>>;

/** A budget as its audit entries record it: amounts as decimal text. */
const audited = (b: Pick<BudgetRow, "name" | "scopeKind" | "scopeValue" | "limitMilli" | "period">) => ({
  name: b.name,
  scopeKind: b.scopeKind,
  scopeValue: b.scopeValue,
  limit: formatCredits(b.limitMilli),
  period: b.period,
});

async function findBudget(tx: Tx, companyId: string, budgetId: string): Promise<BudgetRow> {
  const budget = await tx.budget.findFirst({ where: { id: budgetId, companyId } });
  if (!budget) throw new AppError("not_found", "Your company has no budget with that id.");
  return budget;
}

async function refuseTakenName(tx: Tx, companyId: string, name: string, exceptBudgetId?: string) {
  const budgets = await tx.budget.findMany({ where: { companyId }, select: { id: true, name: true } });
  const taken = budgets.find((b) => b.id !== exceptBudgetId && b.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new AppError("invalid_request", `There is already a budget named “${taken.name}”: choose another name.`, { field: "name" });
}

/** The scope's value exists for the company; another company's tracker, key or team is not_found. */
async function checkScope(tx: Tx, companyId: string, { scopeKind, scopeValue }: Pick<BudgetInput, "scopeKind" | "scopeValue">) {
  const missing = (what: string) => new AppError("not_found", `Your company has no ${what} with that id.`, { field: "scopeValue" });
  switch (scopeKind) {
    case "feature":
      if (!(FEATURE_TYPES as readonly string[]).includes(scopeValue))
        throw new AppError("invalid_request", "Choose one of the features that use credits.", { field: "scopeValue" });
      return;
    case "tracker":
      if (!(await tx.tracker.findFirst({ where: { id: scopeValue, companyId }, select: { id: true } }))) throw missing("tracker");
      return;
    case "api_key":
      if (!(await tx.apiKey.findFirst({ where: { id: scopeValue, companyId }, select: { id: true } }))) throw missing("API key");
      return;
    case "team":
      if (!(await tx.team.findFirst({ where: { id: scopeValue, companyId }, select: { id: true } }))) throw missing("team");
      return;
    case "integration":
      // Any name: a budget may be set before the MCP client first connects.
      return;
  }
}

/**
 * After a budget changes or goes, the trackers it paused are let go now rather than at the next
 * period: the worker resumes them on its next run, and pauses one again if it is still over a
 * budget. Without this, raising a limit would leave them paused until the period ends.
 */
async function releasePausedTrackers(tx: Tx, companyId: string, budgetName: string, now: Date) {
  await tx.tracker.updateMany({
    where: { companyId, status: "paused", pausedReason: budgetPausedReason(budgetName), resumesAt: { not: null } },
    data: { resumesAt: now },
  });
}

export async function createBudget(prisma: Db, { companyId, userId, budget, now }: Change & { budget: BudgetInput }): Promise<{ id: string; name: string }> {
  return uniqueName(() =>
    prisma.$transaction(async (tx) => {
      await refuseTakenName(tx, companyId, budget.name);
      await checkScope(tx, companyId, budget);
      const { name, scopeKind, scopeValue, limit, period } = budget;
      const data = {
        id: createId("budget", now),
        companyId,
        name,
        scopeKind,
        scopeValue,
        limitMilli: limit,
        period,
        createdByUserId: userId,
        createdAt: now,
        updatedAt: now,
      };
      await tx.budget.create({ data });
      await tx.auditEntry.create({
        data: auditData({ userId }, now, { companyId, action: "budget.create", targetType: "budget", targetId: data.id, after: audited(data) }),
      });
      return { id: data.id, name };
    }),
  );
}

/**
 * Changes a budget. When what it counts or allows changes (scope, limit or period), its 80% and
 * 100% alerts for this period may fire again against the new terms.
 */
export async function updateBudget(
  prisma: Db,
  { companyId, userId, budgetId, budget, now }: Change & { budgetId: string; budget: BudgetInput },
): Promise<{ id: string; name: string; changed: boolean }> {
  return uniqueName(() =>
    prisma.$transaction(async (tx) => {
      const before = await findBudget(tx, companyId, budgetId);
      const after = { name: budget.name, scopeKind: budget.scopeKind, scopeValue: budget.scopeValue, limitMilli: budget.limit, period: budget.period };
      const termsChanged =
        before.scopeKind !== after.scopeKind ||
        before.scopeValue !== after.scopeValue ||
        before.limitMilli !== after.limitMilli ||
        before.period !== after.period;
      if (!termsChanged && before.name === after.name) return { id: before.id, name: before.name, changed: false };
      if (before.name !== after.name) await refuseTakenName(tx, companyId, after.name, before.id);
      await checkScope(tx, companyId, budget);
      await tx.budget.update({ where: { id: before.id }, data: { ...after, updatedAt: now } });
      if (termsChanged) await tx.budgetAlert.deleteMany({ where: { budgetId: before.id } });
      await releasePausedTrackers(tx, companyId, before.name, now);
      await tx.auditEntry.create({
        data: auditData({ userId }, now, {
          companyId,
          action: "budget.update",
          targetType: "budget",
          targetId: before.id,
          before: audited(before),
          after: audited(after),
        }),
      });
      return { id: before.id, name: after.name, changed: true };
    }),
  );
}

export async function removeBudget(prisma: Db, { companyId, userId, budgetId, now }: Change & { budgetId: string }): Promise<{ id: string; name: string }> {
  return prisma.$transaction(async (tx) => {
    const budget = await findBudget(tx, companyId, budgetId);
    await tx.budget.delete({ where: { id: budget.id } });
    await releasePausedTrackers(tx, companyId, budget.name, now);
    await tx.auditEntry.create({
      data: auditData({ userId }, now, { companyId, action: "budget.remove", targetType: "budget", targetId: budget.id, before: audited(budget) }),
    });
    return { id: budget.id, name: budget.name };
  });
}

/** Two admins naming two budgets alike at once: the loser's write hits the unique index. */
async function uniqueName<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("invalid_request", "There is already a budget with that name: choose another name.", { field: "name" });
    throw error;
  }
}
