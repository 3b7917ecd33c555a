// The row decoders: what each accepts from the two drivers, what each refuses, and the message
// that names the column.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { col, parseSqliteTime, shape, tuple } from "./rows";
import { sqliteTime } from "./sqlite";

describe("column decoders", () => {
  it("read an integer as a number only while it is exact", () => {
    expect(col.int(42n, "n")).toBe(42);
    expect(col.int("-7", "n")).toBe(-7);
    expect(col.int(Number.MAX_SAFE_INTEGER, "n")).toBe(Number.MAX_SAFE_INTEGER);
    // better-sqlite3 without safe integers answers 2^53 + 1 as 2^53: refused, not rounded.
    expect(() => col.int(2 ** 53, "balanceMilli")).toThrow(/column "balanceMilli": expected an integer within 2\^53/);
    expect(() => col.int(2n ** 53n, "n")).toThrow(/within 2\^53/);
    expect(() => col.int("9007199254740993", "n")).toThrow(/within 2\^53/);
    expect(() => col.int(1.5, "n")).toThrow(/within 2\^53/);
    expect(col.bigint("9007199254740993", "n")).toBe(9_007_199_254_740_993n);
  });

  it("read booleans and timestamps as both drivers answer them", () => {
    expect([col.bool(1n, "b"), col.bool(0, "b"), col.bool(true, "b")]).toEqual([true, false, true]);
    expect(col.date("2026-03-08T07:00:00.000Z", "at")).toEqual(new Date("2026-03-08T07:00:00.000Z"));
    expect(() => col.date("not a date", "at")).toThrow(/column "at": expected a timestamp/);
    expect(col.dateOrNull(null, "at")).toBeNull();
    expect(() => col.oneOf(["active", "closed"])("open", "status")).toThrow(/expected active \| closed/);
  });
});

describe("SQLite's text timestamps", () => {
  it("read back every instant written, to the millisecond", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("0001-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }), (d) => {
        // Years before 100 are left to the general parser (see parseSqliteTime).
        expect(parseSqliteTime(sqliteTime(d))).toBe(d.getUTCFullYear() >= 100 ? d.getTime() : Number.NaN);
        expect(col.date(sqliteTime(d), "at").getTime()).toBe(d.getTime());
      }),
    );
  });

  it("decode any text of that shape as the general parser does", () => {
    const digit = fc.constantFrom(..."0123456789");
    const text = fc
      .tuple(fc.array(digit, { minLength: 17, maxLength: 17 }), fc.constantFrom("+00:00", "+01:00", "Z00:00"), fc.constantFrom("-", "/"))
      .map(
        ([d, zone, sep]) =>
          `${d.slice(0, 4).join("")}${sep}${d.slice(4, 6).join("")}-${d.slice(6, 8).join("")}T${d.slice(8, 10).join("")}:${d.slice(10, 12).join("")}:${d.slice(12, 14).join("")}.${d.slice(14).join("")}${zone}`,
      );
    fc.assert(
      fc.property(text, (v) => {
        const general = new Date(v).getTime();
        if (Number.isNaN(general)) expect(() => col.date(v, "at")).toThrow(/expected a timestamp/);
        else expect(col.date(v, "at").getTime()).toBe(general);
      }),
      { numRuns: 2_000 },
    );
    expect(parseSqliteTime("2026-02-31T00:00:00.000+00:00")).toBe(Date.UTC(2026, 2, 3));
    expect(parseSqliteTime("2026-12-01T24:00:00.000+00:00")).toBeNaN();
    expect(parseSqliteTime("2026-12-01T06:05:24.123Z")).toBeNaN();
  });
});

describe("row decoders", () => {
  it("decode named rows and refuse one missing a column", () => {
    const Row = shape({ id: col.text, n: col.int });
    expect(Row({ id: "a", n: 1n, extra: true })).toEqual({ id: "a", n: 1 });
    expect(() => Row({ id: "a" })).toThrow(/column "n" is missing from the row \(columns: id\)/);
  });

  it("decode positional rows in the shape's order and refuse one of another width", () => {
    const Row = tuple(["id", col.text], ["n", col.int], ["at", col.date]);
    const [id, n, at] = Row(["a", 2n, "2026-01-01T00:00:00.000Z"]);
    expect([id, n, at]).toEqual(["a", 2, new Date("2026-01-01T00:00:00.000Z")]);
    expect(() => Row(["a", 2])).toThrow(/expected 3 columns \(id, n, at\), got 2/);
    expect(() => Row([2, "a", "2026-01-01"])).toThrow(/column "id": expected text/);
  });
});
