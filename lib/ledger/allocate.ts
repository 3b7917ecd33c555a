// First-expiry-first-out: a charge draws from the grant that expires first, ties broken by the
// older grant and then its id (R-LEDGER-4). Pure, so the rule is tested without a database.
import assert from "node:assert/strict";
import type { Allocation } from "./types";

export type DrawableGrant = { id: string; remainingMilli: bigint; expiresAt: Date; createdAt: Date };

export function compareFefo(a: DrawableGrant, b: DrawableGrant): number {
  const byExpiry = a.expiresAt.getTime() - b.expiresAt.getTime();
  if (byExpiry !== 0) return byExpiry;
  const byAge = a.createdAt.getTime() - b.createdAt.getTime();
  if (byAge !== 0) return byAge;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Splits `amountMilli` across grants already in FEFO order. Answers undefined when they do
 * not hold enough: a charge is refused whole, never half-applied.
 */
export function allocateFefo(grants: readonly DrawableGrant[], amountMilli: bigint): Allocation[] | undefined {
  assert.ok(amountMilli > 0n, "allocation amount must be positive");
  const allocations: Allocation[] = [];
  let left = amountMilli;
  for (const grant of grants) {
    if (left === 0n) break;
    if (grant.remainingMilli <= 0n) continue;
    const take = grant.remainingMilli < left ? grant.remainingMilli : left;
    allocations.push({ grantId: grant.id, amountMilli: take });
    left -= take;
  }
  if (left > 0n) return undefined;
  assert.equal(
    allocations.reduce((s, a) => s + a.amountMilli, 0n),
    amountMilli,
    "split must sum to the charge",
  );
  return allocations;
}
