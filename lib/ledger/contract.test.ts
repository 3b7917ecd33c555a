import { describe, expect, it } from "vitest";
import { type ContractTerm, contractAnniversary, contractYearAt, contractYearBounds } from "./contract";

const term = (timeZone: string, starts: string, ends = "2035-01-01T00:00:00Z"): ContractTerm => ({
  termStartsAt: new Date(starts),
  termEndsAt: new Date(ends),
  timeZone,
});
const oneMsBefore = (iso: string) => new Date(new Date(iso).getTime() - 1);
const starts = (t: ContractTerm, year: number) => contractYearBounds(t, year).start.toISOString();

describe("contract years start at the term's local wall time on each anniversary", () => {
  it("Los Angeles: a term from local midnight on 2026-03-10 reaches year 2 at local midnight on 2027-03-10, not 23:00 the day before", () => {
    // 2026-03-10 is already daylight time (UTC-7); 2027-03-10 is still standard time (UTC-8).
    const t = term("America/Los_Angeles", "2026-03-10T07:00:00Z");
    expect(starts(t, 1)).toBe("2027-03-10T08:00:00.000Z");
    expect(contractYearAt(t, new Date("2027-03-10T07:00:00Z"))).toBe(0);
    expect(contractYearAt(t, oneMsBefore("2027-03-10T08:00:00Z"))).toBe(0);
    expect(contractYearAt(t, new Date("2027-03-10T08:00:00Z"))).toBe(1);
    expect(contractYearBounds(t, 0)).toEqual({ start: t.termStartsAt, end: new Date("2027-03-10T08:00:00Z") });
    expect(starts(t, 2)).toBe("2028-03-10T08:00:00.000Z");
    // 2031-03-10 falls after that year's change (March 9): daylight time again.
    expect(starts(t, 5)).toBe("2031-03-10T07:00:00.000Z");
  });

  it("New York, both directions: an anniversary moved into or out of daylight time keeps local midnight", () => {
    const spring = term("America/New_York", "2026-03-09T04:00:00Z");
    expect(starts(spring, 1)).toBe("2027-03-09T05:00:00.000Z");
    const autumn = term("America/New_York", "2026-11-05T05:00:00Z");
    expect(starts(autumn, 1)).toBe("2027-11-05T04:00:00.000Z");
    expect(contractYearAt(autumn, oneMsBefore("2027-11-05T04:00:00Z"))).toBe(0);
    expect(contractYearAt(autumn, new Date("2027-11-05T04:00:00Z"))).toBe(1);
  });

  it("Pacific/Auckland: the southern hemisphere's changes, at midnight and at 09:00", () => {
    // 2026-04-04 is the last day of daylight time (UTC+13); 2028-04-04 is standard time (UTC+12).
    const midnight = term("Pacific/Auckland", "2026-04-03T11:00:00Z");
    expect(starts(midnight, 1)).toBe("2027-04-03T11:00:00.000Z");
    expect(starts(midnight, 2)).toBe("2028-04-03T12:00:00.000Z");
    expect(contractYearAt(midnight, oneMsBefore("2028-04-03T12:00:00Z"))).toBe(1);
    expect(contractYearAt(midnight, new Date("2028-04-03T12:00:00Z"))).toBe(2);
    // 09:00 on 2026-09-26 is standard time; 09:00 on 2027-09-26 is after that morning's change.
    const morning = term("Pacific/Auckland", "2026-09-25T21:00:00Z");
    expect(starts(morning, 1)).toBe("2027-09-25T20:00:00.000Z");
  });

  it("UTC: whole calendar years, milliseconds kept", () => {
    const t = term("UTC", "2026-01-15T10:30:00.250Z");
    expect(starts(t, 1)).toBe("2027-01-15T10:30:00.250Z");
    expect(starts(t, 5)).toBe("2031-01-15T10:30:00.250Z");
    expect(contractYearAt(t, new Date("2031-01-15T10:30:00.249Z"))).toBe(4);
    expect(contractYearAt(t, new Date("2031-01-15T10:30:00.250Z"))).toBe(5);
  });

  it("a term from February 29 has its anniversary on February 28 in other years, and on the 29th again in leap years", () => {
    const t = term("America/New_York", "2024-02-29T05:00:00Z");
    expect(starts(t, 1)).toBe("2025-02-28T05:00:00.000Z");
    expect(starts(t, 2)).toBe("2026-02-28T05:00:00.000Z");
    expect(starts(t, 3)).toBe("2027-02-28T05:00:00.000Z");
    expect(starts(t, 4)).toBe("2028-02-29T05:00:00.000Z");
    expect(contractYearAt(t, oneMsBefore("2025-02-28T05:00:00Z"))).toBe(0);
    expect(contractYearAt(t, new Date("2025-02-28T05:00:00Z"))).toBe(1);
    expect(contractYearAt(t, new Date("2028-02-28T12:00:00Z"))).toBe(3);
  });

  it("a wall time the anniversary skips moves forward by the gap; one it repeats is the first of the two", () => {
    // 02:30 on 2026-03-08 does not happen in New York (02:00 jumps to 03:00): 03:30 daylight time.
    const gap = term("America/New_York", "2025-03-08T07:30:00Z");
    expect(starts(gap, 1)).toBe("2026-03-08T07:30:00.000Z");
    expect(starts(gap, 2)).toBe("2027-03-08T07:30:00.000Z");
    // Santiago springs forward at midnight on 2026-09-06: that date starts at 01:00.
    const midnightGap = term("America/Santiago", "2025-09-06T04:00:00Z");
    expect(starts(midnightGap, 1)).toBe("2026-09-06T04:00:00.000Z");
    expect(new Date(starts(midnightGap, 1)).toLocaleString("en-US", { timeZone: "America/Santiago", hourCycle: "h23" })).toBe("9/6/2026, 01:00:00");
    // 01:30 on 2026-11-01 happens twice in New York (daylight, then standard time): the first.
    const overlap = term("America/New_York", "2025-11-01T05:30:00Z");
    expect(starts(overlap, 1)).toBe("2026-11-01T05:30:00.000Z");
    expect(contractYearAt(overlap, new Date("2026-11-01T06:00:00Z"))).toBe(1);
  });

  it("is outside the term before it starts and from its end, and the last year ends with the term", () => {
    const t = term("America/New_York", "2024-02-29T05:00:00Z", "2027-01-15T05:00:00Z");
    expect(contractYearAt(t, oneMsBefore("2024-02-29T05:00:00Z"))).toBeUndefined();
    expect(contractYearAt(t, t.termStartsAt)).toBe(0);
    expect(contractYearAt(t, new Date("2027-01-15T05:00:00Z"))).toBeUndefined();
    expect(contractYearBounds(t, 2)).toEqual({ start: new Date("2026-02-28T05:00:00Z"), end: t.termEndsAt });
  });

  it("finds the year from far away, on either side of UTC's new year", () => {
    // 23:00 on December 31 in Honolulu is 09:00 on January 1 in UTC.
    const t = term("Pacific/Honolulu", "2026-01-01T09:00:00Z", "2040-01-01T00:00:00Z");
    expect(contractYearAt(t, oneMsBefore("2033-01-01T09:00:00Z"))).toBe(6);
    expect(contractYearAt(t, new Date("2033-01-01T09:00:00Z"))).toBe(7);
    expect(contractAnniversary(t, 7).toISOString()).toBe("2033-01-01T09:00:00.000Z");
  });
});
