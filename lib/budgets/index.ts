// lib/budgets: budgets inside the shared pool (R-BUDGET-1), as admins manage and read them. The
// ledger enforces them (lib/ledger/budgets.ts: BudgetGuard, budgetPeriod, budgetScope); alerts
// at 80% and 100% are lib/notify/budget-alerts.ts.
//   CreateBudgetInput, UpdateBudgetInput, BudgetIdInput   what the dialog sends (schemas.ts)
//   createBudget, updateBudget, removeBudget              Tech and Business admins; audited, names unique per company
//   listBudgets                                           each budget with its usage this period
//   listBudgetScopeChoices                                what "Applies to" offers
//   SCOPE_KIND_LABELS, PERIOD_LABELS, scopeWords          budgets in words (labels.ts, safe for client components)
// The server actions (actions.ts) authorize the caller, then call one of these.
export { createBudget, removeBudget, updateBudget } from "./budgets";
export { PERIOD_LABELS, SCOPE_KIND_LABELS, scopeWords } from "./labels";
export { type BudgetScopeChoices, type BudgetView, listBudgetScopeChoices, listBudgets, type ScopeChoice } from "./queries";
export { BUDGET_NAME_MAX, type BudgetForm, BudgetIdInput, type BudgetInput, CreateBudgetInput, INTEGRATION_NAME_MAX, UpdateBudgetInput } from "./schemas";
