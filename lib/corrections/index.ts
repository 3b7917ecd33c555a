// lib/corrections: Sales' corrections of a company's credits, each with a reason and an audit
// entry written in the same transaction. The ledger (through lib/billing) makes the change.
//   refundSalesCharge    a charge back to the grants that paid it (R-CORRECT-1)
//   voidSalesPurchase    what remains of a purchase recorded in error, removed (R-CORRECT-2)
//   adjustSalesCredits   credits added (a grant of their own) or removed (R-LEDGER-1)
//   RefundChargeInput, VoidPurchaseInput, AdjustCreditsInput   the forms' zod schemas
// The server actions are in actions.ts.
export { type AdjustedCredits, adjustSalesCredits } from "./adjust";
export { type RefundedCharge, refundSalesCharge } from "./refund";
export {
  ADJUST_DIRECTIONS,
  type AdjustCreditsForm,
  AdjustCreditsInput,
  type AdjustCreditsRequest,
  CHARGE_ID_MAX,
  REASON_MAX,
  type RefundChargeForm,
  RefundChargeInput,
  type RefundChargeRequest,
  type VoidPurchaseForm,
  VoidPurchaseInput,
  type VoidPurchaseRequest,
} from "./schema";
export { type VoidedPurchase, voidSalesPurchase } from "./void";
