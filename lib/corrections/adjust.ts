// Adjusting credits from the Sales page (R-LEDGER-1: adjustments are recorded by Sales with a
// reason; a company's own users never mint credits). Added credits are a grant of their own,
// available from the availability start (default now) until the expiration date (default and
// latest: the end of the contract term), both read in the company's zone like "Record
// purchase"; removed credits are drawn soonest-expiry first and refused whole when they do not
// fit. The audit entry (R-PLUS-2) is written in the same transaction.
import { auditStatement } from "../audit";
import type { Actor } from "../auth/authorize";
import { adjustCredits } from "../billing";
import { formatCredits } from "../credits/amount";
import { AppError } from "../errors";
import type { SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";
import { describeInstant, zonedTimeToInstant } from "../time/local-time";
import type { AdjustCreditsRequest } from "./schema";

export type AdjustedCredits = {
  direction: "add" | "remove";
  /** Decimal text, unsigned: how many credits were added or removed. */
  credits: string;
  /** Added credits: their grant, and whether they are usable now (or from their availability start). */
  grantId: string | null;
  availableNow: boolean;
  /** ISO instants of the added credits' availability and expiry; null when removing. */
  availableFrom: string | null;
  expiresAt: string | null;
  balance: string;
};

const CompanyTermRow = shape({ timeZone: col.text, termEndsAt: col.date });

/** Adjusts the credits of `input.companyId`; the caller has authorized the actor for it. */
export async function adjustSalesCredits(sql: SqlDatabase, actor: Pick<Actor, "userId">, input: AdjustCreditsRequest, now: Date): Promise<AdjustedCredits> {
  const company = await sql.row(`SELECT "timeZone", "termEndsAt" FROM "Company" WHERE "id" = ?`, [input.companyId], CompanyTermRow);
  if (!company) throw new AppError("not_found", "There is no such company. Choose a company from the Sales list.", { field: "companyId" });
  const { timeZone, termEndsAt } = company;

  let availableFrom: Date | undefined;
  let expiresAt: Date | undefined;
  if (input.direction === "add") {
    availableFrom = input.availableFrom ? zonedTimeToInstant(input.availableFrom, timeZone) : now;
    expiresAt = input.expiresAt ? zonedTimeToInstant(input.expiresAt, timeZone) : termEndsAt;
    // The ledger refuses these too; here the messages name the term's end in the company's zone.
    if (expiresAt > termEndsAt) {
      throw new AppError("invalid_request", `The expiration date must not be after the end of the contract term, ${describeInstant(termEndsAt, timeZone)}.`, {
        field: "expiresAt",
      });
    }
    if (expiresAt <= availableFrom) {
      throw new AppError("invalid_request", "The expiration date must be after the availability start.", { field: "expiresAt" });
    }
    if (expiresAt <= now) throw new AppError("invalid_request", "The expiration date must be in the future.", { field: "expiresAt" });
  }

  const amountMilli = input.direction === "add" ? input.credits : -input.credits;
  const availableNow = input.direction === "add" && availableFrom! <= now;
  // What the adjustment moves in the balance now: nothing yet for credits that start later.
  const balanceChange = input.direction === "remove" ? amountMilli : availableNow ? amountMilli : 0n;
  const result = await adjustCredits(
    sql,
    { companyId: input.companyId, amountMilli, reason: input.reason, availableFrom, expiresAt, actorUserId: actor.userId },
    now,
    (r) =>
      auditStatement(actor, now, {
        companyId: input.companyId,
        action: "credits.adjust",
        targetType: r.grantId ? "credit_grant" : "ledger_entry",
        targetId: (r.grantId ?? r.entryId)!,
        before: { balance: formatCredits(r.balanceAfterMilli - balanceChange) },
        after: {
          credits: formatCredits(amountMilli),
          reason: input.reason,
          availableFrom: availableFrom?.toISOString() ?? null,
          expiresAt: expiresAt?.toISOString() ?? null,
          balance: formatCredits(r.balanceAfterMilli),
        },
      }),
  );
  return {
    direction: input.direction,
    credits: formatCredits(input.credits),
    grantId: result.grantId,
    availableNow,
    availableFrom: availableFrom?.toISOString() ?? null,
    expiresAt: expiresAt?.toISOString() ?? null,
    balance: formatCredits(result.balanceAfterMilli),
  };
}
