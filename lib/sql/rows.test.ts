// The row decoders: what each accepts from the two drivers, what each refuses, and the message
// that names the column.
import { describe, expect, it } from "vitest";
import { col, shape, tuple } from "./rows";

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
