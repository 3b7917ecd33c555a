// Corrections by Sales (R-CORRECT-1..3, R-LEDGER-1) on both databases: refunds back to the
// grants that paid, with a part on an expired grant refunded and expired at once; at most one
// refund per charge, under concurrency; refunds by the answer's id or the entry's; the balance
// report chaining across them; voids of a half-spent purchase; adjustments with an availability
// start and an expiry, refused past the term, and negative ones; lineage by feature type and
// company-local month, with refunds and voids.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { adjustCredits, charge, chargeMany, getCreditSummary, grantLineage, recordPurchase, refundCharge, settleDueAccounts, voidPurchase } from "../billing";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { exportReport, parseReportRange, type ReportId } from "../reports";
import type { SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";
import type { ChargeRequest, UsageDescriptor } from "./types";

const TZ = "America/New_York";
const T0 = new Date("2026-03-10T15:00:00.000Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const used = (amountMilli: bigint, extra: Partial<ChargeRequest> = {}): ChargeRequest => ({
  amountMilli,
  action: "Ask Anything API",
  usage: TEST_USAGE,
  ...extra,
});

const EntryRow = shape({ kind: col.text, amountMilli: col.bigint, balanceBeforeMilli: col.bigint, balanceAfterMilli: col.bigint, action: col.text });
const SplitRow = shape({ grantId: col.text, amountMilli: col.bigint });
const GrantRow = shape({ remainingMilli: col.bigint, status: col.text });

