// lib/ledger: the only code that changes a balance. It imports no feature area: each write
// answers what changed (AccountChange), and takes an `afterChange` that runs in the same
// transaction; lib/billing passes the app's (usage alerts, the pause at zero, budget alerts).
//   createCompany               open a company's account and issue the current contract year's default credits
//   charge, chargeMany          spend credits FEFO, idempotent by key, refused whole when they do not fit the balance or a budget
//   chargesInTransaction        the same inside a caller's transaction (a brief's charge and its version)
//   placeHold, captureHold,     hold credits for a request in flight, then charge or give them back
//   releaseHold, placeHolds,   the same for several requests of one company in one transaction (lib/billing groups them)
//   captureHolds
//   recordPurchase              purchased credits, idempotent by order reference
//   adjustCredits               Sales' adjustments, with a reason
//   refundCharge, voidPurchase  Sales' corrections
//   settleDueAccounts           availability starts, expiries, contract-year resets, and expired holds
//   getCreditSummary            remaining, total and held now, read from grants, never from the ledger
//   grantLineage                what a grant paid for, by feature type and month
export { lockAccount } from "./account";
export { type AdjustmentInput, type AdjustmentResult, adjustCredits } from "./adjustments";
export { type CreditSummary, type GrantView, getCreditSummary, listCurrentGrants } from "./balance";
export { charge, chargeMany, chargesInTransaction, type LedgerOptions, MAX_CHARGES_PER_BATCH } from "./charge";
export { createCompany, type NewCompany } from "./company";
export { type RefundInput, type RefundResult, refundCharge, type VoidInput, type VoidResult, voidPurchase } from "./corrections";
export {
  type CaptureInput,
  type CaptureOptions,
  captureHold,
  captureHolds,
  HOLD_TTL_MS,
  type HoldInput,
  type HoldOutcome,
  placeHold,
  placeHolds,
  releaseExpiredHolds,
  releaseHold,
} from "./holds";
export { settleAccount, settleDueAccounts } from "./job";
export { type GrantLineage, grantLineage, type LineageLine } from "./lineage";
export { type PurchaseInput, type PurchaseResult, recordPurchase } from "./purchases";
export { BUDGET_PERIODS, BUDGET_SCOPE_KINDS, type BudgetPeriod, type BudgetScopeKind, budgetPeriod, budgetScope, type PeriodBounds, scopesOf } from "./scopes";
export * from "./types";
