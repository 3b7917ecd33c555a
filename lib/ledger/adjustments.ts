// Tech-admin adjustments: a positive one adds a grant of kind "adjustment" (available now,
// until the end of the contract term unless told otherwise); a negative one draws credits
// soonest-expiry first, like a charge, and is refused whole when the balance is short.

import { formatCredits } from "../credits/amount";
import { AppError } from "../errors";
import type { Query, SqlDatabase } from "../sql";
import { Account } from "./account";
import { allocateFefo } from "./allocate";

export type AdjustmentInput = {
  companyId: string;
  /** Signed: positive adds credits, negative removes them. */
  amountMilli: bigint;
  reason: string;
  actorUserId?: string;
  expiresAt?: Date;
};

export async function adjustCredits(db: SqlDatabase, input: AdjustmentInput, now: Date): Promise<{ entryId: string; balanceAfterMilli: bigint }> {
  const reason = input.reason.trim();
  if (input.amountMilli === 0n) throw new AppError("invalid_request", "An adjustment must add or remove some credits.", { field: "amount" });
  if (reason === "") throw new AppError("invalid_request", "An adjustment needs a reason.", { field: "reason" });
  return db.transaction(function* (dialect): Query<{ entryId: string; balanceAfterMilli: bigint }> {
    const account = yield* Account.open(dialect, input.companyId);
    account.settle(now);
    let entryId: string;
    if (input.amountMilli > 0n) {
      const expiresAt = input.expiresAt ?? account.company.termEndsAt;
      if (expiresAt <= now)
        throw new AppError("invalid_request", "Adjustment credits must expire after now (is the contract term over?).", { field: "expiresAt" });
      if (expiresAt > account.company.termEndsAt)
        throw new AppError("invalid_request", "Adjustment credits must not outlast the contract term.", { field: "expiresAt" });
      const grant = account.addGrant({ kind: "adjustment", amountMilli: input.amountMilli, availableFrom: now, expiresAt, createdAt: now });
      grant.status = "active";
      account.balanceMilli += grant.amountMilli;
      entryId = account.appendEntry({
        kind: "adjusted",
        amountMilli: grant.amountMilli,
        at: now,
        action: `Credit adjustment: ${reason}`,
        grantId: grant.id,
        actorUserId: input.actorUserId,
      });
    } else {
      const amount = -input.amountMilli;
      const allocations = amount <= account.balanceMilli ? allocateFefo(account.drawable(), amount) : undefined;
      if (!allocations) {
        throw new AppError("insufficient_credits", `Cannot remove ${formatCredits(amount)} credits: only ${formatCredits(account.balanceMilli)} remain.`, {
          details: { required: formatCredits(amount), available: formatCredits(account.balanceMilli) },
        });
      }
      entryId = yield* account.draw(allocations, { kind: "adjusted", at: now, action: `Credit adjustment: ${reason}`, actorUserId: input.actorUserId });
    }
    yield* account.flush(now);
    return { entryId, balanceAfterMilli: account.balanceMilli };
  });
}