async function readCsv(sql: SqlDatabase, report: ReportId, companyId: string, from: string, to: string, now: Date) {
  const range = parseReportRange({ from, to }, TZ);
  const { stream } = exportReport(sql, report, { companyId, companyName: "Corrections Co", timeZone: TZ, range, now });
  const parsed = Papa.parse<string[]>((await new Response(stream).text()).trimEnd());
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

describe.each(PROVIDERS)("corrections on %s", (provider) => {
  let db: Database;
  let other: Database;
  beforeAll(async () => {
    const url = await freshDatabaseUrl(provider);
    db = openDatabase(databaseConfig(url));
    other = openDatabase(databaseConfig(url));
  });
  afterAll(async () => {
    await db?.close();
    await other?.close();
  });

  const entriesAfter = (companyId: string, seq: number) =>
    db.sql.rows(
      `SELECT "kind", "amountMilli", "balanceBeforeMilli", "balanceAfterMilli", "action" FROM "LedgerEntry" WHERE "companyId" = ? AND "seq" > ? ORDER BY "seq"`,
      [companyId, seq],
      EntryRow,
    );
  const lastSeq = async (companyId: string) =>
    (await db.sql.row(`SELECT "lastSeq" FROM "CreditAccount" WHERE "companyId" = ?`, [companyId], shape({ lastSeq: col.int })))!.lastSeq;
  const grant = async (grantId: string) => db.sql.row(`SELECT "remainingMilli", "status" FROM "CreditGrant" WHERE "id" = ?`, [grantId], GrantRow);
  const purchase = (companyId: string, creditsMilli: bigint, ref: string, now: Date, expiresAt?: Date) =>
    recordPurchase(db.sql, { companyId, creditsMilli, orderReference: `${ref}-${companyId}`, purchasedAt: now, availableFrom: now, expiresAt }, now);

  it("refunds a charge split over three grants to each grant, the part on an expired grant refunded and expired at once", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 1, perSeatCredits: 10, timeZone: TZ });
    const p1 = await purchase(companyId, 2_000n, "p1", T0, at(2));
    const p2 = await purchase(companyId, 3_000n, "p2", T0, at(60));
    const charged = await charge(db.sql, companyId, used(7_000n, { referenceId: "ans_refund_me" }), T0);
    if (charged.outcome !== "charged") throw new Error(`expected a charge, got ${charged.outcome}`);
    const defaultGrant = charged.allocations[2]!.grantId;
    expect(charged.allocations).toEqual([
      { grantId: p1.grantId, amountMilli: 2_000n },
      { grantId: p2.grantId, amountMilli: 3_000n },
      { grantId: defaultGrant, amountMilli: 2_000n },
    ]);
    const second = await charge(db.sql, companyId, used(1_000n), at(1));
    if (second.outcome !== "charged") throw new Error(`expected a charge, got ${second.outcome}`);

    // The first purchase expires before the refund (spent, so nothing of it expires then).
    const refundAt = at(3);
    expect((await getCreditSummary(db.sql, { companyId, now: refundAt })).remainingMilli).toBe(7_000n);
    const seq = await lastSeq(companyId);
    const refund = await refundCharge(db.sql, { companyId, chargeId: "ans_refund_me", reason: "Wrong answer" }, refundAt);
    expect(refund).toMatchObject({
      chargeEntryId: charged.entryId,
      refundedMilli: 7_000n,
      restoredMilli: 5_000n,
      expiredMilli: 2_000n,
      balanceAfterMilli: 12_000n,
    });
    expect((await getCreditSummary(db.sql, { companyId, now: refundAt })).remainingMilli).toBe(12_000n);
    expect(await entriesAfter(companyId, seq)).toEqual([
      { kind: "refunded", amountMilli: 7_000n, balanceBeforeMilli: 7_000n, balanceAfterMilli: 14_000n, action: "Refund of charge ans_refund_me: Wrong answer" },
      { kind: "expired", amountMilli: -2_000n, balanceBeforeMilli: 14_000n, balanceAfterMilli: 12_000n, action: "Refunded credits on expired grants expired" },
    ]);
    // Each part went back to its own grant; the expired one stays closed and empty.
    const split = await db.sql.rows(
      `SELECT "grantId", "amountMilli" FROM "LedgerAllocation" WHERE "entryId" = ? ORDER BY "amountMilli"`,
      [refund.entryId],
      SplitRow,
    );
    expect(split).toEqual(
      expect.arrayContaining([
        { grantId: p1.grantId, amountMilli: 2_000n },
        { grantId: p2.grantId, amountMilli: 3_000n },
        { grantId: defaultGrant, amountMilli: 2_000n },
      ]),
    );
    expect(split).toHaveLength(3);
    expect(await grant(p1.grantId)).toEqual({ remainingMilli: 0n, status: "closed" });
    expect(await grant(p2.grantId)).toEqual({ remainingMilli: 3_000n, status: "active" });
    expect(await grant(defaultGrant)).toEqual({ remainingMilli: 9_000n, status: "active" });
    await expectLedgerConsistent(db.sql, companyId);

    // At most once, by either id.
    for (const chargeId of ["ans_refund_me", charged.entryId])
      await expect(refundCharge(db.sql, { companyId, chargeId, reason: "Again" }, refundAt)).rejects.toMatchObject({
        code: "invalid_request",
        field: "chargeId",
      });
    // By the ledger entry's id, for a charge without an answer id.
    const byEntry = await refundCharge(db.sql, { companyId, chargeId: second.entryId, reason: "Duplicate request" }, at(4));
    expect(byEntry).toMatchObject({
      chargeEntryId: second.entryId,
      refundedMilli: 1_000n,
      restoredMilli: 1_000n,
      expiredMilli: 0n,
      balanceAfterMilli: 13_000n,
    });
    // Unknown ids, and another company's charge, are not found.
    const elsewhere = await makeCompany(db.sql, T0, { coreSeats: 1, perSeatCredits: 10, timeZone: TZ });
    await expect(refundCharge(db.sql, { companyId: elsewhere.companyId, chargeId: "ans_refund_me", reason: "x" }, at(4))).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(refundCharge(db.sql, { companyId, chargeId: "ans_nope", reason: "x" }, at(4))).rejects.toMatchObject({ code: "not_found" });
    await expect(refundCharge(db.sql, { companyId, chargeId: second.entryId, reason: " " }, at(4))).rejects.toMatchObject({
      code: "invalid_request",
      field: "reason",
    });

    // The balance report: every row's "Total credits after" is the next row's "Total credits before".
    const rows = await readCsv(db.sql, "credit-balance", companyId, "2026-02-01", "2026-03-31", at(5));
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!["Total credits before"], `row ${i + 1}`).toBe(rows[i - 1]!["Total credits after"]);
    expect(rows.at(-1)!["Total credits after"]).toBe("13");
    expect(rows.filter((r) => r.Method === "Credits refunded").map((r) => r["# of credits"])).toEqual(["7", "1"]);
    expect(rows.filter((r) => r.Method === "Credits expired").map((r) => [r["# of credits"], r["Total credits before"], r["Total credits after"]])).toEqual([
      ["-2", "14", "12"],
    ]);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("refunds one of two concurrent refunds of a charge and refuses the other", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 1, perSeatCredits: 10, timeZone: TZ });
    const charged = await charge(db.sql, companyId, used(2_500n, { referenceId: "ans_twice" }), T0);
    expect(charged.outcome).toBe("charged");
    const results = await Promise.allSettled([
      refundCharge(db.sql, { companyId, chargeId: "ans_twice", reason: "First" }, at(1)),
      refundCharge(other.sql, { companyId, chargeId: "ans_twice", reason: "Second" }, at(1)),
      refundCharge(other.sql, { companyId, chargeId: charged.outcome === "charged" ? charged.entryId : "", reason: "Third" }, at(1)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect(r.reason).toMatchObject({ code: "invalid_request", field: "chargeId" });
    expect((await getCreditSummary(db.sql, { companyId, now: at(1) })).remainingMilli).toBe(10_000n);
    const refunds = await db.sql.row(
      `SELECT COUNT(*) AS n FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'refunded'`,
      [companyId],
      shape({ n: col.int }),
    );
    expect(refunds!.n).toBe(1);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("voids a half-spent purchase: what remains leaves with one entry, once, never below zero, and it shows 0 remaining", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 0, timeZone: TZ });
    const a = await purchase(companyId, 10_000n, "void-a", T0);
    const b = await purchase(companyId, 5_000n, "void-b", at(0.001));
    // A was bought first: it pays first (same expiry, older grant).
    await charge(db.sql, companyId, used(4_000n), at(1));
    const seq = await lastSeq(companyId);
    const voided = await voidPurchase(db.sql, { companyId, purchaseId: a.purchaseId, reason: "Recorded in error" }, at(2));
    expect(voided).toMatchObject({ removedMilli: 6_000n, balanceAfterMilli: 5_000n });
    expect(await entriesAfter(companyId, seq)).toEqual([
      { kind: "voided", amountMilli: -6_000n, balanceBeforeMilli: 11_000n, balanceAfterMilli: 5_000n, action: expect.stringContaining("Recorded in error") },
    ]);
    await expect(voidPurchase(db.sql, { companyId, purchaseId: a.purchaseId, reason: "Again" }, at(2))).rejects.toMatchObject({ code: "invalid_request" });
    expect(await lastSeq(companyId)).toBe(seq + 1);
    // What was spent stays spent; B is spent whole, then voided: nothing left to remove.
    await charge(db.sql, companyId, used(5_000n), at(3));
    const empty = await voidPurchase(db.sql, { companyId, purchaseId: b.purchaseId, reason: "Also in error" }, at(4));
    expect(empty).toMatchObject({ removedMilli: 0n, entryId: null, balanceAfterMilli: 0n });
    expect((await getCreditSummary(db.sql, { companyId, now: at(4) })).remainingMilli).toBe(0n);
    const history = await readCsv(db.sql, "purchase-history", companyId, "2026-03-01", "2026-03-31", at(4));
    expect(history.map((r) => [r["# of credits"], r["Remaining credits"]])).toEqual([
      ["10", "0"],
      ["5", "0"],
    ]);
    const lineage = await grantLineage(db.sql, { companyId, grantId: a.grantId, now: at(5) });
    expect(lineage).toEqual({
      grantId: a.grantId,
      lines: [{ month: "2026-03", featureType: "ask_anything_api", usedMilli: 4_000n, refundedMilli: 0n }],
      voided: { at: at(2), removedMilli: 6_000n, reason: "Recorded in error" },
    });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("takes Sales' adjustments: added from a future availability start until an expiry, refused past the term, and negative", async () => {
    const { companyId, termEndsAt } = await makeCompany(db.sql, T0, { coreSeats: 1, perSeatCredits: 10, timeZone: TZ });
    const added = await adjustCredits(
      db.sql,
      { companyId, amountMilli: 5_000n, reason: "Goodwill for the outage", availableFrom: at(2), expiresAt: at(30) },
      T0,
    );
    expect(added).toMatchObject({ entryId: null, balanceAfterMilli: 10_000n });
    expect((await getCreditSummary(db.sql, { companyId, now: at(1) })).remainingMilli).toBe(10_000n);
    let seq = await lastSeq(companyId);
    await settleDueAccounts(db.sql, at(2));
    expect(await entriesAfter(companyId, seq)).toEqual([
      { kind: "adjusted", amountMilli: 5_000n, balanceBeforeMilli: 10_000n, balanceAfterMilli: 15_000n, action: "Credit adjustment: Goodwill for the outage" },
    ]);
    // It expires first, so it pays first; what is left of it expires at its expiry.
    await charge(db.sql, companyId, used(3_000n), at(3));
    expect(await grant(added.grantId!)).toEqual({ remainingMilli: 2_000n, status: "active" });
    seq = await lastSeq(companyId);
    await settleDueAccounts(db.sql, at(30));
    expect(await entriesAfter(companyId, seq)).toEqual([
      { kind: "expired", amountMilli: -2_000n, balanceBeforeMilli: 12_000n, balanceAfterMilli: 10_000n, action: "Adjustment credits expired" },
    ]);

    await expect(
      adjustCredits(db.sql, { companyId, amountMilli: 1_000n, reason: "Too long", expiresAt: new Date(termEndsAt.getTime() + DAY) }, at(31)),
    ).rejects.toMatchObject({ code: "invalid_request", field: "expiresAt" });
    await expect(adjustCredits(db.sql, { companyId, amountMilli: 1_000n, reason: "" }, at(31))).rejects.toMatchObject({ field: "reason" });

    seq = await lastSeq(companyId);
    const removed = await adjustCredits(db.sql, { companyId, amountMilli: -4_000n, reason: "Double-counted purchase" }, at(31));
    expect(removed).toMatchObject({ grantId: null, balanceAfterMilli: 6_000n });
    expect(await entriesAfter(companyId, seq)).toEqual([
      { kind: "adjusted", amountMilli: -4_000n, balanceBeforeMilli: 10_000n, balanceAfterMilli: 6_000n, action: "Credit adjustment: Double-counted purchase" },
    ]);
    await expect(adjustCredits(db.sql, { companyId, amountMilli: -6_001n, reason: "Too much" }, at(31))).rejects.toMatchObject({
      code: "insufficient_credits",
    });
    expect(await lastSeq(companyId)).toBe(seq + 1);
    expect((await getCreditSummary(db.sql, { companyId, now: at(31) })).remainingMilli).toBe(6_000n);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("traces a grant to what it paid for by feature type and local month, with refunds", async () => {
    const { companyId } = await makeCompany(db.sql, new Date("2026-05-01T12:00:00Z"), { coreSeats: 0, timeZone: TZ });
    const p = await purchase(companyId, 20_000n, "lineage", new Date("2026-05-01T12:00:00Z"));
    const mcp: UsageDescriptor = { featureType: "mcp", featureName: "MCP server", usageAction: "ask_anything", integration: "Claude", requests: 1 };
    const tracker: UsageDescriptor = { featureType: "ai_tracker", featureName: "Pricing", usageAction: "continuous", trackerId: "trk_1", calls: 1 };
    // 23:30 on May 31 in New York is already June 1 in UTC: it belongs to May.
    const lateMay = new Date("2026-06-01T03:30:00Z");
    const earlyJune = new Date("2026-06-01T04:30:00Z"); // 00:30 on June 1 in New York
    await chargeMany(db.sql, companyId, [used(1_500n), used(500n, { usage: mcp })], lateMay);
    const june = await chargeMany(db.sql, companyId, [used(1_000n, { referenceId: "ans_june" }), used(1_000n, { usage: tracker })], earlyJune);
    expect(june.map((o) => o.outcome)).toEqual(["charged", "charged"]);
    await refundCharge(db.sql, { companyId, chargeId: "ans_june", reason: "Not useful" }, new Date("2026-06-15T16:00:00Z"));
    const lineage = await grantLineage(db.sql, { companyId, grantId: p.grantId, now: new Date("2026-06-20T12:00:00Z") });
    expect(lineage).toEqual({
      grantId: p.grantId,
      lines: [
        { month: "2026-05", featureType: "ask_anything_api", usedMilli: 1_500n, refundedMilli: 0n },
        { month: "2026-05", featureType: "mcp", usedMilli: 500n, refundedMilli: 0n },
        { month: "2026-06", featureType: "ai_tracker", usedMilli: 1_000n, refundedMilli: 0n },
        { month: "2026-06", featureType: "ask_anything_api", usedMilli: 1_000n, refundedMilli: 1_000n },
      ],
      voided: null,
    });
    expect(await grantLineage(db.sql, { companyId: "company_other", grantId: p.grantId, now: new Date("2026-06-20T12:00:00Z") })).toBeUndefined();
    await expectLedgerConsistent(db.sql, companyId);
  });
});
