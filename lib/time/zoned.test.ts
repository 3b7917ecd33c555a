import { describe, expect, it } from "vitest";
import { zonedTimeToInstant } from "./local-time";
import { formatLocalDateTime, nextLocalDate, startOfLocalDay } from "./zoned";

describe("zoned time", () => {
  it("finds local midnight on both sides of New York's daylight-saving changes", () => {
    expect(startOfLocalDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfLocalDay("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfLocalDay("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect(startOfLocalDay("2026-06-15", "Asia/Kolkata").toISOString()).toBe("2026-06-14T18:30:00.000Z");
  });

  it("moves a time in the spring-forward gap forward by the gap, and takes an overlap's first instant", () => {
    expect(zonedTimeToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, "America/New_York").toISOString()).toBe(
      "2026-03-08T07:30:00.000Z",
    );
    // Santiago springs forward at midnight: that day starts at 01:00.
    expect(startOfLocalDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(zonedTimeToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, "America/New_York").toISOString()).toBe(
      "2026-11-01T05:30:00.000Z",
    );
  });

  it("formats instants in the zone and steps dates by the calendar", () => {
    expect(formatLocalDateTime(new Date("2026-03-11T03:05:09Z"), "America/New_York")).toBe("2026-03-10 23:05:09");
    expect(nextLocalDate("2028-02-28")).toBe("2028-02-29");
    expect(nextLocalDate("2026-12-31")).toBe("2027-01-01");
  });
});
