// Races on both databases, each request on one of two database handles to the same database (on
// PostgreSQL, two pools: truly concurrent transactions): charges at the instant a contract year
// starts, at local midnight on daylight-saving days in Los Angeles and Auckland (R-LEDGER-2:
// each year's default grant exactly once); the same order reference recorded at once (R-BUY-1:
// the same answer as when recorded one after the other); a purchase racing charges. The ledger
// invariants are checked after each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { AppError } from "../errors";
import { isUniqueViolation } from "../sql";
import { col, shape } from "../sql/rows";
import { contractYearBounds } from "./contract";
import { charge, ENTRY_KINDS, getCreditSummary, type PurchaseResult, recordPurchase } from "./index";

const HOUR = 3_600_000;

// Terms that start at local midnight, and the local midnight a year later when year 2 starts
// (UTC instants checked against the IANA zones by hand; the boundaries are DST-change days).
const BOUNDARIES = [
  { name: "New York, an ordinary day", timeZone: "America/New_York", termStartsAt: "2025-06-01T04:00:00Z", yearTwo: "2026-06-01T04:00:00Z" },
  // 2027-03-14 springs forward at 02:00: midnight is still PST (UTC-8); the term began in PDT.
  { name: "Los Angeles, spring forward", timeZone: "America/Los_Angeles", termStartsAt: "2026-03-14T07:00:00Z", yearTwo: "2027-03-14T08:00:00Z" },
  // 2026-11-01 falls back at 02:00: midnight is still PDT (UTC-7).
  { name: "Los Angeles, fall back", timeZone: "America/Los_Angeles", termStartsAt: "2025-11-01T07:00:00Z", yearTwo: "2026-11-01T07:00:00Z" },
  // 2027-04-04 ends daylight time at 03:00: midnight is NZDT (UTC+13).
  { name: "Auckland, daylight time ends", timeZone: "Pacific/Auckland", termStartsAt: "2026-04-03T11:00:00Z", yearTwo: "2027-04-03T11:00:00Z" },
  // 2026-09-27 starts daylight time at 02:00: midnight is NZST (UTC+12).
  { name: "Auckland, daylight time starts", timeZone: "Pacific/Auckland", termStartsAt: "2025-09-26T12:00:00Z", yearTwo: "2026-09-26T12:00:00Z" },
] as const;

const RACERS = 8;
const use = (amountMilli: bigint, idempotencyKey?: string) => ({
  amountMilli,
  action: "Ask Anything API",
  usage: TEST_USAGE,
  idempotencyKey,
  requestHash: "h",
});

