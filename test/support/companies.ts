// Companies made for one test: unique names, a contract term around a given instant.
import { randomBytes } from "node:crypto";
import { type ChargeRequest, createCompany } from "../../lib/billing";
import type { SqlDatabase } from "../../lib/sql";

export const DAY = 24 * 60 * 60 * 1000;

export async function makeCompany(
  sql: SqlDatabase,
  now: Date,
  opts: { coreSeats?: number; perSeatCredits?: number; termStartsAt?: Date; termYears?: number; timeZone?: string } = {},
) {
  const termStartsAt = opts.termStartsAt ?? new Date(now.getTime() - 10 * DAY);
  const termEndsAt = new Date(termStartsAt);
  termEndsAt.setUTCFullYear(termEndsAt.getUTCFullYear() + (opts.termYears ?? 2));
  const { companyId } = await createCompany(
    sql,
    {
      name: `Test ${Date.now()} ${randomBytes(3).toString("hex")}`,
      timeZone: opts.timeZone ?? "America/New_York",
      termStartsAt,
      termEndsAt,
      creditsPerCoreSeatMilli: BigInt(opts.perSeatCredits ?? 10) * 1000n,
      seats: { core: opts.coreSeats ?? 10 },
    },
    now,
  );
  return { companyId, termStartsAt, termEndsAt };
}

/** A usage descriptor for charges made by tests (every charge says what it was for). */
export const TEST_USAGE = { featureType: "ask_anything_api", featureName: "Ask Anything API", usageAction: "request", requests: 1 } as const;

/** An Ask Anything charge of `amountMilli` for tests, with anything else given. */
export const testCharge = (amountMilli: bigint, extra: Partial<ChargeRequest> = {}): ChargeRequest => ({
  amountMilli,
  action: "Ask Anything API",
  usage: TEST_USAGE,
  ...extra,
});
