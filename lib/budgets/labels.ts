// Budgets in words, the same in the Budgets section and its dialog: what a budget applies to
// ("Feature: Ask Anything API", "Team: Enterprise") and its period ("Monthly", "Contract year").
// Types only from the ledger, so client components may import this module.
import type { BudgetPeriod, BudgetScopeKind } from "../ledger/scopes";

export const SCOPE_KIND_LABELS: Record<BudgetScopeKind, string> = {
  feature: "Feature",
  tracker: "Tracker",
  integration: "Integration",
  api_key: "API key",
  team: "Team",
};

export const PERIOD_LABELS: Record<BudgetPeriod, string> = { month: "Monthly", contract_year: "Contract year" };

/** "Feature: Ask Anything API"; `label` is the scope value's name (a tracker's, a team's). */
export function scopeWords(kind: BudgetScopeKind, label: string): string {
  return `${SCOPE_KIND_LABELS[kind]}: ${label}`;
}
