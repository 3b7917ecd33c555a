// Refunding a charge from the Sales page (R-CORRECT-1): the ledger returns each part of the
// charge to the grant that paid it (a part whose grant has closed since is refunded and expired
// at once), and the audit entry (R-PLUS-2) is written in the same transaction.
import { auditStatement } from "../audit";
import type { Actor } from "../auth/authorize";
import { refundCharge } from "../billing";
import { formatCredits } from "../credits/amount";
import type { SqlDatabase } from "../sql";
import type { RefundChargeRequest } from "./schema";

export type RefundedCharge = {
  /** The id Sales typed (an answer's id or a ledger entry id). */
  chargeId: string;
  /** The charge's ledger entry. */
  chargeEntryId: string;
  /** Decimal text: the whole charge, given back. */
  refunded: string;
  /** Of that, what is spendable again. */
  restored: string;
  /** Of that, what went back to grants that had closed since, and so expired at once. */
  expired: string;
  /** The company's balance after the refund. */
  balance: string;
};

/** Refunds the charge for `input.companyId`; the caller has authorized the actor for it. */
export async function refundSalesCharge(sql: SqlDatabase, actor: Pick<Actor, "userId">, input: RefundChargeRequest, now: Date): Promise<RefundedCharge> {
  const result = await refundCharge(sql, { companyId: input.companyId, chargeId: input.chargeId, reason: input.reason, actorUserId: actor.userId }, now, (r) =>
    auditStatement(actor, now, {
      companyId: input.companyId,
      action: "charge.refund",
      targetType: "charge",
      targetId: r.chargeEntryId,
      before: { chargeId: input.chargeId, refunded: "0", balance: formatCredits(r.balanceAfterMilli - r.restoredMilli) },
      after: {
        chargeId: input.chargeId,
        refunded: formatCredits(r.refundedMilli),
        restored: formatCredits(r.restoredMilli),
        expired: formatCredits(r.expiredMilli),
        reason: input.reason,
        refundEntryId: r.entryId,
        balance: formatCredits(r.balanceAfterMilli),
      },
    }),
  );
  return {
    chargeId: input.chargeId,
    chargeEntryId: result.chargeEntryId,
    refunded: formatCredits(result.refundedMilli),
    restored: formatCredits(result.restoredMilli),
    expired: formatCredits(result.expiredMilli),
    balance: formatCredits(result.balanceAfterMilli),
  };
}
