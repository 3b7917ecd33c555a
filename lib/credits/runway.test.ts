import { describe, expect, it } from "vitest";
import { addDays } from "./calendar";
import { computeRunway } from "./runway";

const TODAY = "2026-11-25";
const credits = (n: number) => BigInt(n) * 1000n;
const grant = (remainingCredits: number, lastUsableInDays: number) => ({
  remainingMilli: credits(remainingCredits),
  lastUsableDate: addDays(TODAY, lastUsableInDays),
});

describe("runway", () => {
  it("says there are no credits when no available grant holds any", () => {
    expect(computeRunway({ grants: [], usedInWindowMilli: credits(300), today: TODAY })).toEqual({ kind: "no-credits" });
    expect(computeRunway({ grants: [grant(0, 100)], usedInWindowMilli: credits(300), today: TODAY })).toEqual({ kind: "no-credits" });
  });

  it("says there was no usage when nothing was used in the window", () => {
    expect(computeRunway({ grants: [grant(1000, 100)], usedInWindowMilli: 0n, today: TODAY })).toEqual({ kind: "no-usage", windowDays: 30 });
  });

  it("divides the balance by the average daily burn: 1,000 credits at 10 a day last 100 days, today included", () => {
    const runway = computeRunway({ grants: [grant(1000, 365)], usedInWindowMilli: credits(300), today: TODAY });
    expect(runway).toEqual({ kind: "runs-out", runsOutOn: addDays(TODAY, 99), daysLeft: 99, dailyBurnMilli: credits(10), windowDays: 30 });
  });

  it("puts a balance smaller than one day's burn at zero today", () => {
    expect(computeRunway({ grants: [grant(5, 365)], usedInWindowMilli: credits(300), today: TODAY })).toMatchObject({
      kind: "runs-out",
      runsOutOn: TODAY,
      daysLeft: 0,
    });
  });

  it("keeps fractions of a milli-credit a day exact: 1 milli-credit used in 30 days", () => {
    const runway = computeRunway({ grants: [{ remainingMilli: 1n, lastUsableDate: addDays(TODAY, 365) }], usedInWindowMilli: 1n, today: TODAY });
    expect(runway).toMatchObject({ kind: "runs-out", runsOutOn: addDays(TODAY, 29), dailyBurnMilli: 0n });
  });

  it("says the credits expire first when the last grant ends with credits left", () => {
    // 1,000 credits at 10 a day would last 100 days; the grant's last day is in 49 days (50 days of use).
    const runway = computeRunway({ grants: [grant(1000, 49)], usedInWindowMilli: credits(300), today: TODAY });
    expect(runway).toEqual({
      kind: "expires-first",
      expiresAfter: addDays(TODAY, 49),
      expiringMilli: credits(500),
      dailyBurnMilli: credits(10),
      windowDays: 30,
    });
  });

  it("runs out on the grant's last day, not 'expires first', when the burn ends it exactly then", () => {
    expect(computeRunway({ grants: [grant(500, 49)], usedInWindowMilli: credits(300), today: TODAY })).toMatchObject({
      kind: "runs-out",
      runsOutOn: addDays(TODAY, 49),
    });
  });

  it("follows FEFO: a grant that expires part-used hands over at its expiry, so zero comes sooner than balance ÷ burn", () => {
    // A: 1,000 credits, 10 days of use left, loses 900. B: 100 credits, lasts 10 more days. Naively 1,100 / 10 = 110 days.
    const runway = computeRunway({ grants: [grant(100, 364), grant(1000, 9)], usedInWindowMilli: credits(300), today: TODAY });
    expect(runway).toMatchObject({ kind: "runs-out", runsOutOn: addDays(TODAY, 19), daysLeft: 19 });
  });

  it("is not 'expires first' when only an earlier grant expires part-used", () => {
    const runway = computeRunway({ grants: [grant(1000, 9), grant(1000, 700)], usedInWindowMilli: credits(300), today: TODAY });
    expect(runway).toMatchObject({ kind: "runs-out", runsOutOn: addDays(TODAY, 109) });
  });

  it("counts grants that expire on the same day one after the other", () => {
    expect(computeRunway({ grants: [grant(100, 30), grant(100, 30)], usedInWindowMilli: credits(300), today: TODAY })).toMatchObject({
      kind: "runs-out",
      runsOutOn: addDays(TODAY, 19),
    });
    expect(computeRunway({ grants: [grant(300, 30), grant(100, 30)], usedInWindowMilli: credits(300), today: TODAY })).toMatchObject({
      kind: "expires-first",
      expiringMilli: credits(90),
    });
  });

  it("stays exact past 2^53 milli-credits", () => {
    const remainingMilli = 9_007_199_254_740_993n;
    const runway = computeRunway({ grants: [{ remainingMilli, lastUsableDate: addDays(TODAY, 364) }], usedInWindowMilli: 30n, today: TODAY });
    // 1 milli-credit a day for 365 days.
    expect(runway).toMatchObject({ kind: "expires-first", expiringMilli: remainingMilli - 365n, dailyBurnMilli: 1n });
  });

  it("takes another window length", () => {
    expect(computeRunway({ grants: [grant(70, 365)], usedInWindowMilli: credits(70), windowDays: 7, today: TODAY })).toMatchObject({
      kind: "runs-out",
      daysLeft: 6,
      dailyBurnMilli: credits(10),
    });
  });

  it("refuses impossible input as a bug", () => {
    expect(() => computeRunway({ grants: [grant(10, 1)], usedInWindowMilli: 1n, windowDays: 0, today: TODAY })).toThrow(RangeError);
    expect(() => computeRunway({ grants: [grant(10, 1)], usedInWindowMilli: -1n, today: TODAY })).toThrow(RangeError);
    expect(() => computeRunway({ grants: [grant(10, -1)], usedInWindowMilli: 1n, today: TODAY })).toThrow(RangeError);
  });
});
