// Purchased credits (R-LEDGER-3, R-BUY-1): a grant available from its availability start until
// its expiry, never past the end of the contract term. The order reference makes recording
// idempotent: the same reference with the same details is the same purchase.

import { formatCredits } from "../credits/amount";
import { AppError } from "../errors";
import { createId } from "../ids";
import { isUniqueViolation, type Query, q, type SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";
import { Account } from "./account";
import type { LedgerOptions } from "./charge";

export type PurchaseInput = {
  companyId: string;
  creditsMilli: bigint;
  orderReference: string;
  purchasedAt: Date;
  availableFrom: Date;
  /** Defaults to the end of the contract term, which is also its latest allowed value. */
  expiresAt?: Date;
  recordedByUserId?: string;
};

export type PurchaseResult = { outcome: "recorded" | "exists"; purchaseId: string; grantId: string };

/**
 * Records a purchase. `alsoInTransaction` adds statements (an audit entry) to the same
 * transaction, run only when the purchase is new.
 */
export async function recordPurchase(
  db: SqlDatabase,
  input: PurchaseInput,
  now: Date,
  alsoInTransaction?: (result: PurchaseResult) => Query<void>,
  options: LedgerOptions = {},
): Promise<PurchaseResult> {
  const orderReference = input.orderReference.trim();
  if (orderReference === "") throw new AppError("invalid_request", "An order reference is required.", { field: "orderReference" });
  if (orderReference.length > 100) throw new AppError("invalid_request", "An order reference is at most 100 characters.", { field: "orderReference" });
  if (input.creditsMilli <= 0n) throw new AppError("invalid_request", "Credits must be more than zero.", { field: "credits" });
  const record = () =>
    db.transaction(function* (dialect): Query<PurchaseResult> {
      // Under the company's lock, so the same reference recorded twice at once for one company
      // is found by the second; for two companies at once, the unique index refuses the second.
      const account = yield* Account.open(dialect, input.companyId);
      const existing = yield* findPurchase(orderReference);
      const expiresAt = input.expiresAt ?? account.company.termEndsAt;
      validateDates(input, expiresAt, account.company.termEndsAt);
      if (existing) return sameOrConflict(existing, { ...input, orderReference, expiresAt });
      account.settle(now);
      const purchaseId = createId("purchase", now);
      const grant = account.credit({ kind: "purchased", amountMilli: input.creditsMilli, availableFrom: input.availableFrom, expiresAt, createdAt: now });
      // Available already (or backdated): the credits are added now; otherwise settle adds them
      // when their availability starts.
      account.settle(now);
      const change = yield* account.flush(now);
      if (options.afterChange) yield* options.afterChange(change);
      yield* q.write(
        `INSERT INTO "Purchase" ("id", "companyId", "orderReference", "creditsMilli", "purchasedAt", "availableFrom", "expiresAt", "grantId", "recordedByUserId", "createdAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          purchaseId,
          input.companyId,
          orderReference,
          input.creditsMilli,
          input.purchasedAt,
          input.availableFrom,
          expiresAt,
          grant.id,
          input.recordedByUserId ?? null,
          now,
        ],
      );
      const result: PurchaseResult = { outcome: "recorded", purchaseId, grantId: grant.id };
      if (alsoInTransaction) yield* alsoInTransaction(result);
      return result;
    });
  try {
    return await record();
  } catch (error) {
    // The same reference recorded at the same moment for another company: answer as if it had
    // been recorded first (the same purchase, or a conflict), never as a failure.
    if (!isUniqueViolation(error)) throw error;
    return await record();
  }
}

function validateDates(input: PurchaseInput, expiresAt: Date, termEndsAt: Date) {
  for (const [field, d] of [
    ["purchasedAt", input.purchasedAt],
    ["availableFrom", input.availableFrom],
    ["expiresAt", expiresAt],
  ] as const) {
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new AppError("invalid_request", `${field} is not a valid date.`, { field });
  }
  if (expiresAt > termEndsAt) {
    throw new AppError("invalid_request", `The expiration date must not be after the end of the contract term (${termEndsAt.toISOString()}).`, {
      field: "expiresAt",
    });
  }
  if (expiresAt <= input.availableFrom) {
    throw new AppError("invalid_request", "The expiration date must be after the availability start.", { field: "expiresAt" });
  }
}

const StoredPurchase = shape({ id: col.text, grantId: col.text, companyId: col.text, creditsMilli: col.bigint, availableFrom: col.date, expiresAt: col.date });
type StoredPurchase = ReturnType<typeof StoredPurchase>;

function* findPurchase(orderReference: string): Query<StoredPurchase | undefined> {
  return yield* q.row(
    `SELECT "id", "grantId", "companyId", "creditsMilli", "availableFrom", "expiresAt" FROM "Purchase" WHERE "orderReference" = ?`,
    [orderReference],
    StoredPurchase,
  );
}

function sameOrConflict(existing: StoredPurchase, input: PurchaseInput & { expiresAt: Date }): PurchaseResult {
  const same =
    existing.companyId === input.companyId &&
    existing.creditsMilli === input.creditsMilli &&
    existing.availableFrom.getTime() === input.availableFrom.getTime() &&
    existing.expiresAt.getTime() === input.expiresAt.getTime();
  if (!same) {
    throw new AppError(
      "idempotency_conflict",
      `Order reference "${input.orderReference}" was already recorded with other details (${formatCredits(existing.creditsMilli)} credits); use a new reference for a new purchase.`,
      { field: "orderReference" },
    );
  }
  return { outcome: "exists", purchaseId: existing.id, grantId: existing.grantId };
}
