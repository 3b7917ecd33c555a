// What Sales' correction forms send (R-CORRECT-1, R-CORRECT-2, R-LEDGER-1): "Refund a charge",
// "Void" on a purchase and "Adjust credits", each with a reason for the audit log. Checked field
// by field so each message lands next to its field; times stay wall-clock times until the
// company's zone is read (lib/corrections/adjust.ts).
import { z } from "zod";
import { companyIdField, creditsText, optionalLocalDateTime } from "../purchases/schema";

export const REASON_MAX = 500;
export const CHARGE_ID_MAX = 200;

const reason = z
  .string({ error: "A reason is required: say why, for the audit log." })
  .trim()
  .min(1, "A reason is required: say why, for the audit log.")
  .max(REASON_MAX, `A reason is at most ${REASON_MAX} characters.`);

export const RefundChargeInput = z.object({
  companyId: companyIdField,
  /** The `id` of the charged answer (ans_…, brief_…) or the charge's ledger entry id. */
  chargeId: z
    .string({ error: "The charge's id is required: the id of the charged answer, such as ans_…." })
    .trim()
    .min(1, "The charge's id is required: the id of the charged answer, such as ans_….")
    .max(CHARGE_ID_MAX, `A charge id is at most ${CHARGE_ID_MAX} characters.`),
  reason,
});
export type RefundChargeForm = z.input<typeof RefundChargeInput>;
export type RefundChargeRequest = z.output<typeof RefundChargeInput>;

export const VoidPurchaseInput = z.object({
  companyId: companyIdField,
  purchaseId: z.string({ error: "Choose the purchase to void." }).trim().min(1, "Choose the purchase to void."),
  reason,
});
export type VoidPurchaseForm = z.input<typeof VoidPurchaseInput>;
export type VoidPurchaseRequest = z.output<typeof VoidPurchaseInput>;

export const ADJUST_DIRECTIONS = ["add", "remove"] as const;

export const AdjustCreditsInput = z.object({
  companyId: companyIdField,
  direction: z.enum(ADJUST_DIRECTIONS, { error: 'Choose "Add credits" or "Remove credits".' }),
  /** How many credits to add or remove: always positive, the direction gives the sign. */
  credits: creditsText(),
  reason,
  /** Added credits only (ignored when removing). Empty or absent: now. */
  availableFrom: optionalLocalDateTime("Availability start"),
  /** Added credits only (ignored when removing). Empty or absent: the end of the contract term. */
  expiresAt: optionalLocalDateTime("Expiration date"),
});
export type AdjustCreditsForm = z.input<typeof AdjustCreditsInput>;
export type AdjustCreditsRequest = z.output<typeof AdjustCreditsInput>;
