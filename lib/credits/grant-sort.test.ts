import { describe, expect, it } from "vitest";
import type { GrantView } from "../ledger/balance";
import { sortGrants } from "./grant-sort";

const grant = (id: string, over: Partial<GrantView>): GrantView => ({
  id,
  kind: "purchased",
  amountMilli: 1000n,
  remainingMilli: 1000n,
  heldMilli: 0n,
  availableFrom: new Date("2026-01-01T00:00:00Z"),
  expiresAt: new Date("2027-01-01T00:00:00Z"),
  status: "active",
  purchaseId: null,
  orderReference: null,
  voidedAt: null,
  ...over,
});

// In FEFO order, as listCurrentGrants returns them.
const GRANTS = [
  grant("a", { kind: "default", remainingMilli: 500n, expiresAt: new Date("2026-12-01T00:00:00Z") }),
  grant("b", { remainingMilli: 9_007_199_254_740_993n, amountMilli: 9_007_199_254_740_993n }),
  grant("c", { remainingMilli: 500n, availableFrom: new Date("2027-01-01T00:00:00Z"), status: "pending", expiresAt: new Date("2028-01-01T00:00:00Z") }),
];
const ids = (grants: GrantView[]) => grants.map((g) => g.id).join("");

describe("sorting grants", () => {
  it("keeps FEFO order by default and reverses it on request", () => {
    expect(ids(sortGrants(GRANTS, { id: "expiresAt", desc: false }))).toBe("abc");
    expect(ids(sortGrants(GRANTS, { id: "expiresAt", desc: true }))).toBe("cba");
  });

  it("sorts amounts as exact bigints and keeps ties in FEFO order in both directions", () => {
    expect(ids(sortGrants(GRANTS, { id: "remaining", desc: false }))).toBe("acb");
    expect(ids(sortGrants(GRANTS, { id: "remaining", desc: true }))).toBe("bac");
  });

  it("sorts by kind, status and availability", () => {
    expect(ids(sortGrants(GRANTS, { id: "kind", desc: false }))).toBe("abc");
    expect(ids(sortGrants(GRANTS, { id: "status", desc: true }))).toBe("cab");
    expect(ids(sortGrants(GRANTS, { id: "availableFrom", desc: true }))).toBe("cab");
  });

  it("puts voided purchases after upcoming grants by status", () => {
    const voided = grant("v", {
      status: "closed",
      remainingMilli: 0n,
      voidedAt: new Date("2026-06-01T00:00:00Z"),
      expiresAt: new Date("2026-06-15T00:00:00Z"),
    });
    const withVoided = [voided, ...GRANTS];
    expect(ids(sortGrants(withVoided, { id: "status", desc: false }))).toBe("abcv");
    expect(ids(sortGrants(withVoided, { id: "status", desc: true }))).toBe("vcab");
  });

  it("does not reorder its input", () => {
    sortGrants(GRANTS, { id: "remaining", desc: true });
    expect(ids(GRANTS)).toBe("abc");
  });
});
