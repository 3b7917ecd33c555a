// Wall-clock times in a zone and back, across daylight-saving changes.
import { describe, expect, it } from "vitest";
import { describeInstant, instantToDateTimeLocal, isTimeZone, parseLocalDateTime, zonedTimeToInstant } from "./local-time";

const NY = "America/New_York";
const iso = (local: string, zone: string) => zonedTimeToInstant(local, zone).toISOString();

describe("parseLocalDateTime", () => {
  it("reads datetime-local text, with or without seconds", () => {
    expect(parseLocalDateTime("2026-03-10T09:30")).toEqual({ year: 2026, month: 3, day: 10, hour: 9, minute: 30, second: 0 });
    expect(parseLocalDateTime(" 2026-03-10T09:30:15 ")).toEqual({ year: 2026, month: 3, day: 10, hour: 9, minute: 30, second: 15 });
  });

  it("refuses what is not a real date and time", () => {
    for (const text of [
      "",
      "2026-03-10",
      "09:30",
      "2026-3-10T09:30",
      "2026-02-30T10:00",
      "2026-13-01T00:00",
      "2026-01-01T24:00",
      "2026-01-01T10:60",
      "2026-03-10 09:30",
      "0999-01-01T00:00",
      "soon",
    ]) {
      expect(parseLocalDateTime(text), text).toBeUndefined();
    }
    expect(parseLocalDateTime("2028-02-29T12:00")).toBeDefined();
    expect(parseLocalDateTime("2027-02-29T12:00")).toBeUndefined();
  });
});

describe("zonedTimeToInstant", () => {
  it("reads a time in the zone's standard and daylight offsets", () => {
    expect(iso("2026-01-15T09:30", NY)).toBe("2026-01-15T14:30:00.000Z");
    expect(iso("2026-07-15T09:30", NY)).toBe("2026-07-15T13:30:00.000Z");
    expect(iso("2026-07-15T09:30", "UTC")).toBe("2026-07-15T09:30:00.000Z");
    expect(iso("2026-07-15T09:30", "Asia/Kolkata")).toBe("2026-07-15T04:00:00.000Z");
    expect(iso("2026-01-01T00:00", "Pacific/Kiritimati")).toBe("2025-12-31T10:00:00.000Z");
  });

  it("crosses New York's spring-forward night: 02:00–02:59 does not exist and reads as an hour later", () => {
    expect(iso("2026-03-08T01:59", NY)).toBe("2026-03-08T06:59:00.000Z");
    expect(iso("2026-03-08T02:00", NY)).toBe("2026-03-08T07:00:00.000Z");
    expect(iso("2026-03-08T02:30", NY)).toBe("2026-03-08T07:30:00.000Z");
    expect(iso("2026-03-08T03:00", NY)).toBe("2026-03-08T07:00:00.000Z");
    expect(iso("2026-03-08T03:30", NY)).toBe("2026-03-08T07:30:00.000Z");
    expect(instantToDateTimeLocal(zonedTimeToInstant("2026-03-08T02:30", NY), NY)).toBe("2026-03-08T03:30");
  });

  it("crosses New York's fall-back night: 01:00–01:59 happens twice and reads as the first", () => {
    expect(iso("2026-11-01T00:59", NY)).toBe("2026-11-01T04:59:00.000Z");
    expect(iso("2026-11-01T01:30", NY)).toBe("2026-11-01T05:30:00.000Z");
    expect(iso("2026-11-01T02:00", NY)).toBe("2026-11-01T07:00:00.000Z");
    // Both 01:30s show as 01:30.
    expect(instantToDateTimeLocal(new Date("2026-11-01T05:30:00Z"), NY)).toBe("2026-11-01T01:30");
    expect(instantToDateTimeLocal(new Date("2026-11-01T06:30:00Z"), NY)).toBe("2026-11-01T01:30");
  });

  it("handles half-hour daylight saving (Lord Howe) and southern-hemisphere changes", () => {
    // Lord Howe: +10:30 standard, +11 in summer; clocks go back 30 minutes on 2026-04-05 02:00.
    expect(iso("2026-04-05T01:45", "Australia/Lord_Howe")).toBe("2026-04-04T14:45:00.000Z");
    expect(iso("2026-04-05T02:00", "Australia/Lord_Howe")).toBe("2026-04-04T15:30:00.000Z");
    // Sydney springs forward on 2026-10-04 at 02:00 to 03:00.
    expect(iso("2026-10-04T02:30", "Australia/Sydney")).toBe("2026-10-03T16:30:00.000Z");
  });

  it("round-trips every 45 minutes of a year in several zones", () => {
    for (const zone of [NY, "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago"]) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 45 * 60_000) {
        // 45 minutes: every minute-of-hour phase a half-hour zone or change can have comes up.
        const local = instantToDateTimeLocal(new Date(t), zone);
        const back = zonedTimeToInstant(local, zone);
        // The first of two equal wall-clock times, so never later than the original.
        expect(instantToDateTimeLocal(back, zone)).toBe(local);
        expect(back.getTime()).toBeLessThanOrEqual(t);
        expect(t - back.getTime()).toBeLessThanOrEqual(60 * 60_000);
      }
    }
  });

  it("refuses text that is not a date and time", () => {
    expect(() => zonedTimeToInstant("2026-02-30T10:00", NY)).toThrow(RangeError);
  });
});

describe("instantToDateTimeLocal and describeInstant", () => {
  it("shows an instant as the zone's wall clock, to the minute", () => {
    expect(instantToDateTimeLocal(new Date("2026-03-10T04:05:59.999Z"), NY)).toBe("2026-03-10T00:05");
    expect(instantToDateTimeLocal(new Date("2026-03-10T04:05:00Z"), "Europe/Berlin")).toBe("2026-03-10T05:05");
    expect(instantToDateTimeLocal(new Date("2026-01-10T05:00:00Z"), NY)).toBe("2026-01-10T00:00");
  });

  it("describes an instant for a sentence, with the zone's short name", () => {
    expect(describeInstant(new Date("2028-03-01T05:00:00Z"), NY)).toBe("Mar 1, 2028, 12:00 AM EST");
  });

  it("knows a time zone from a typo", () => {
    expect(isTimeZone(NY)).toBe(true);
    expect(isTimeZone("America/New_Yrok")).toBe(false);
  });
});
