// lib/ledger: the only code that changes a balance.
//   createCompany      open a company's account and issue the current contract year's default credits
//   charge, chargeMany spend credits FEFO, idempotent by key, refused whole when they do not fit
//   recordPurchase     purchased credits, idempotent by order reference
//   adjustCredits      Tech-admin adjustments, positive or negative
//   settleDueAccounts  availability starts, expiries and contract-year resets that have come due
//   getCreditSummary   remaining and total now, read from grants, never from the ledger
export { getCreditSummary, listCurrentGrants, type CreditSummary, type GrantView } from "./balance";
export { charge, chargeMany, MAX_CHARGES_PER_BATCH } from "./charge";
export { recordPurchase, type PurchaseInput, type PurchaseResult } from "./purchases";
export { adjustCredits, type AdjustmentInput } from "./adjustments";
export { createCompany, type NewCompany } from "./company";
export { settleDueAccounts, settleAccount } from "./job";
export * from "./types";
