// Recording a purchase from the Sales form (R-BUY-1): the form's wall-clock times read in the
// company's zone, the expiry defaulted to and capped at the end of the contract term, and the
// purchase and its audit entry (R-PLUS-2) written in one transaction by the ledger.

import { auditStatement } from "../audit";
import type { Actor } from "../auth/authorize";
import { recordPurchase } from "../billing";
import { formatCredits } from "../credits/amount";
import { AppError } from "../errors";
import type { SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";
import { describeInstant, zonedTimeToInstant } from "../time/local-time";
import type { RecordPurchaseRequest } from "./schema";

export type RecordedPurchase = {
  /** recorded: new; exists: this order reference was already recorded with the same details. */
  outcome: "recorded" | "exists";
  purchaseId: string;
  /** Decimal text, e.g. "1234.5". */
  credits: string;
  orderReference: string;
};

const CompanyTermRow = shape({ timeZone: col.text, termEndsAt: col.date });

/** Records the purchase for `input.companyId`; the caller has authorized the actor for it. */
export async function recordSalesPurchase(sql: SqlDatabase, actor: Pick<Actor, "userId">, input: RecordPurchaseRequest, now: Date): Promise<RecordedPurchase> {
  const company = await sql.row(`SELECT "timeZone", "termEndsAt" FROM "Company" WHERE "id" = ?`, [input.companyId], CompanyTermRow);
  if (!company) throw new AppError("not_found", "There is no such company. Choose a company from the Sales list.", { field: "companyId" });
  const { timeZone, termEndsAt } = company;

  const purchasedAt = zonedTimeToInstant(input.purchasedAt, timeZone);
  const availableFrom = zonedTimeToInstant(input.availableFrom, timeZone);
  const expiresAt = input.expiresAt ? zonedTimeToInstant(input.expiresAt, timeZone) : termEndsAt;
  // The ledger refuses these too; here the message names the term's end in the company's zone.
  if (expiresAt > termEndsAt) {
    throw new AppError("invalid_request", `The expiration date must not be after the end of the contract term, ${describeInstant(termEndsAt, timeZone)}.`, {
      field: "expiresAt",
    });
  }
  if (expiresAt <= availableFrom) {
    throw new AppError("invalid_request", "The expiration date must be after the availability start.", { field: "expiresAt" });
  }

  const purchase = {
    companyId: input.companyId,
    creditsMilli: input.credits,
    orderReference: input.orderReference,
    purchasedAt,
    availableFrom,
    expiresAt,
    recordedByUserId: actor.userId,
  };
  const result = await recordPurchase(sql, purchase, now, (recorded) =>
    auditStatement(actor, now, {
      companyId: input.companyId,
      action: "purchase.record",
      targetType: "purchase",
      targetId: recorded.purchaseId,
      before: null,
      after: {
        orderReference: purchase.orderReference,
        credits: formatCredits(purchase.creditsMilli),
        purchasedAt: purchasedAt.toISOString(),
        availableFrom: availableFrom.toISOString(),
        expiresAt: expiresAt.toISOString(),
        grantId: recorded.grantId,
      },
    }),
  );
  return { outcome: result.outcome, purchaseId: result.purchaseId, credits: formatCredits(input.credits), orderReference: input.orderReference };
}
