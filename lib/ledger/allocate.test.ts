import { describe, expect, it } from "vitest";
import { allocateFefo, compareFefo, type DrawableGrant } from "./allocate";

const g = (id: string, remaining: bigint, expires: string, created = "2026-01-01T00:00:00Z"): DrawableGrant => ({
  id,
  remainingMilli: remaining,
  expiresAt: new Date(expires),
  createdAt: new Date(created),
});

describe("first-expiry-first-out allocation", () => {
  it("orders by expiry, then age, then id", () => {
    const grants = [
      g("c", 1n, "2026-06-01T00:00:00Z"),
      g("b", 1n, "2026-05-01T00:00:00Z", "2026-02-01T00:00:00Z"),
      g("a", 1n, "2026-05-01T00:00:00Z", "2026-02-01T00:00:00Z"),
      g("d", 1n, "2026-05-01T00:00:00Z"),
    ];
    expect([...grants].sort(compareFefo).map((x) => x.id)).toEqual(["d", "a", "b", "c"]);
  });

  it("splits across grants in order and skips empty ones", () => {
    const grants = [g("a", 0n, "2026-02-01T00:00:00Z"), g("b", 300n, "2026-03-01T00:00:00Z"), g("c", 1000n, "2026-04-01T00:00:00Z")];
    expect(allocateFefo(grants, 800n)).toEqual([
      { grantId: "b", amountMilli: 300n },
      { grantId: "c", amountMilli: 500n },
    ]);
  });

  it("refuses whole when the grants do not hold enough", () => {
    expect(allocateFefo([g("a", 300n, "2026-02-01T00:00:00Z")], 301n)).toBeUndefined();
  });
});
