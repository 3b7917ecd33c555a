// Corrections by Sales, without breaking the ledger: refunds and voids are new entries, never
// edits of old ones.
// - A refund (R-CORRECT-1) reverses one charge, named by its id or the id of its charged
//   answer: each part goes back to the grant that paid it, read from the charge's recorded
//   split (not today's FEFO order); a part whose grant has closed since is refunded and expired
//   at once, so expired credit stays expired. At most once per charge (a unique index backs it).
// - A void (R-CORRECT-2) removes what remains of a purchase recorded in error, with one entry;
//   what was spent from it stays spent, so the balance never goes below zero. At most once.
import { AppError } from "../errors";
import { isUniqueViolation, type Query, q, type SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";
import { Account } from "./account";
import type { LedgerOptions } from "./charge";
import type { Allocation, FeatureType } from "./types";
import { UsageBuffer } from "./usage";

const ChargeRow = shape({
  id: col.text,
  kind: col.text,
  amountMilli: col.bigint,
  at: col.date,
  referenceId: col.text,
  featureType: col.text,
  trackerId: col.text,
  integration: col.text,
  apiKeyId: col.text,
  teamId: col.text,
});
const AllocationRow = shape({ grantId: col.text, amountMilli: col.bigint });

export type RefundInput = {
  companyId: string;
  /** The charge's ledger entry id, or the `id` of the charged answer. */
  chargeId: string;
  reason: string;
  actorUserId?: string;
};

export type RefundResult = {
  entryId: string;
  chargeEntryId: string;
  refundedMilli: bigint;
  restoredMilli: bigint;
  expiredMilli: bigint;
  balanceAfterMilli: bigint;
};

export async function refundCharge(
  db: SqlDatabase,
  input: RefundInput,
  now: Date,
  options: LedgerOptions & { alsoInTransaction?: (result: RefundResult) => Query<void> } = {},
): Promise<RefundResult> {
  const chargeId = input.chargeId.trim();
  const reason = input.reason.trim();
  if (chargeId === "") throw new AppError("invalid_request", "Name the charge to refund by its id.", { field: "chargeId" });
  if (reason === "") throw new AppError("invalid_request", "A refund needs a reason.", { field: "reason" });
  try {
    return await db.transaction(function* (dialect): Query<RefundResult> {
      const account = yield* Account.open(dialect, input.companyId);
      account.settle(now);
      const charge = yield* q.row(
        `SELECT "id", "kind", "amountMilli", "at", "referenceId", "featureType", "trackerId", "integration", "apiKeyId", "teamId" FROM "LedgerEntry"
          WHERE "companyId" = ? AND "kind" = 'used' AND ("id" = ? OR ("referenceId" = ? AND "referenceId" <> ''))`,
        [input.companyId, chargeId, chargeId],
        ChargeRow,
      );
      if (!charge)
        throw new AppError("not_found", `This company has no charge "${chargeId}". Use the id from the charged answer, or the charge's ledger id.`, {
          field: "chargeId",
        });
      const refunded = yield* q.row(`SELECT "id" FROM "LedgerEntry" WHERE "reversesEntryId" = ?`, [charge.id], shape({ id: col.text }));
      if (refunded) throw alreadyRefunded(chargeId);
      const parts: Allocation[] = yield* q.rows(
        `SELECT "grantId", "amountMilli" FROM "LedgerAllocation" WHERE "entryId" = ? ORDER BY "grantId"`,
        [charge.id],
        AllocationRow,
      );
      yield* account.loadGrants(parts.map((p) => p.grantId));
      const label = charge.referenceId || charge.id;
      const { entryId, restoredMilli, expiredMilli } = account.refund(parts, {
        at: now,
        action: `Refund of charge ${label}: ${reason}`,
        actorUserId: input.actorUserId,
        reversesEntryId: charge.id,
        attribution: { ...charge, featureType: charge.featureType as FeatureType },
      });
      const usage = new UsageBuffer(account.company.timeZone);
      usage.subtract({ ...charge, featureType: charge.featureType as FeatureType }, -charge.amountMilli, charge.at);
      yield* usage.flush(input.companyId);
      const change = yield* account.flush(now);
      if (options.afterChange) yield* options.afterChange(change);
      const result: RefundResult = {
        entryId,
        chargeEntryId: charge.id,
        refundedMilli: -charge.amountMilli,
        restoredMilli,
        expiredMilli,
        balanceAfterMilli: account.balanceMilli,
      };
      if (options.alsoInTransaction) yield* options.alsoInTransaction(result);
      return result;
    });
  } catch (error) {
    // Two refunds of one charge at once: the unique index on reversesEntryId refuses the second.
    if (isUniqueViolation(error)) throw alreadyRefunded(chargeId);
    throw error;
  }
}

function alreadyRefunded(chargeId: string): AppError {
  return new AppError("invalid_request", `Charge "${chargeId}" was already refunded; a charge is refunded at most once.`, { field: "chargeId" });
}

const PurchaseRow = shape({ id: col.text, grantId: col.text, orderReference: col.text, creditsMilli: col.bigint, voidedAt: col.dateOrNull });

export type VoidInput = { companyId: string; purchaseId: string; reason: string; actorUserId?: string };
export type VoidResult = { purchaseId: string; orderReference: string; entryId: string | null; removedMilli: bigint; balanceAfterMilli: bigint };

export async function voidPurchase(
  db: SqlDatabase,
  input: VoidInput,
  now: Date,
  options: LedgerOptions & { alsoInTransaction?: (result: VoidResult) => Query<void> } = {},
): Promise<VoidResult> {
  const reason = input.reason.trim();
  if (reason === "") throw new AppError("invalid_request", "A void needs a reason.", { field: "reason" });
  return db.transaction(function* (dialect): Query<VoidResult> {
    // Purchases of a company change only under its account lock, so this read is stable.
    const account = yield* Account.open(dialect, input.companyId);
    account.settle(now);
    const purchase = yield* q.row(
      `SELECT "id", "grantId", "orderReference", "creditsMilli", "voidedAt" FROM "Purchase" WHERE "id" = ? AND "companyId" = ?`,
      [input.purchaseId, input.companyId],
      PurchaseRow,
    );
    if (!purchase) throw new AppError("not_found", "This company has no such purchase.", { field: "purchaseId" });
    if (purchase.voidedAt)
      throw new AppError("invalid_request", `Purchase ${purchase.orderReference} was already voided; a purchase is voided at most once.`, {
        field: "purchaseId",
      });
    let entryId: string | null = null;
    let removedMilli = 0n;
    const grant = account.grant(purchase.grantId);
    if (grant && grant.status !== "closed") {
      const voided = account.voidGrant(purchase.grantId, {
        at: now,
        action: `Purchase ${purchase.orderReference} voided: ${reason}`,
        actorUserId: input.actorUserId,
      });
      entryId = voided.entryId ?? null;
      removedMilli = voided.removedMilli;
    }
    yield* q.write(`UPDATE "Purchase" SET "voidedAt" = ?, "voidReason" = ?, "voidedByUserId" = ? WHERE "id" = ?`, [
      now,
      reason,
      input.actorUserId ?? null,
      purchase.id,
    ]);
    const change = yield* account.flush(now);
    if (options.afterChange) yield* options.afterChange(change);
    const result: VoidResult = {
      purchaseId: purchase.id,
      orderReference: purchase.orderReference,
      entryId,
      removedMilli,
      balanceAfterMilli: account.balanceMilli,
    };
    if (options.alsoInTransaction) yield* options.alsoInTransaction(result);
    return result;
  });
}
