// Opening a company's credit account: the company, its seats and its account row, with the
// current contract year's default credits issued (R-LEDGER-2).
import { AppError } from "../errors";
import { createId } from "../ids";
import { type Query, q, type SqlDatabase } from "../sql";
import { isTimeZone } from "../time/local-time";
import { Account } from "./account";

export type NewCompany = {
  id?: string;
  name: string;
  timeZone: string;
  termStartsAt: Date;
  termEndsAt: Date;
  creditsPerCoreSeatMilli: bigint;
  seats: Record<string, number>;
};

export async function createCompany(db: SqlDatabase, input: NewCompany, now: Date): Promise<{ companyId: string }> {
  const name = input.name.trim();
  if (name === "") throw new AppError("invalid_request", "A company needs a name.", { field: "name" });
  if (!isTimeZone(input.timeZone)) throw new AppError("invalid_request", `"${input.timeZone}" is not a known time zone.`, { field: "timeZone" });
  if (!(input.termStartsAt < input.termEndsAt)) throw new AppError("invalid_request", "The contract term must end after it starts.", { field: "termEndsAt" });
  if (input.creditsPerCoreSeatMilli < 0n) throw new AppError("invalid_request", "Credits per core seat must not be negative.", { field: "creditsPerCoreSeat" });
  for (const [seatType, count] of Object.entries(input.seats)) {
    if (!Number.isInteger(count) || count < 0)
      throw new AppError("invalid_request", `Seat count for ${seatType} must be a whole number >= 0.`, { field: `seats.${seatType}` });
  }
  const companyId = input.id ?? createId("company", now);
  return db.transaction(function* (dialect): Query<{ companyId: string }> {
    yield* q.write(
      `INSERT INTO "Company" ("id", "name", "timeZone", "termStartsAt", "termEndsAt", "creditsPerCoreSeatMilli", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [companyId, name, input.timeZone, input.termStartsAt, input.termEndsAt, input.creditsPerCoreSeatMilli, now],
    );
    for (const [seatType, count] of Object.entries(input.seats)) {
      yield* q.write(`INSERT INTO "Seat" ("companyId", "seatType", "count") VALUES (?, ?, ?)`, [companyId, seatType, count]);
    }
    yield* q.write(`INSERT INTO "CreditAccount" ("companyId", "balanceMilli", "lastSeq", "updatedAt") VALUES (?, 0, 0, ?)`, [companyId, now]);
    const account = yield* Account.open(dialect, companyId);
    account.settle(now);
    yield* account.flush(now);
    return { companyId };
  });
}
