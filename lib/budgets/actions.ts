"use server";
// The Budgets section's actions (R-BUDGET-1), Tech and Business admins: add, change and remove a
// budget. The company is always the acting user's own; another company's budget, or a scope
// value of another company (its tracker, key or team), is not_found.
import { authedAction } from "../actions/client";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { createBudget, removeBudget, updateBudget } from "./budgets";
import { BudgetIdInput, CreateBudgetInput, UpdateBudgetInput } from "./schemas";

export const createBudgetAction = authedAction
  .metadata({ action: "budgets.create", permission: "budgets.manage" })
  .inputSchema(CreateBudgetInput)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId, now: systemClock.now() };
    return createBudget(getDatabase(), { ...change, budget: parsedInput });
  });

export const updateBudgetAction = authedAction
  .metadata({ action: "budgets.update", permission: "budgets.manage" })
  .inputSchema(UpdateBudgetInput)
  .action(async ({ parsedInput: { budgetId, ...budget }, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId, now: systemClock.now() };
    return updateBudget(getDatabase(), { ...change, budgetId, budget });
  });

export const removeBudgetAction = authedAction
  .metadata({ action: "budgets.remove", permission: "budgets.manage" })
  .inputSchema(BudgetIdInput)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId, now: systemClock.now() };
    return removeBudget(getDatabase(), { ...change, budgetId: parsedInput.budgetId });
  });
