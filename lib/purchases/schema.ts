// What the "Record purchase" form sends (R-BUY-1), checked field by field so each message lands
// next to its field. Times arrive as datetime-local text and stay wall-clock times here: only
// the company, read in recordSalesPurchase, says which zone they are in.
import { z } from "zod";
import { parseCredits } from "../credits/amount";
import { AppError } from "../errors";
import { type LocalDateTime, parseLocalDateTime } from "../time/local-time";

export const ORDER_REFERENCE_MAX = 100;

const required = (label: string) => `${label} is required.`;

function localDateTime(label: string) {
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

export const RecordPurchaseInput = z.object({
  companyId: z.string({ error: "Choose a company." }).trim().min(1, "Choose a company."),
  credits: z.string({ error: 'Credits are required: a number of credits such as "12.5".' }).transform((text, ctx) => {
    try {
      return parseCredits(text, { label: "Credits" });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  }),
  orderReference: z
    .string({ error: "An order reference is required." })
    .trim()
    .min(1, "An order reference is required.")
    .max(ORDER_REFERENCE_MAX, `An order reference is at most ${ORDER_REFERENCE_MAX} characters.`),
  purchasedAt: localDateTime("Purchase time"),
  availableFrom: localDateTime("Availability start"),
  /** Empty or absent: the end of the contract term. */
  expiresAt: z
    .string()
    .optional()
    .transform((text) => (text === undefined || text.trim() === "" ? undefined : text))
    .pipe(localDateTime("Expiration date").optional()),
});

/** What the form sends. */
export type RecordPurchaseForm = z.input<typeof RecordPurchaseInput>;
/** The same, checked: credits in milli-credits, times as wall-clock times. */
export type RecordPurchaseRequest = z.output<typeof RecordPurchaseInput>;
