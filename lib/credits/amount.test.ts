import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { formatCredits, formatCreditsGrouped, parseCredits } from "./amount";

describe("credit amounts", () => {
  it("formats milli-credits as exact decimals without trailing zeros", () => {
    expect(formatCredits(0n)).toBe("0");
    expect(formatCredits(300n)).toBe("0.3");
    expect(formatCredits(12_500n)).toBe("12.5");
    expect(formatCredits(-300n)).toBe("-0.3");
    expect(formatCredits(1_234_001n)).toBe("1234.001");
    expect(formatCredits(9_007_199_254_740_993n)).toBe("9007199254740.993");
    expect(formatCreditsGrouped(1_234_567_500n)).toBe("1,234,567.5");
    expect(formatCreditsGrouped(-1_000_000n)).toBe("-1,000");
  });

  it("adds 0.1 and 0.2 to exactly 0.3", () => {
    expect(formatCredits(parseCredits("0.1") + parseCredits("0.2"))).toBe("0.3");
  });

  it("parses what it formats, for any amount", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n }), (milli) => {
        expect(parseCredits(formatCredits(milli), { allowNegative: true, allowZero: true })).toBe(milli);
      }),
    );
  });

  it("accepts grouping commas and JSON numbers that are exact decimals", () => {
    expect(parseCredits("1,000.5")).toBe(1_000_500n);
    expect(parseCredits(12.5)).toBe(12_500n);
    expect(parseCredits(" 7 ")).toBe(7_000n);
  });

  it.each([
    ["", "required"],
    ["abc", "not a number"],
    ["1.0001", "finer than the smallest unit"],
    ["-5", "must not be negative"],
    ["0", "more than zero"],
    ["1e3", "not a number"],
    ["12.", "not a number"],
    [Number.NaN, "required"],
    [1e21, "required"],
    ["99999999999999", "not a number"],
    ["2000000000", "larger than the limit"],
  ])("refuses %j with a message that names the problem", (input, words) => {
    let error: unknown;
    try {
      parseCredits(input, { label: "Credits" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(words);
    expect((error as AppError).message).toMatch(/^Credits/);
  });
});
