// Adjustments, recorded by Sales with a reason (R-LEDGER-1); a company's own users never mint
// credits. A positive adjustment is a grant of kind "adjustment", available from its
// availability start (default now) until its expiry (default and latest: the end of the
// contract term); a negative one removes credits soonest-expiry first, like a charge, and is
// refused whole when not enough can be spent.

import { formatCredits } from "../credits/amount";
import { AppError } from "../errors";
import type { Query, SqlDatabase } from "../sql";
import { Account } from "./account";
import type { LedgerOptions } from "./charge";

export type AdjustmentInput = {
  companyId: string;
  /** Signed: positive adds credits, negative removes them. */
  amountMilli: bigint;
  reason: string;
  actorUserId?: string;
  /** Added credits: when they become available (default now) and expire (default the term's end). */
  availableFrom?: Date;
  expiresAt?: Date;
};

export type AdjustmentResult = { entryId: string | null; grantId: string | null; balanceAfterMilli: bigint };

export async function adjustCredits(
  db: SqlDatabase,
  input: AdjustmentInput,
  now: Date,
  options: LedgerOptions & { alsoInTransaction?: (result: AdjustmentResult) => Query<void> } = {},
): Promise<AdjustmentResult> {
  const reason = input.reason.trim();
  if (input.amountMilli === 0n) throw new AppError("invalid_request", "An adjustment must add or remove some credits.", { field: "amount" });
  if (reason === "") throw new AppError("invalid_request", "An adjustment needs a reason.", { field: "reason" });
  return db.transaction(function* (dialect): Query<AdjustmentResult> {
    const account = yield* Account.open(dialect, input.companyId);
    account.settle(now);
    let result: AdjustmentResult;
    if (input.amountMilli > 0n) {
      const availableFrom = input.availableFrom ?? now;
      const expiresAt = input.expiresAt ?? account.company.termEndsAt;
      if (expiresAt > account.company.termEndsAt)
        throw new AppError("invalid_request", "Adjustment credits must not outlast the contract term.", { field: "expiresAt" });
      if (expiresAt <= now)
        throw new AppError("invalid_request", "Adjustment credits must expire after now (is the contract term over?).", { field: "expiresAt" });
      if (expiresAt <= availableFrom)
        throw new AppError("invalid_request", "The expiration date must be after the availability start.", { field: "expiresAt" });
      const grant = account.credit({ kind: "adjustment", amountMilli: input.amountMilli, availableFrom, expiresAt, createdAt: now, note: reason });
      // Available already: added now, with its entry; otherwise when its availability starts.
      account.settle(now);
      result = { entryId: null, grantId: grant.id, balanceAfterMilli: account.balanceMilli };
    } else {
      const amount = -input.amountMilli;
      const allocations = account.allocate(amount);
      if (!allocations) {
        throw new AppError(
          "insufficient_credits",
          `Cannot remove ${formatCredits(amount)} credits: only ${formatCredits(account.spendableMilli)} can be removed now.`,
          {
            details: { required: formatCredits(amount), available: formatCredits(account.spendableMilli) },
          },
        );
      }
      const entryId = account.draw(allocations, { kind: "adjusted", at: now, action: `Credit adjustment: ${reason}`, actorUserId: input.actorUserId });
      result = { entryId, grantId: null, balanceAfterMilli: account.balanceMilli };
    }
    const change = yield* account.flush(now);
    if (options.afterChange) yield* options.afterChange(change);
    if (options.alsoInTransaction) yield* options.alsoInTransaction(result);
    return result;
  });
}