describe.each(PROVIDERS)("races on %s", (provider) => {
  let a: Database;
  let b: Database;
  const either = (i: number) => (i % 2 ? a : b).sql;
  beforeAll(async () => {
    const url = await freshDatabaseUrl(provider);
    a = openDatabase(databaseConfig(url));
    b = openDatabase(databaseConfig(url));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it.each(BOUNDARIES)(`${RACERS} charges at the start of contract year 2 ($name) issue its default grant once`, async (boundary) => {
    const termStartsAt = new Date(boundary.termStartsAt);
    const yearTwo = new Date(boundary.yearTwo);
    const justBefore = new Date(yearTwo.getTime() - 1);
    const justAfter = new Date(yearTwo.getTime() + 1);
    // 10 seats × 1,000 credits = 10,000 default credits a year.
    const { companyId, termEndsAt } = await makeCompany(a.sql, new Date(yearTwo.getTime() - HOUR), {
      termStartsAt,
      timeZone: boundary.timeZone,
      coreSeats: 10,
      perSeatCredits: 1_000,
    });
    expect(contractYearBounds({ termStartsAt, termEndsAt, timeZone: boundary.timeZone }, 1).start).toEqual(yearTwo);
    // One millisecond before local midnight it is still year 1.
    expect(await charge(a.sql, companyId, use(250_000n), justBefore)).toMatchObject({ outcome: "charged", balanceAfterMilli: 9_750_000n });

    const outcomes = await Promise.all(Array.from({ length: RACERS }, (_, i) => charge(either(i), companyId, use(100_000n), justAfter)));
    expect(outcomes.map((o) => o.outcome)).toEqual(Array(RACERS).fill("charged"));
    // 19,200 would be the year's grant issued twice.
    expect(await getCreditSummary(a.sql, { companyId, now: justAfter })).toMatchObject({
      remainingMilli: 9_200_000n,
      totalMilli: 10_000_000n,
      usedMilli: 800_000n,
    });

    const grants = await a.sql.rows(
      `SELECT "contractYear", "availableFrom", "remainingMilli", "status" FROM "CreditGrant" WHERE "companyId" = ? AND "kind" = 'default' ORDER BY "contractYear"`,
      [companyId],
      shape({ contractYear: col.intOrNull, availableFrom: col.date, remainingMilli: col.bigint, status: col.oneOf(["pending", "active", "closed"]) }),
    );
    expect(grants).toEqual([
      { contractYear: 0, availableFrom: termStartsAt, remainingMilli: 9_750_000n, status: "closed" },
      { contractYear: 1, availableFrom: yearTwo, remainingMilli: 9_200_000n, status: "active" },
    ]);
    const atBoundary = await a.sql.rows(
      `SELECT "kind", "amountMilli" FROM "LedgerEntry" WHERE "companyId" = ? AND "at" = ? ORDER BY "seq"`,
      [companyId, yearTwo],
      shape({ kind: col.oneOf(ENTRY_KINDS), amountMilli: col.bigint }),
    );
    expect(atBoundary).toEqual([
      { kind: "reset", amountMilli: -9_750_000n },
      { kind: "added", amountMilli: 10_000_000n },
    ]);
    await expectLedgerConsistent(a.sql, companyId);
  });

  it("refuses a second default grant for one contract year in the schema itself", async () => {
    const now = new Date("2026-02-01T12:00:00Z");
    const { companyId } = await makeCompany(a.sql, now);
    const grant = await a.sql.row(
      `SELECT * FROM "CreditGrant" WHERE "companyId" = ? AND "kind" = 'default'`,
      [companyId],
      shape({ availableFrom: col.date, expiresAt: col.date, contractYear: col.intOrNull }),
    );
    const copy = (id: string, contractYear: number | null) =>
      a.sql.run(
        `INSERT INTO "CreditGrant" ("id", "companyId", "kind", "amountMilli", "remainingMilli", "availableFrom", "expiresAt", "status", "contractYear", "createdAt", "note")
         VALUES (?, ?, ?, 1000, 1000, ?, ?, 'active', ?, ?, '')`,
        [id, companyId, contractYear === null ? "purchased" : "default", grant!.availableFrom, grant!.expiresAt, contractYear, now],
      );
    const refused = await copy(`dup-${companyId}`, grant!.contractYear).catch((error: unknown) => error);
    expect(isUniqueViolation(refused)).toBe(true);
    // Grants without a contract year (purchases, adjustments) never collide.
    expect(await copy(`p1-${companyId}`, null)).toBe(1);
    expect(await copy(`p2-${companyId}`, null)).toBe(1);
  });

  it("records one order reference sent many times at once once, answering as if sent one after the other", async () => {
    const now = new Date("2026-02-01T12:00:00Z");
    const { companyId } = await makeCompany(a.sql, now, { coreSeats: 1, perSeatCredits: 10 });
    const purchase = { companyId, creditsMilli: 5_000n, orderReference: `PO-${companyId}`, purchasedAt: now, availableFrom: now };
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => recordPurchase(either(i), purchase, now)));
    expect(results.map((r) => r.outcome).sort()).toEqual(["exists", "exists", "exists", "exists", "exists", "recorded"]);
    const recorded = results.find((r) => r.outcome === "recorded")!;
    for (const r of results) expect(r).toEqual({ ...recorded, outcome: r.outcome });
    expect(await recordPurchase(a.sql, purchase, now)).toEqual({ ...recorded, outcome: "exists" });
    expect(await a.sql.rows(`SELECT "id" FROM "Purchase" WHERE "orderReference" = ?`, [purchase.orderReference], shape({ id: col.text }))).toHaveLength(1);
    expect((await getCreditSummary(a.sql, { companyId, now })).remainingMilli).toBe(15_000n);
    await expectLedgerConsistent(a.sql, companyId);
  });

  it("answers the same order reference recorded at once for two companies as a conflict for the second, as one after the other would", async () => {
    const now = new Date("2026-02-01T12:00:00Z");
    const first = await makeCompany(a.sql, now, { coreSeats: 1, perSeatCredits: 10 });
    const second = await makeCompany(a.sql, now, { coreSeats: 1, perSeatCredits: 10 });
    const orderReference = `PO-shared-${first.companyId}`;
    const record = (sql: Database["sql"], companyId: string) =>
      recordPurchase(sql, { companyId, creditsMilli: 5_000n, orderReference, purchasedAt: now, availableFrom: now }, now).then(
        (r): PurchaseResult | { refused: string } => r,
        (error: unknown) => {
          if (error instanceof AppError) return { refused: error.code };
          throw error;
        },
      );
    const results = await Promise.all([record(a.sql, first.companyId), record(b.sql, second.companyId)]);
    expect(results.filter((r) => "outcome" in r && r.outcome === "recorded")).toHaveLength(1);
    expect(results.filter((r) => "refused" in r)).toEqual([{ refused: "idempotency_conflict" }]);
    const loser = "refused" in results[0]! ? first.companyId : second.companyId;
    expect(await record(a.sql, loser)).toEqual({ refused: "idempotency_conflict" });
    const remaining = async (companyId: string) => (await getCreditSummary(a.sql, { companyId, now })).remainingMilli;
    expect((await remaining(first.companyId)) + (await remaining(second.companyId))).toBe(25_000n);
    await expectLedgerConsistent(a.sql, first.companyId);
    await expectLedgerConsistent(a.sql, second.companyId);
  });

  it("keeps the balance exact when a purchase races charges", async () => {
    const now = new Date("2026-02-01T12:00:00Z");
    const { companyId } = await makeCompany(a.sql, now, { coreSeats: 1, perSeatCredits: 10 });
    const charges = Array.from({ length: 30 }, (_, i) => charge(either(i), companyId, use(1_000n, `race-${i % 25}`), now));
    const purchase = recordPurchase(
      b.sql,
      { companyId, creditsMilli: 20_000n, orderReference: `PO-race-${companyId}`, purchasedAt: now, availableFrom: now },
      now,
    );
    const [outcomes, bought] = await Promise.all([Promise.all(charges), purchase]);
    expect(bought.outcome).toBe("recorded");
    const charged = outcomes.filter((o) => o.outcome === "charged").length;
    // 25 keys: at most 25 charges; at least the 10 credits there were before the purchase.
    expect(charged).toBeGreaterThanOrEqual(10);
    expect(charged).toBeLessThanOrEqual(25);
    expect(outcomes.filter((o) => o.outcome === "exists").length + charged + outcomes.filter((o) => o.outcome === "exceeds_credits").length).toBe(30);
    expect((await getCreditSummary(a.sql, { companyId, now })).remainingMilli).toBe(30_000n - BigInt(charged) * 1_000n);
    const keyed = await a.sql.rows(
      `SELECT "idempotencyKey" FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used'`,
      [companyId],
      shape({ idempotencyKey: col.textOrNull }),
    );
    expect(new Set(keyed.map((k) => k.idempotencyKey)).size).toBe(charged);
    await expectLedgerConsistent(a.sql, companyId);
  });
});
