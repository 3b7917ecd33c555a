// Ids sort by the time they were made and, within one millisecond, by the order they were made.
import { describe, expect, it } from "vitest";
import { createId } from "./ids";

const body = (id: string) => id.slice(id.indexOf("_") + 1);

describe("createId", () => {
  it("makes distinct ids that sort in the order they were made, within one millisecond too", () => {
    const at = new Date("2026-03-08T12:00:00.000Z");
    const ids = Array.from({ length: 10_000 }, () => body(createId("usage", at)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("sorts a later millisecond after an earlier one, and starts each millisecond's tail afresh", () => {
    const first = body(createId("entry", new Date("2026-03-08T12:00:00.000Z")));
    const later = body(createId("entry", new Date("2026-03-08T12:00:00.001Z")));
    expect(later > first).toBe(true);
    expect(later.slice(0, 10)).not.toBe(first.slice(0, 10));
    expect(createId("grant", new Date(0))).toMatch(/^grant_0{10}[0-9A-HJKMNP-TV-Z]{12}$/);
  });
});
