// The ledger against real databases, SQLite and PostgreSQL: every R-LEDGER requirement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import type { Database } from "../db";
import { AppError } from "../errors";
import { col, shape } from "../sql/rows";
import { adjustCredits, type ChargeRequest, charge, chargeMany, ENTRY_KINDS, getCreditSummary, recordPurchase, settleDueAccounts } from "./index";

const NOW = new Date("2026-03-10T15:00:00.000Z");
const EntryRow = shape({ kind: col.oneOf(ENTRY_KINDS), amountMilli: col.bigint, action: col.text, at: col.date, grantId: col.textOrNull });
const used = (amountMilli: bigint, extra: Partial<ChargeRequest> = {}): ChargeRequest => ({
  amountMilli,
  action: "Ask Anything API",
  usage: TEST_USAGE,
  ...extra,
});

describe.each(PROVIDERS)("ledger on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function entries(companyId: string) {
    return db.sql.rows(
      `SELECT "kind", "amountMilli", "action", "at", "grantId" FROM "LedgerEntry" WHERE "companyId" = ? ORDER BY "seq"`,
      [companyId],
      EntryRow,
    );
  }

  it("issues default credits: credits per core seat times core seats, for the contract year", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 12, perSeatCredits: 250 });
    expect(await getCreditSummary(db.sql, { companyId, now: NOW })).toEqual({
      remainingMilli: 3_000_000n,
      totalMilli: 3_000_000n,
      usedMilli: 0n,
      heldMilli: 0n,
    });
    const [added] = await entries(companyId);
    expect(added).toMatchObject({ kind: "added", action: "Default credits for contract year 1", amountMilli: 3_000_000n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("is exact: three 0.1 charges use 0.3, not 0.30000000000000004", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 1 });
    for (let i = 0; i < 3; i++) expect((await charge(db.sql, companyId, used(100n), NOW)).outcome).toBe("charged");
    const s = await getCreditSummary(db.sql, { companyId, now: NOW });
    expect(s.usedMilli).toBe(300n);
    expect(s.remainingMilli).toBe(700n);
  });

  it("draws from the grant that expires first, splits a charge across grants and records the split", async () => {
    const { companyId, termEndsAt } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 5 });
    const soon = await recordPurchase(
      db.sql,
      {
        companyId,
        creditsMilli: 2_000n,
        orderReference: `soon-${companyId}`,
        purchasedAt: NOW,
        availableFrom: NOW,
        expiresAt: new Date(NOW.getTime() + 30 * DAY),
      },
      NOW,
    );
    const late = await recordPurchase(
      db.sql,
      { companyId, creditsMilli: 4_000n, orderReference: `late-${companyId}`, purchasedAt: NOW, availableFrom: NOW },
      NOW,
    );
    // Default credits expire at the contract year's end, before the term's end: second in line.
    const result = await charge(db.sql, companyId, used(7_500n), NOW);
    expect(result.outcome).toBe("charged");
    if (result.outcome !== "charged") return;
    const grantIds = result.allocations.map((a) => a.grantId);
    expect(grantIds[0]).toBe(soon.grantId);
    expect(result.allocations.map((a) => a.amountMilli)).toEqual([2_000n, 5_000n, 500n]);
    expect(grantIds[2]).toBe(late.grantId);
    const stored = await db.sql.rows(
      `SELECT "grantId", "amountMilli" FROM "LedgerAllocation" WHERE "entryId" = ? ORDER BY "amountMilli"`,
      [result.entryId],
      shape({ grantId: col.text, amountMilli: col.bigint }),
    );
    expect(stored.map((r) => r.amountMilli)).toEqual([500n, 2_000n, 5_000n]);
    const lateGrant = await db.sql.row(
      `SELECT "remainingMilli", "expiresAt" FROM "CreditGrant" WHERE "id" = ?`,
      [late.grantId],
      shape({ remainingMilli: col.bigint, expiresAt: col.date }),
    );
    expect(lateGrant).toEqual({ remainingMilli: 3_500n, expiresAt: termEndsAt });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("breaks expiry ties by the older grant", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 0 });
    const expiresAt = new Date(NOW.getTime() + 60 * DAY);
    const older = await recordPurchase(
      db.sql,
      { companyId, creditsMilli: 1_000n, orderReference: `old-${companyId}`, purchasedAt: NOW, availableFrom: NOW, expiresAt },
      NOW,
    );
    const later = new Date(NOW.getTime() + 1000);
    await recordPurchase(
      db.sql,
      { companyId, creditsMilli: 1_000n, orderReference: `new-${companyId}`, purchasedAt: later, availableFrom: later, expiresAt },
      later,
    );
    const result = await charge(db.sql, companyId, used(500n), later);
    expect(result.outcome === "charged" && result.allocations).toEqual([{ grantId: older.grantId, amountMilli: 500n }]);
  });

  it("refuses a charge that does not fit, whole, and writes nothing", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 1 });
    const before = await expectLedgerConsistent(db.sql, companyId);
    const result = await charge(db.sql, companyId, used(1_100n, { idempotencyKey: "too-big" }), NOW);
    expect(result).toEqual({ outcome: "exceeds_credits", requiredMilli: 1_100n, availableMilli: 1_000n });
    const after = await expectLedgerConsistent(db.sql, companyId);
    expect(after).toEqual(before);
    // The refused key was not spent: the same request goes through once credits allow.
    expect((await charge(db.sql, companyId, used(1_000n, { idempotencyKey: "too-big" }), NOW)).outcome).toBe("charged");
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).remainingMilli).toBe(0n);
  });

  it("charges a repeated idempotency key once, and refuses the key with another body", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const first = await charge(db.sql, companyId, used(500n, { idempotencyKey: "req-1", requestHash: "h1" }), NOW);
    const again = await charge(db.sql, companyId, used(500n, { idempotencyKey: "req-1", requestHash: "h1" }), NOW);
    const other = await charge(db.sql, companyId, used(900n, { idempotencyKey: "req-1", requestHash: "h2" }), NOW);
    expect(first.outcome).toBe("charged");
    expect(again).toMatchObject({ outcome: "exists", amountMilli: 500n, entryId: first.outcome === "charged" ? first.entryId : "" });
    expect(other.outcome).toBe("exists_with_different_body");
    const batch = await chargeMany(db.sql, companyId, [used(100n, { idempotencyKey: "b" }), used(100n, { idempotencyKey: "b" })], NOW);
    expect(batch.map((o) => o.outcome)).toEqual(["charged", "exists"]);
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).usedMilli).toBe(600n);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("keeps the same key apart between companies", async () => {
    const a = await makeCompany(db.sql, NOW);
    const b = await makeCompany(db.sql, NOW);
    expect((await charge(db.sql, a.companyId, used(100n, { idempotencyKey: "shared" }), NOW)).outcome).toBe("charged");
    expect((await charge(db.sql, b.companyId, used(100n, { idempotencyKey: "shared" }), NOW)).outcome).toBe("charged");
  });

  it("expires a grant exactly at its expiry instant (exclusive) and books the expiry", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 0 });
    const expiresAt = new Date(NOW.getTime() + 5 * DAY);
    await recordPurchase(db.sql, { companyId, creditsMilli: 3_000n, orderReference: `exp-${companyId}`, purchasedAt: NOW, availableFrom: NOW, expiresAt }, NOW);
    const justBefore = new Date(expiresAt.getTime() - 1);
    expect((await getCreditSummary(db.sql, { companyId, now: justBefore })).remainingMilli).toBe(3_000n);
    expect((await charge(db.sql, companyId, used(1_000n), justBefore)).outcome).toBe("charged");
    expect((await getCreditSummary(db.sql, { companyId, now: expiresAt })).remainingMilli).toBe(0n);
    expect(await charge(db.sql, companyId, used(100n), expiresAt)).toMatchObject({ outcome: "exceeds_credits", availableMilli: 0n });
    const last = (await entries(companyId)).at(-1)!;
    expect(last.kind).toBe("expired");
    expect(last.amountMilli).toBe(-2_000n);
    expect(last.at.getTime()).toBe(expiresAt.getTime());
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("resets default credits at the contract-year boundary and issues the new year's", async () => {
    const termStartsAt = new Date("2025-06-01T04:00:00.000Z");
    const { companyId } = await makeCompany(db.sql, new Date("2026-05-01T00:00:00.000Z"), { termStartsAt, coreSeats: 2, perSeatCredits: 100 });
    const mayNow = new Date("2026-05-01T00:00:00.000Z");
    await charge(db.sql, companyId, used(50_000n), mayNow);
    const boundary = new Date("2026-06-01T04:00:00.000Z");
    const countBefore = (await entries(companyId)).length;
    await settleDueAccounts(db.sql, new Date(boundary.getTime() - 1));
    expect((await entries(companyId)).length).toBe(countBefore);
    await settleDueAccounts(db.sql, boundary);
    const tail = (await entries(companyId)).slice(-2);
    expect(tail.map((e) => e.kind)).toEqual(["reset", "added"]);
    expect(tail.map((e) => e.amountMilli)).toEqual([-150_000n, 200_000n]);
    expect(tail[1]!.action).toBe("Default credits for contract year 2");
    expect(await getCreditSummary(db.sql, { companyId, now: boundary })).toEqual({
      remainingMilli: 200_000n,
      totalMilli: 200_000n,
      usedMilli: 0n,
      heldMilli: 0n,
    });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("never rolls purchased credits into a new term, and refuses an expiry past the term", async () => {
    const { companyId, termEndsAt } = await makeCompany(db.sql, NOW, { coreSeats: 0, termYears: 1 });
    const ref = `term-${companyId}`;
    await expect(
      recordPurchase(
        db.sql,
        { companyId, creditsMilli: 1_000n, orderReference: ref, purchasedAt: NOW, availableFrom: NOW, expiresAt: new Date(termEndsAt.getTime() + 1) },
        NOW,
      ),
    ).rejects.toMatchObject({ code: "invalid_request", field: "expiresAt" });
    await recordPurchase(db.sql, { companyId, creditsMilli: 1_000n, orderReference: ref, purchasedAt: NOW, availableFrom: NOW }, NOW);
    expect((await getCreditSummary(db.sql, { companyId, now: new Date(termEndsAt.getTime() - 1) })).remainingMilli).toBe(1_000n);
    await settleDueAccounts(db.sql, termEndsAt);
    expect((await getCreditSummary(db.sql, { companyId, now: termEndsAt })).remainingMilli).toBe(0n);
    expect((await entries(companyId)).at(-1)!.kind).toBe("expired");
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("leaves an account whose term has ended off the ledger job's list: no contract year is due there any more", async () => {
    // A term that ended years ago, with default credits per seat: no year of it can be issued now.
    const termStartsAt = new Date("2020-01-01T05:00:00.000Z");
    const { companyId } = await makeCompany(db.sql, NOW, { termStartsAt, termYears: 1, coreSeats: 2, perSeatCredits: 100 });
    const nextEvent = async () =>
      (await db.sql.row(`SELECT "nextEventAt" FROM "CreditAccount" WHERE "companyId" = ?`, [companyId], shape({ nextEventAt: col.dateOrNull })))?.nextEventAt;
    expect(await nextEvent()).toBeNull();
    await settleDueAccounts(db.sql, NOW);
    expect(await nextEvent()).toBeNull();
    expect(await entries(companyId)).toEqual([]);
    expect(await getCreditSummary(db.sql, { companyId, now: NOW })).toMatchObject({ remainingMilli: 0n, totalMilli: 0n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("adds purchased credits when their availability starts, not before", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 0 });
    const start = new Date(NOW.getTime() + 2 * DAY);
    await recordPurchase(db.sql, { companyId, creditsMilli: 5_000n, orderReference: `later-${companyId}`, purchasedAt: NOW, availableFrom: start }, NOW);
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).remainingMilli).toBe(0n);
    expect((await charge(db.sql, companyId, used(100n), NOW)).outcome).toBe("exceeds_credits");
    expect((await charge(db.sql, companyId, used(100n), start)).outcome).toBe("charged");
    const kinds = (await entries(companyId)).map((e) => e.kind);
    expect(kinds).toEqual(["added", "used"]);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("records an order reference once, and refuses it with other details", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 0 });
    const input = { companyId, creditsMilli: 2_500n, orderReference: `dup-${companyId}`, purchasedAt: NOW, availableFrom: NOW };
    expect((await recordPurchase(db.sql, input, NOW)).outcome).toBe("recorded");
    expect((await recordPurchase(db.sql, input, NOW)).outcome).toBe("exists");
    await expect(recordPurchase(db.sql, { ...input, creditsMilli: 3_000n }, NOW)).rejects.toMatchObject({ code: "idempotency_conflict" });
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).remainingMilli).toBe(2_500n);
  });

  it("adjusts credits up and down, refusing to go below zero", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 1 });
    await adjustCredits(db.sql, { companyId, amountMilli: 2_500n, reason: "goodwill" }, NOW);
    await adjustCredits(db.sql, { companyId, amountMilli: -1_500n, reason: "correction" }, NOW);
    await expect(adjustCredits(db.sql, { companyId, amountMilli: -2_001n, reason: "too much" }, NOW)).rejects.toMatchObject({ code: "insufficient_credits" });
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).remainingMilli).toBe(2_000n);
    expect((await entries(companyId)).map((e) => e.kind)).toEqual(["added", "adjusted", "adjusted"]);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("refuses bad input with a clear error and writes nothing", async () => {
    const { companyId, termEndsAt } = await makeCompany(db.sql, NOW);
    const before = await expectLedgerConsistent(db.sql, companyId);
    const base = { companyId, creditsMilli: 1_000n, orderReference: `bad-${companyId}`, purchasedAt: NOW, availableFrom: NOW };
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => charge(db.sql, companyId, used(0n), NOW), "positive"],
      [() => charge(db.sql, companyId, used(-5n), NOW), "positive"],
      [() => charge(db.sql, companyId, used(100n, { idempotencyKey: "" }), NOW), "idempotency key"],
      [() => charge(db.sql, companyId, used(100n, { idempotencyKey: "x".repeat(256) }), NOW), "idempotency key"],
      [() => charge(db.sql, "co_missing", used(100n), NOW), "does not exist"],
      [() => recordPurchase(db.sql, { ...base, creditsMilli: -1n }, NOW), "more than zero"],
      [() => recordPurchase(db.sql, { ...base, creditsMilli: 0n }, NOW), "more than zero"],
      [
        () => recordPurchase(db.sql, { ...base, availableFrom: termEndsAt, expiresAt: new Date(termEndsAt.getTime() - DAY) }, NOW),
        "after the availability start",
      ],
      [() => recordPurchase(db.sql, { ...base, expiresAt: new Date(termEndsAt.getTime() + DAY) }, NOW), "end of the contract term"],
      [() => recordPurchase(db.sql, { ...base, orderReference: "  " }, NOW), "order reference"],
      [() => recordPurchase(db.sql, { ...base, companyId: "co_missing" }, NOW), "does not exist"],
      [() => recordPurchase(db.sql, { ...base, availableFrom: new Date("nope") }, NOW), "not a valid date"],
      [() => adjustCredits(db.sql, { companyId, amountMilli: 0n, reason: "x" }, NOW), "add or remove"],
    ];
    for (const [promise, words] of cases) {
      const error = await promise().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toContain(words);
    }
    expect(await expectLedgerConsistent(db.sql, companyId)).toEqual(before);
    const purchases = await db.sql.row(`SELECT COUNT(*) AS n FROM "Purchase" WHERE "companyId" = ?`, [companyId], shape({ n: col.int }));
    expect(purchases!.n).toBe(0);
  });

  it("writes usage records per company-local day, summed", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { timeZone: "America/New_York" });
    const usage = {
      featureType: "ask_anything_api" as const,
      featureName: "Ask Anything API",
      usageAction: "request",
      userId: "user_1",
      calls: 1,
      requests: 1,
    };
    // 03:00 UTC on March 11 is still March 10 in New York.
    await charge(db.sql, companyId, used(1_000n, { usage }), new Date("2026-03-11T03:00:00.000Z"));
    await chargeMany(db.sql, companyId, [used(500n, { usage }), used(500n, { usage })], new Date("2026-03-11T03:30:00.000Z"));
    await charge(db.sql, companyId, used(100n, { usage: { ...usage, calls: 0, emails: 1 } }), new Date("2026-03-11T05:00:00.000Z"));
    const rows = await db.sql.rows(
      `SELECT "usageDate", "creditsMilli", "calls", "emails", "requests" FROM "UsageRecord" WHERE "companyId" = ? ORDER BY "usageDate"`,
      [companyId],
      shape({ usageDate: col.text, creditsMilli: col.bigint, calls: col.int, emails: col.int, requests: col.int }),
    );
    expect(rows).toEqual([
      { usageDate: "2026-03-10", creditsMilli: 2_000n, calls: 3, emails: 0, requests: 3 },
      { usageDate: "2026-03-11", creditsMilli: 100n, calls: 0, emails: 1, requests: 1 },
    ]);
  });
});
