// The correction forms' schemas: each bad field refused with a message for that field, and
// what is fine read exactly (credits as milli-credits, times as wall-clock times).
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AdjustCreditsInput, REASON_MAX, RefundChargeInput, VoidPurchaseInput } from "./schema";

function fieldErrors(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

describe("RefundChargeInput", () => {
  it("trims the charge id and the reason", () => {
    expect(RefundChargeInput.parse({ companyId: "co_1", chargeId: "  ans_1 ", reason: " Empty answer " })).toEqual({
      companyId: "co_1",
      chargeId: "ans_1",
      reason: "Empty answer",
    });
  });

  it("asks for the charge's id and a reason, beside each", () => {
    expect(fieldErrors(RefundChargeInput, { companyId: "co_1", chargeId: " ", reason: "" })).toEqual({
      chargeId: "The charge's id is required: the id of the charged answer, such as ans_….",
      reason: "A reason is required: say why, for the audit log.",
    });
    expect(fieldErrors(RefundChargeInput, { companyId: "co_1", chargeId: "ans_1", reason: "x".repeat(REASON_MAX + 1) })).toEqual({
      reason: `A reason is at most ${REASON_MAX} characters.`,
    });
  });
});

describe("VoidPurchaseInput", () => {
  it("asks for a reason", () => {
    expect(fieldErrors(VoidPurchaseInput, { companyId: "co_1", purchaseId: "pur_1", reason: "  " })).toEqual({
      reason: "A reason is required: say why, for the audit log.",
    });
  });
});

describe("AdjustCreditsInput", () => {
  const valid = { companyId: "co_1", direction: "add", credits: "12.5", reason: "Goodwill" };

  it("reads the credits exactly and leaves empty dates to their defaults", () => {
    expect(AdjustCreditsInput.parse({ ...valid, availableFrom: "", expiresAt: "" })).toEqual({ ...valid, credits: 12_500n });
    expect(AdjustCreditsInput.parse({ ...valid, direction: "remove", credits: "0.001" }).credits).toBe(1n);
    expect(AdjustCreditsInput.parse({ ...valid, availableFrom: "2026-12-01T09:00" }).availableFrom).toEqual({
      year: 2026,
      month: 12,
      day: 1,
      hour: 9,
      minute: 0,
      second: 0,
    });
  });

  it("refuses each bad field beside it", () => {
    expect(fieldErrors(AdjustCreditsInput, { ...valid, direction: "double", credits: "-3", reason: "", expiresAt: "soon" })).toEqual({
      direction: 'Choose "Add credits" or "Remove credits".',
      credits: "Credits must not be negative (got -3).",
      reason: "A reason is required: say why, for the audit log.",
      expiresAt: 'Expiration date "soon" is not a date and time such as 2026-03-10T09:30.',
    });
    expect(fieldErrors(AdjustCreditsInput, { ...valid, credits: "0" })).toEqual({ credits: "Credits must be more than zero." });
  });
});
