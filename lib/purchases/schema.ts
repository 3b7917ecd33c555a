// What the "Record purchase" form sends (R-BUY-1), checked field by field so each message lands
// next to its field. Times arrive as datetime-local text and stay wall-clock times here: only
// the company, read in recordSalesPurchase, says which zone they are in.
import { z } from "zod";
import { parseCredits } from "../credits/amount";
import { AppError } from "../errors";
import { type LocalDateTime, parseLocalDateTime } from "../time/local-time";

export const ORDER_REFERENCE_MAX = 100;

const required = (label: string) => `${label} is required.`;

/** A datetime-local field, kept as a wall-clock time; `label` names it in messages. */
export function localDateTime(label: string) {
  return z
    .string({ error: required(label) })
    .trim()
    .min(1, required(label))
    .transform((text, ctx): LocalDateTime => {
      const local = parseLocalDateTime(text);
      if (!local) {
        ctx.addIssue({ code: "custom", message: `${label} "${text}" is not a date and time such as 2026-03-10T09:30.` });
        return z.NEVER;
      }
      return local;
    });
}

/** An optional datetime-local field: empty or absent is undefined (the caller's default). */
export function optionalLocalDateTime(label: string) {
  return z
    .string()
    .optional()
    .transform((text) => (text === undefined || text.trim() === "" ? undefined : text))
    .pipe(localDateTime(label).optional());
}

/** A positive number of credits as decimal text, in milli-credits. */
export function creditsText(label = "Credits") {
  return z.string({ error: `${label} are required: a number of credits such as "12.5".` }).transform((text, ctx) => {
    try {
      return parseCredits(text, { label });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  });
}

export const companyIdField = z.string({ error: "Choose a company." }).trim().min(1, "Choose a company.");

export const RecordPurchaseInput = z.object({
  companyId: companyIdField,
  credits: creditsText(),
  orderReference: z
    .string({ error: "An order reference is required." })
    .trim()
    .min(1, "An order reference is required.")
    .max(ORDER_REFERENCE_MAX, `An order reference is at most ${ORDER_REFERENCE_MAX} characters.`),
  purchasedAt: localDateTime("Purchase time"),
  availableFrom: localDateTime("Availability start"),
  /** Empty or absent: the end of the contract term. */
  expiresAt: optionalLocalDateTime("Expiration date"),
});

/** What the form sends. */
export type RecordPurchaseForm = z.input<typeof RecordPurchaseInput>;
/** The same, checked: credits in milli-credits, times as wall-clock times. */
export type RecordPurchaseRequest = z.output<typeof RecordPurchaseInput>;
