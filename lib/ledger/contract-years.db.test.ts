// Contract-year boundaries in the company's zone, against real databases (R-LEDGER-2): a Los
// Angeles term that starts at local midnight resets its default credits at local midnight a year
// later, across the daylight-saving change, not an hour early.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import type { Database } from "../db";
import { col, shape } from "../sql/rows";
import { charge, ENTRY_KINDS, getCreditSummary } from "./index";

// Local midnight on 2026-03-10 in Los Angeles (daylight time, UTC-7) and on 2027-03-10
// (standard time, UTC-8): a UTC anniversary would start year 2 at 23:00 on 2027-03-09.
const TERM_STARTS_AT = new Date("2026-03-10T07:00:00.000Z");
const YEAR_2_STARTS_AT = new Date("2027-03-10T08:00:00.000Z");
const JUST_BEFORE = new Date(YEAR_2_STARTS_AT.getTime() - 1);

describe.each(PROVIDERS)("contract years on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("issues year 2's default credits exactly at local midnight on the anniversary, resetting year 1's", async () => {
    const { companyId, termEndsAt } = await makeCompany(db.sql, TERM_STARTS_AT, {
      termStartsAt: TERM_STARTS_AT,
      timeZone: "America/Los_Angeles",
      coreSeats: 1,
      perSeatCredits: 10,
    });
    const use = (amountMilli: bigint) => ({ amountMilli, action: "Ask Anything API", usage: TEST_USAGE });

    // One millisecond before local midnight: still year 1, drawn from year 1's grant.
    expect((await charge(db.sql, companyId, use(1_000n), JUST_BEFORE)).outcome).toBe("charged");
    expect(await getCreditSummary(db.sql, { companyId, now: JUST_BEFORE })).toEqual({
      remainingMilli: 9_000n,
      totalMilli: 10_000n,
      usedMilli: 1_000n,
      heldMilli: 0n,
    });
    const beforeGrants = await db.sql.rows(
      `SELECT "contractYear" FROM "CreditGrant" WHERE "companyId" = ? ORDER BY "contractYear"`,
      [companyId],
      shape({ contractYear: col.intOrNull }),
    );
    expect(beforeGrants).toEqual([{ contractYear: 0 }]);

    // At local midnight: year 1's remainder is reset and year 2's grant is issued, then charged.
    expect((await charge(db.sql, companyId, use(2_000n), YEAR_2_STARTS_AT)).outcome).toBe("charged");
    expect(await getCreditSummary(db.sql, { companyId, now: YEAR_2_STARTS_AT })).toEqual({
      remainingMilli: 8_000n,
      totalMilli: 10_000n,
      usedMilli: 2_000n,
      heldMilli: 0n,
    });

    const grants = await db.sql.rows(
      `SELECT "contractYear", "availableFrom", "expiresAt", "status" FROM "CreditGrant" WHERE "companyId" = ? ORDER BY "contractYear"`,
      [companyId],
      shape({ contractYear: col.intOrNull, availableFrom: col.date, expiresAt: col.date, status: col.oneOf(["pending", "active", "closed"]) }),
    );
    expect(grants).toEqual([
      { contractYear: 0, availableFrom: TERM_STARTS_AT, expiresAt: YEAR_2_STARTS_AT, status: "closed" },
      { contractYear: 1, availableFrom: YEAR_2_STARTS_AT, expiresAt: termEndsAt, status: "active" },
    ]);
    const entries = await db.sql.rows(
      `SELECT "kind", "amountMilli", "action", "at" FROM "LedgerEntry" WHERE "companyId" = ? ORDER BY "seq"`,
      [companyId],
      shape({ kind: col.oneOf(ENTRY_KINDS), amountMilli: col.bigint, action: col.text, at: col.date }),
    );
    expect(entries.map((e) => [e.kind, e.amountMilli, e.at.toISOString()])).toEqual([
      ["added", 10_000n, TERM_STARTS_AT.toISOString()],
      ["used", -1_000n, JUST_BEFORE.toISOString()],
      ["reset", -9_000n, YEAR_2_STARTS_AT.toISOString()],
      ["added", 10_000n, YEAR_2_STARTS_AT.toISOString()],
      ["used", -2_000n, YEAR_2_STARTS_AT.toISOString()],
    ]);
    expect(entries[3]!.action).toBe("Default credits for contract year 2");
    await expectLedgerConsistent(db.sql, companyId);
  });
});
