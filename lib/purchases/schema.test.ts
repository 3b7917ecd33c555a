// The "Record purchase" form's schema: each bad field refused with a message for that field.
import { describe, expect, it } from "vitest";
import { type RecordPurchaseForm, RecordPurchaseInput } from "./schema";

const valid: RecordPurchaseForm = {
  companyId: "co_1",
  credits: "1234.5",
  orderReference: "PO-1001",
  purchasedAt: "2026-03-10T09:30",
  availableFrom: "2026-03-10T09:30",
  expiresAt: "2027-01-01T00:00",
};

function fieldErrors(input: unknown) {
  const result = RecordPurchaseInput.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

describe("RecordPurchaseInput", () => {
  it("reads credits exactly, as milli-credits, and times as wall-clock times", () => {
    const parsed = RecordPurchaseInput.parse({ ...valid, credits: " 1,234.5 ", orderReference: "  PO-1001 " });
    expect(parsed.credits).toBe(1_234_500n);
    expect(parsed.orderReference).toBe("PO-1001");
    expect(parsed.purchasedAt).toEqual({ year: 2026, month: 3, day: 10, hour: 9, minute: 30, second: 0 });
    expect(parsed.expiresAt).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
    expect(RecordPurchaseInput.parse({ ...valid, credits: "0.001" }).credits).toBe(1n);
  });

  it("leaves the expiry to the term's end when it is empty or absent", () => {
    expect(RecordPurchaseInput.parse({ ...valid, expiresAt: "" }).expiresAt).toBeUndefined();
    expect(RecordPurchaseInput.parse({ ...valid, expiresAt: "  " }).expiresAt).toBeUndefined();
    const { expiresAt: _omitted, ...withoutExpiry } = valid;
    expect(RecordPurchaseInput.parse(withoutExpiry).expiresAt).toBeUndefined();
  });

  it.each([
    ["-5", /must not be negative/],
    ["0", /must be more than zero/],
    ["0.000", /must be more than zero/],
    ["1.2345", /finer than the smallest unit, 0.001 credit/],
    ["twelve", /is not a number of credits/],
    ["1e3", /is not a number of credits/],
    ["", /Credits is required/],
    ["1000000000.001", /larger than the limit/],
  ])("refuses credits %j", (credits, message) => {
    expect(fieldErrors({ ...valid, credits })).toEqual({ credits: expect.stringMatching(message) });
  });

  it("refuses credits sent as a number rather than text", () => {
    expect(Object.keys(fieldErrors({ ...valid, credits: 12.5 }))).toEqual(["credits"]);
  });

  it("requires an order reference of at most 100 characters", () => {
    expect(fieldErrors({ ...valid, orderReference: "   " })).toEqual({ orderReference: "An order reference is required." });
    expect(fieldErrors({ ...valid, orderReference: undefined })).toEqual({ orderReference: "An order reference is required." });
    expect(fieldErrors({ ...valid, orderReference: "x".repeat(101) })).toEqual({ orderReference: "An order reference is at most 100 characters." });
    expect(RecordPurchaseInput.parse({ ...valid, orderReference: "x".repeat(100) }).orderReference).toHaveLength(100);
  });

  it("names the date field that is missing or malformed", () => {
    expect(fieldErrors({ ...valid, purchasedAt: "" })).toEqual({ purchasedAt: "Purchase time is required." });
    expect(fieldErrors({ ...valid, availableFrom: "2026-02-30T10:00" })).toEqual({
      availableFrom: 'Availability start "2026-02-30T10:00" is not a date and time such as 2026-03-10T09:30.',
    });
    expect(fieldErrors({ ...valid, expiresAt: "next year" })).toEqual({
      expiresAt: 'Expiration date "next year" is not a date and time such as 2026-03-10T09:30.',
    });
  });

  it("requires a company", () => {
    expect(fieldErrors({ ...valid, companyId: "" })).toEqual({ companyId: "Choose a company." });
  });

  it("reports every bad field at once", () => {
    expect(Object.keys(fieldErrors({ companyId: "co_1", credits: "-1", orderReference: "", purchasedAt: "x", availableFrom: "" })).sort()).toEqual([
      "availableFrom",
      "credits",
      "orderReference",
      "purchasedAt",
    ]);
  });
});
