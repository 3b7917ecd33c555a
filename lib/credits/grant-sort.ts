// Sorting the grants table by a column (the sort lives in the URL as ?sort=). The grants come
// in FEFO order (soonest expiry first, the order consumption draws from them, R-LEDGER-4);
// that is the default, and it breaks ties in every other order.
import type { GrantView } from "../ledger/balance";

export const GRANT_SORT_COLUMNS = ["kind", "status", "amount", "remaining", "availableFrom", "expiresAt"] as const;
export type GrantSortColumn = (typeof GRANT_SORT_COLUMNS)[number];
export type GrantSort = { id: GrantSortColumn; desc: boolean };

export const DEFAULT_GRANT_SORT: Readonly<GrantSort> = { id: "expiresAt", desc: false };

const statusRank = (g: GrantView) => (g.voidedAt !== null ? 2 : g.status === "pending" ? 1 : 0);

const compareBigint = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

const COMPARE: Record<GrantSortColumn, (a: GrantView, b: GrantView) => number> = {
  kind: (a, b) => a.kind.localeCompare(b.kind),
  // Available, then upcoming, then voided.
  status: (a, b) => statusRank(a) - statusRank(b),
  amount: (a, b) => compareBigint(a.amountMilli, b.amountMilli),
  remaining: (a, b) => compareBigint(a.remainingMilli, b.remainingMilli),
  availableFrom: (a, b) => a.availableFrom.getTime() - b.availableFrom.getTime(),
  expiresAt: (a, b) => a.expiresAt.getTime() - b.expiresAt.getTime(),
};

/** A sorted copy; equal grants keep their FEFO order whichever the direction. */
export function sortGrants<T extends GrantView>(grantsInFefoOrder: readonly T[], sort: GrantSort): T[] {
  const compare = COMPARE[sort.id];
  const direction = sort.desc ? -1 : 1;
  return grantsInFefoOrder
    .map((grant, fefo) => ({ grant, fefo }))
    .sort((a, b) => direction * compare(a.grant, b.grant) || a.fefo - b.fefo)
    .map(({ grant }) => grant);
}
