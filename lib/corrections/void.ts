// Voiding a purchase recorded in error, from the Sales page (R-CORRECT-2): the ledger removes
// what remains of it with one entry (what was spent stays spent) and marks it voided, at most
// once; the audit entry (R-PLUS-2) is written in the same transaction.
import { auditStatement } from "../audit";
import type { Actor } from "../auth/authorize";
import { voidPurchase } from "../billing";
import { formatCredits } from "../credits/amount";
import type { SqlDatabase } from "../sql";
import type { VoidPurchaseRequest } from "./schema";

export type VoidedPurchase = {
  purchaseId: string;
  orderReference: string;
  /** Decimal text: what the void took from the balance (0 for a purchase not yet available). */
  removed: string;
  balance: string;
};

/** Voids the purchase of `input.companyId`; the caller has authorized the actor for it. */
export async function voidSalesPurchase(sql: SqlDatabase, actor: Pick<Actor, "userId">, input: VoidPurchaseRequest, now: Date): Promise<VoidedPurchase> {
  const result = await voidPurchase(
    sql,
    { companyId: input.companyId, purchaseId: input.purchaseId, reason: input.reason, actorUserId: actor.userId },
    now,
    (r) =>
      auditStatement(actor, now, {
        companyId: input.companyId,
        action: "purchase.void",
        targetType: "purchase",
        targetId: r.purchaseId,
        before: { orderReference: r.orderReference, voided: false, balance: formatCredits(r.balanceAfterMilli + r.removedMilli) },
        after: {
          orderReference: r.orderReference,
          voided: true,
          reason: input.reason,
          removed: formatCredits(r.removedMilli),
          remaining: "0",
          balance: formatCredits(r.balanceAfterMilli),
        },
      }),
  );
  return {
    purchaseId: result.purchaseId,
    orderReference: result.orderReference,
    removed: formatCredits(result.removedMilli),
    balance: formatCredits(result.balanceAfterMilli),
  };
}
