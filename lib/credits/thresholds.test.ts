import { describe, expect, it } from "vitest";
import { describeThresholds, formatTenthsOfPercent } from "./thresholds";

const passed = (view: ReturnType<typeof describeThresholds>) => view.thresholds.filter((t) => t.passed).map((t) => t.percent);

describe("usage thresholds", () => {
  it("lists 60, 80, 90, 95 and 100 percent in order", () => {
    const view = describeThresholds({ usedMilli: 0n, totalMilli: 1000n, firings: [] });
    expect(view.thresholds.map((t) => t.percent)).toEqual([60, 80, 90, 95, 100]);
    expect(passed(view)).toEqual([]);
  });

  it("passes a threshold at exactly its share, and not a milli-credit before", () => {
    expect(passed(describeThresholds({ usedMilli: 60_000n, totalMilli: 100_000n, firings: [] }))).toEqual([60]);
    expect(passed(describeThresholds({ usedMilli: 59_999n, totalMilli: 100_000n, firings: [] }))).toEqual([]);
    expect(passed(describeThresholds({ usedMilli: 94_999n, totalMilli: 100_000n, firings: [] }))).toEqual([60, 80, 90]);
    expect(passed(describeThresholds({ usedMilli: 100_000n, totalMilli: 100_000n, firings: [] }))).toEqual([60, 80, 90, 95, 100]);
  });

  it("compares exactly where a float would not: 2 of 3 milli-credits is past 60%, 1 is not", () => {
    expect(passed(describeThresholds({ usedMilli: 2n, totalMilli: 3n, firings: [] }))).toEqual([60]);
    expect(passed(describeThresholds({ usedMilli: 1n, totalMilli: 3n, firings: [] }))).toEqual([]);
    const huge = 9_007_199_254_740_993n * 100n;
    expect(passed(describeThresholds({ usedMilli: (huge * 95n) / 100n - 1n, totalMilli: huge, firings: [] }))).toEqual([60, 80, 90]);
  });

  it("shows the share used in tenths of a percent, rounded down", () => {
    const view = describeThresholds({ usedMilli: 7_349n, totalMilli: 10_000n, firings: [] });
    expect(view.usedTenthsOfPercent).toBe(734n);
    expect(formatTenthsOfPercent(734n)).toBe("73.4%");
    expect(formatTenthsOfPercent(1000n)).toBe("100%");
    expect(formatTenthsOfPercent(5n)).toBe("0.5%");
  });

  it("names the next threshold and the credits to go, rounded up to a whole milli-credit", () => {
    expect(describeThresholds({ usedMilli: 0n, totalMilli: 100_000n, firings: [] }).next).toEqual({ percent: 60, creditsToGoMilli: 60_000n });
    expect(describeThresholds({ usedMilli: 1n, totalMilli: 3n, firings: [] }).next).toEqual({ percent: 60, creditsToGoMilli: 1n });
    expect(describeThresholds({ usedMilli: 85_000n, totalMilli: 100_000n, firings: [] }).next).toEqual({ percent: 90, creditsToGoMilli: 5_000n });
    expect(describeThresholds({ usedMilli: 100_000n, totalMilli: 100_000n, firings: [] }).next).toBeNull();
  });

  it("passes nothing when there are no credits", () => {
    const view = describeThresholds({ usedMilli: 0n, totalMilli: 0n, firings: [] });
    expect(passed(view)).toEqual([]);
    expect(view.usedTenthsOfPercent).toBeNull();
    expect(view.next).toBeNull();
  });

  it("shows when each recorded threshold fired, whether or not usage is still past it", () => {
    const firedAt = new Date("2026-11-02T14:00:00Z");
    const view = describeThresholds({ usedMilli: 50n, totalMilli: 100n, firings: [{ percent: 60, firedAt }] });
    expect(view.thresholds[0]).toEqual({ percent: 60, passed: false, firedAt });
    expect(view.thresholds[1]).toEqual({ percent: 80, passed: false, firedAt: null });
  });
});
