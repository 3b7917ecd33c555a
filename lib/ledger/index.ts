// lib/ledger: the only code that changes a balance.
//   createCompany      open a company's account and issue the current contract year's default credits
//   charge, chargeMany spend credits FEFO, idempotent by key, refused whole when they do not fit
//   recordPurchase     purchased credits, idempotent by order reference
//   adjustCredits      Tech-admin adjustments, positive or negative
//   settleDueAccounts  availability starts, expiries and contract-year resets that have come due
//   getCreditSummary   remaining and total now, read from grants, never from the ledger

export { type AdjustmentInput, adjustCredits } from "./adjustments";
export { type CreditSummary, type GrantView, getCreditSummary, listCurrentGrants } from "./balance";
export { charge, chargeInTransaction, chargeMany, MAX_CHARGES_PER_BATCH } from "./charge";
export { createCompany, type NewCompany } from "./company";
export { settleAccount, settleDueAccounts } from "./job";
export { type PurchaseInput, type PurchaseResult, recordPurchase } from "./purchases";
export * from "./types";
