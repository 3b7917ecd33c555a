import { describe, expect, it } from "vitest";
import { formatCredits } from "../credits/amount";
import { callCostMilli, EMAIL_COST_MILLI, itemsCostMilli } from "./index";

describe("credit cost of processed data (R-COST-1)", () => {
  it("charges 0.1 per email, 10 emails a credit", () => {
    expect(formatCredits(EMAIL_COST_MILLI)).toBe("0.1");
    expect(formatCredits(itemsCostMilli([], 10))).toBe("1");
  });

  it("charges 0.5 for calls up to and including 10 minutes, 1 for longer calls", () => {
    expect(formatCredits(callCostMilli(0))).toBe("0.5");
    expect(formatCredits(callCostMilli(599))).toBe("0.5");
    expect(formatCredits(callCostMilli(600))).toBe("0.5");
    expect(formatCredits(callCostMilli(601))).toBe("1");
    expect(formatCredits(callCostMilli(7200))).toBe("1");
  });

  it("sums a mix exactly", () => {
    expect(formatCredits(itemsCostMilli([600, 601, 30], 3))).toBe("2.3");
  });

  it("refuses negative or fractional durations and counts", () => {
    expect(() => callCostMilli(-1)).toThrow(/whole number of seconds/);
    expect(() => callCostMilli(1.5)).toThrow(/whole number of seconds/);
    expect(() => itemsCostMilli([], -1)).toThrow(/email count/);
  });
});
