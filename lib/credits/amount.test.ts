import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { formatCredits, formatCreditsGrouped, formatSafeMilli, parseCredits } from "./amount";

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

describe("formatCredits on both of its paths", () => {
  // The reference: bigint arithmetic only, as formatCredits was written before its fast path.
  const reference = (milli: bigint) => {
    const negative = milli < 0n;
    const abs = negative ? -milli : milli;
    const frac = (abs % 1000n).toString().padStart(3, "0").replace(/0+$/, "");
    return `${negative ? "-" : ""}${abs / 1000n}${frac ? `.${frac}` : ""}`;
  };

  it("writes every amount as bigint arithmetic does, around 2^53 and far past it", () => {
    const edge = BigInt(Number.MAX_SAFE_INTEGER);
    for (const milli of [0n, 1n, -1n, 999n, 1000n, 1001n, edge, edge - 1n, edge + 1n, -edge, -edge - 1n, 10n ** 30n + 7n]) {
      expect(formatCredits(milli)).toBe(reference(milli));
    }
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), (milli) => formatCredits(milli) === reference(milli)));
    fc.assert(fc.property(fc.bigInt({ min: -edge, max: edge }), (milli) => formatCredits(milli) === reference(milli)));
  });

  it("formats a number amount as its bigint, and refuses one past 2^53", () => {
    fc.assert(fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => formatSafeMilli(n) === reference(BigInt(n))));
    expect(() => formatSafeMilli(2 ** 53)).toThrow(/Not an exact/);
    expect(() => formatSafeMilli(1.5)).toThrow(/Not an exact/);
  });
});
