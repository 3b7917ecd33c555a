// Property tests: random sequences of purchases, charges, replays, adjustments and clock moves.
// After every step: the balance equals what remains on available grants and never goes below
// zero, entries chain without gaps, each charge drew soonest-expiry first, and a replayed key
// changed nothing.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import type { Database } from "../db";
import { col, shape } from "../sql/rows";
import { adjustCredits, charge, getCreditSummary, recordPurchase, settleDueAccounts } from "./index";

const START = new Date("2026-01-15T00:00:00.000Z");

type Step =
  | { type: "purchase"; credits: number; startInDays: number; lastsDays: number }
  | { type: "charge"; milli: number; key: number | null }
  | { type: "replay"; key: number }
  | { type: "adjust"; milli: number }
  | { type: "advance"; hours: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    type: fc.constant("purchase" as const),
    credits: fc.integer({ min: 1, max: 50 }),
    startInDays: fc.integer({ min: 0, max: 20 }),
    lastsDays: fc.integer({ min: 1, max: 90 }),
  }),
  fc.record({
    type: fc.constant("charge" as const),
    milli: fc.constantFrom(100, 500, 1000, 1600, 7300),
    key: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  }),
  fc.record({ type: fc.constant("replay" as const), key: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ type: fc.constant("adjust" as const), milli: fc.integer({ min: -3000, max: 3000 }).filter((n) => n !== 0) }),
  fc.record({ type: fc.constant("advance" as const), hours: fc.integer({ min: 1, max: 24 * 40 }) }),
);

const GrantRow = shape({ id: col.text, remainingMilli: col.bigint, expiresAt: col.date, createdAt: col.date });

function availableGrants(db: Database, companyId: string, now: Date) {
  return db.sql.rows(
    `SELECT "id", "remainingMilli", "expiresAt", "createdAt" FROM "CreditGrant"
      WHERE "companyId" = ? AND "availableFrom" <= ? AND "expiresAt" > ? AND "status" <> 'closed'`,
    [companyId, now, now],
    GrantRow,
  );
}

describe.each(PROVIDERS)("ledger properties on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("keeps every invariant through random histories", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        let now = START;
        const { companyId } = await makeCompany(db.sql, now, { coreSeats: 2, perSeatCredits: 5, termStartsAt: new Date(START.getTime() - 300 * DAY) });
        const keyed = new Map<number, bigint>();
        let n = 0;
        for (const s of steps) {
          n++;
          if (s.type === "advance") {
            now = new Date(now.getTime() + s.hours * 3_600_000);
            await settleDueAccounts(db.sql, now);
          } else if (s.type === "purchase") {
            const availableFrom = new Date(now.getTime() + s.startInDays * DAY);
            const expiresAt = new Date(availableFrom.getTime() + s.lastsDays * DAY);
            await recordPurchase(
              db.sql,
              { companyId, creditsMilli: BigInt(s.credits) * 1000n, orderReference: `${companyId}-${n}`, purchasedAt: now, availableFrom, expiresAt },
              now,
            ).catch((e) => {
              expect(e.code).toBe("invalid_request"); // past the term end
            });
          } else if (s.type === "adjust") {
            await adjustCredits(db.sql, { companyId, amountMilli: BigInt(s.milli), reason: "property" }, now).catch((e) => {
              expect(["insufficient_credits", "invalid_request"]).toContain(e.code);
            });
          } else {
            const key = s.type === "replay" ? s.key : s.key;
            const amount = s.type === "replay" ? (keyed.get(s.key) ?? 100n) : BigInt(s.milli);
            const before = await getCreditSummary(db.sql, { companyId, now });
            const grants = await availableGrants(db, companyId, now);
            const outcome = await charge(
              db.sql,
              companyId,
              {
                amountMilli: amount,
                action: "Property",
                usage: TEST_USAGE,
                idempotencyKey: key === null ? undefined : `key-${key}`,
                requestHash: String(amount),
              },
              now,
            );
            const after = await getCreditSummary(db.sql, { companyId, now });
            if (outcome.outcome === "charged") {
              if (key !== null) keyed.set(key, amount);
              expect(after.remainingMilli).toBe(before.remainingMilli - amount);
              // Soonest expiry first: every grant ahead of the last one drawn is now empty.
              const order = grants
                .filter((g) => g.remainingMilli > 0n)
                .sort((x, y) => +x.expiresAt - +y.expiresAt || +x.createdAt - +y.createdAt || (x.id < y.id ? -1 : 1));
              const lastIndex = order.findIndex((g) => g.id === outcome.allocations.at(-1)!.grantId);
              expect(outcome.allocations.map((a) => a.grantId)).toEqual(order.slice(0, lastIndex + 1).map((g) => g.id));
            } else {
              expect(after).toEqual(before);
              if (outcome.outcome === "exceeds_credits") expect(amount > before.remainingMilli).toBe(true);
            }
          }
          const summary = await getCreditSummary(db.sql, { companyId, now });
          const { balanceMilli } = await expectLedgerConsistent(db.sql, companyId);
          expect(summary.remainingMilli).toBe(balanceMilli);
          expect(summary.remainingMilli >= 0n).toBe(true);
        }
      }),
      { numRuns: provider === "sqlite" ? 60 : 25 },
    );
  });
});
