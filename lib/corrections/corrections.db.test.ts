// Sales' corrections on both databases, through the functions the server actions call: a refund
// back to the grants that paid (expired parts expired at once), a void of what remains of a
// purchase, adjustments up and down with their dates in the company's zone, and the lineage the
// credits page reads. Each writes its audit entry in the same transaction; another company's
// charge, purchase or grant is not found, and a refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import type { Actor } from "../auth/authorize";
import { charge, getCreditSummary, listCurrentGrants, recordPurchase } from "../billing";
import { readGrantLineage } from "../credits/lineage";
import type { Database } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { type ChargeRequest, ENTRY_KINDS, FEATURE_TYPES } from "../ledger";
import { listPurchases } from "../purchases/queries";
import { col, shape } from "../sql/rows";
import { instantToDateTimeLocal } from "../time/local-time";
import { adjustSalesCredits } from "./adjust";
import { refundSalesCharge } from "./refund";
import { type AdjustCreditsForm, AdjustCreditsInput } from "./schema";
import { voidSalesPurchase } from "./void";

const NOW = new Date("2026-11-25T17:00:00Z");
const HOUR = 60 * 60 * 1000;

const used = (amountMilli: bigint, extra: Partial<ChargeRequest> = {}): ChargeRequest => ({
  amountMilli,
  action: "Ask Anything API",
  usage: TEST_USAGE,
  ...extra,
});

/** The error a promise fails with (or undefined when it succeeds). */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe.each(PROVIDERS)("Sales' corrections on %s", (provider) => {
  let db: Database;
  let sales: Actor;

  beforeAll(async () => {
    db = await freshDatabase(provider);
    const id = createId("user");
    await db.prisma.user.create({ data: { id, email: `${id}@vendor.test`, name: "Sasha Sales", role: "sales", companyId: null } });
    sales = { userId: id, email: `${id}@vendor.test`, name: "Sasha Sales", role: "sales", companyId: null, via: "session" };
  });
  afterAll(async () => {
    await db?.close();
  });

  const remaining = async (companyId: string, now = NOW) => (await getCreditSummary(db.sql, { companyId, now })).remainingMilli;
  const audit = (companyId: string) => db.prisma.auditEntry.findMany({ where: { companyId }, orderBy: { at: "asc" } });
  const count = async (table: string, companyId: string) =>
    (await db.sql.row(`SELECT COUNT(*) AS n FROM "${table}" WHERE "companyId" = ?`, [companyId], shape({ n: col.int })))!.n;
  /** Everything a correction writes, counted, to show a refusal wrote nothing. */
  const written = async (companyId: string) => ({
    entries: await count("LedgerEntry", companyId),
    grants: await count("CreditGrant", companyId),
    audit: await count("AuditEntry", companyId),
  });

  describe("refundSalesCharge", () => {
    it("refunds a charge by its answer's id, exactly, with an audit entry; a second refund is refused", async () => {
      const { companyId } = await makeCompany(db.sql, new Date(NOW.getTime() - DAY));
      const charged = await charge(db.sql, companyId, used(1_300n, { referenceId: `ans_${companyId}` }), new Date(NOW.getTime() - HOUR));
      expect(charged.outcome).toBe("charged");
      const before = await remaining(companyId);

      const refunded = await refundSalesCharge(db.sql, sales, { companyId, chargeId: `ans_${companyId}`, reason: "Answer was empty" }, NOW);
      expect(refunded).toMatchObject({ chargeId: `ans_${companyId}`, refunded: "1.3", restored: "1.3", expired: "0", balance: "100" });
      expect(refunded.chargeEntryId).toBe(charged.outcome === "charged" ? charged.entryId : "");
      expect((await remaining(companyId)) - before).toBe(1_300n);

      const [entry, ...more] = await audit(companyId);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ actorUserId: sales.userId, action: "charge.refund", targetType: "charge", targetId: refunded.chargeEntryId });
      expect(entry!.at.getTime()).toBe(NOW.getTime());
      expect(JSON.parse(entry!.before)).toEqual({ chargeId: `ans_${companyId}`, refunded: "0", balance: "98.7" });
      expect(JSON.parse(entry!.after)).toMatchObject({ refunded: "1.3", restored: "1.3", expired: "0", reason: "Answer was empty", balance: "100" });

      const before2 = await written(companyId);
      const error = await failure(refundSalesCharge(db.sql, sales, { companyId, chargeId: refunded.chargeEntryId, reason: "Twice" }, NOW));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "invalid_request", field: "chargeId" });
      expect((error as AppError).message).toContain("already refunded");
      expect(await written(companyId)).toEqual(before2);
      await expectLedgerConsistent(db.sql, companyId);
    });

    it("returns each part to its own grant; a part whose grant has expired since is refunded and expired at once", async () => {
      const { companyId } = await makeCompany(db.sql, new Date(NOW.getTime() - 3 * DAY));
      // 1 credit expiring tomorrow: charges draw from it first, then from the default grant.
      await recordPurchase(
        db.sql,
        {
          companyId,
          creditsMilli: 1_000n,
          orderReference: `short-${companyId}`,
          purchasedAt: new Date(NOW.getTime() - 2 * DAY),
          availableFrom: new Date(NOW.getTime() - 2 * DAY),
          expiresAt: new Date(NOW.getTime() + DAY),
        },
        new Date(NOW.getTime() - 2 * DAY),
      );
      const charged = await charge(db.sql, companyId, used(1_500n), NOW);
      expect(charged.outcome === "charged" && charged.allocations.length).toBe(2);
      const later = new Date(NOW.getTime() + 2 * DAY);
      const before = await remaining(companyId, later);

      const refunded = await refundSalesCharge(
        db.sql,
        sales,
        { companyId, chargeId: charged.outcome === "charged" ? charged.entryId : "", reason: "Outage" },
        later,
      );
      expect(refunded).toMatchObject({ refunded: "1.5", restored: "0.5", expired: "1" });
      expect((await remaining(companyId, later)) - before).toBe(500n);
      const kinds = await db.sql.rows(
        `SELECT "kind", "amountMilli" FROM "LedgerEntry" WHERE "companyId" = ? ORDER BY "seq" DESC LIMIT 2`,
        [companyId],
        shape({ kind: col.oneOf(ENTRY_KINDS), amountMilli: col.bigint }),
      );
      expect(kinds).toEqual([
        { kind: "expired", amountMilli: -1000n },
        { kind: "refunded", amountMilli: 1500n },
      ]);
      await expectLedgerConsistent(db.sql, companyId);
    });

    it("names an unknown charge id, and finds no charge of another company", async () => {
      const a = await makeCompany(db.sql, new Date(NOW.getTime() - DAY));
      const b = await makeCompany(db.sql, new Date(NOW.getTime() - DAY));
      const charged = await charge(db.sql, a.companyId, used(700n, { referenceId: `ans_a_${a.companyId}` }), NOW);
      expect(charged.outcome).toBe("charged");
      const beforeA = await written(a.companyId);
      const beforeB = await written(b.companyId);

      const unknown = await failure(refundSalesCharge(db.sql, sales, { companyId: a.companyId, chargeId: "ans_nope", reason: "x" }, NOW));
      expect(unknown).toMatchObject({ code: "not_found", field: "chargeId" });
      expect((unknown as AppError).message).toContain('"ans_nope"');

      for (const chargeId of [`ans_a_${a.companyId}`, charged.outcome === "charged" ? charged.entryId : ""]) {
        const other = await failure(refundSalesCharge(db.sql, sales, { companyId: b.companyId, chargeId, reason: "Wrong company" }, NOW));
        expect(other).toMatchObject({ code: "not_found", field: "chargeId" });
      }
      expect(await written(a.companyId)).toEqual(beforeA);
      expect(await written(b.companyId)).toEqual(beforeB);
    });
  });

  describe("voidSalesPurchase", () => {
    it("removes what remains of the purchase with one entry, shows it voided with 0 remaining, and audits it; a second void is refused", async () => {
      const { companyId } = await makeCompany(db.sql, new Date(NOW.getTime() - 2 * DAY));
      const bought = new Date(NOW.getTime() - DAY);
      const purchase = await recordPurchase(
        db.sql,
        {
          companyId,
          creditsMilli: 50_000n,
          orderReference: `void-${companyId}`,
          purchasedAt: bought,
          availableFrom: bought,
          expiresAt: new Date(NOW.getTime() + 30 * DAY),
        },
        bought,
      );
      // Expiring first, the purchase pays for this charge; what was spent stays spent.
      expect((await charge(db.sql, companyId, used(3_500n), new Date(NOW.getTime() - HOUR))).outcome).toBe("charged");
      const before = await remaining(companyId);
      const entriesBefore = await count("LedgerEntry", companyId);

      const voided = await voidSalesPurchase(db.sql, sales, { companyId, purchaseId: purchase.purchaseId, reason: "Recorded twice" }, NOW);
      expect(voided).toEqual({ purchaseId: purchase.purchaseId, orderReference: `void-${companyId}`, removed: "46.5", balance: "100" });
      expect(before - (await remaining(companyId))).toBe(46_500n);
      expect(await count("LedgerEntry", companyId)).toBe(entriesBefore + 1);

      const [listed] = await listPurchases(db.sql, { companyId, now: NOW });
      expect(listed).toMatchObject({ id: purchase.purchaseId, state: "voided", remainingMilli: 0n });
      expect(listed!.voidedAt?.getTime()).toBe(NOW.getTime());
      const grant = (await listCurrentGrants(db.sql, { companyId, now: NOW })).find((g) => g.purchaseId === purchase.purchaseId);
      expect(grant).toMatchObject({ remainingMilli: 0n, status: "closed" });
      expect(grant!.voidedAt?.getTime()).toBe(NOW.getTime());

      const [entry] = await audit(companyId);
      expect(entry).toMatchObject({ actorUserId: sales.userId, action: "purchase.void", targetType: "purchase", targetId: purchase.purchaseId });
      expect(JSON.parse(entry!.before)).toEqual({ orderReference: `void-${companyId}`, voided: false, balance: "146.5" });
      expect(JSON.parse(entry!.after)).toEqual({
        orderReference: `void-${companyId}`,
        voided: true,
        reason: "Recorded twice",
        removed: "46.5",
        remaining: "0",
        balance: "100",
      });

      const beforeAgain = await written(companyId);
      const again = await failure(voidSalesPurchase(db.sql, sales, { companyId, purchaseId: purchase.purchaseId, reason: "Again" }, NOW));
      expect(again).toMatchObject({ code: "invalid_request", field: "purchaseId" });
      expect((again as AppError).message).toContain("already voided");
      expect(await written(companyId)).toEqual(beforeAgain);
      await expectLedgerConsistent(db.sql, companyId);
    });

    it("finds no purchase of another company, and writes nothing", async () => {
      const a = await makeCompany(db.sql, NOW);
      const b = await makeCompany(db.sql, NOW);
      const purchase = await recordPurchase(
        db.sql,
        { companyId: a.companyId, creditsMilli: 5_000n, orderReference: `a-${a.companyId}`, purchasedAt: NOW, availableFrom: NOW },
        NOW,
      );
      const beforeA = await written(a.companyId);
      const error = await failure(voidSalesPurchase(db.sql, sales, { companyId: b.companyId, purchaseId: purchase.purchaseId, reason: "x" }, NOW));
      expect(error).toMatchObject({ code: "not_found", field: "purchaseId" });
      expect(await written(a.companyId)).toEqual(beforeA);
      expect(await count("AuditEntry", b.companyId)).toBe(0);
      expect((await listPurchases(db.sql, { companyId: a.companyId, now: NOW }))[0]).toMatchObject({ state: "available", remainingMilli: 5_000n });
    });
  });

  describe("adjustSalesCredits", () => {
    const TZ = "Europe/Berlin";
    const form = (companyId: string, overrides: Partial<AdjustCreditsForm>) =>
      AdjustCreditsInput.parse({ companyId, direction: "add", credits: "12.5", reason: "Goodwill", ...overrides });

    it("adds credits from now to the end of the term by default, as a grant of their own, with an audit entry", async () => {
      const { companyId, termEndsAt } = await makeCompany(db.sql, NOW, { timeZone: TZ });
      const result = await adjustSalesCredits(db.sql, sales, form(companyId, {}), NOW);
      expect(result).toMatchObject({ direction: "add", credits: "12.5", availableNow: true, balance: "112.5" });
      expect(result.availableFrom).toBe(NOW.toISOString());
      expect(result.expiresAt).toBe(termEndsAt.toISOString());
      expect(await remaining(companyId)).toBe(112_500n);
      const grant = (await listCurrentGrants(db.sql, { companyId, now: NOW })).find((g) => g.id === result.grantId);
      expect(grant).toMatchObject({ kind: "adjustment", amountMilli: 12_500n, remainingMilli: 12_500n, status: "active" });
      expect(grant!.expiresAt.getTime()).toBe(termEndsAt.getTime());

      const [entry] = await audit(companyId);
      expect(entry).toMatchObject({ action: "credits.adjust", targetType: "credit_grant", targetId: result.grantId, actorUserId: sales.userId });
      expect(JSON.parse(entry!.before)).toEqual({ balance: "100" });
      expect(JSON.parse(entry!.after)).toEqual({
        credits: "12.5",
        reason: "Goodwill",
        availableFrom: NOW.toISOString(),
        expiresAt: termEndsAt.toISOString(),
        balance: "112.5",
      });
      await expectLedgerConsistent(db.sql, companyId);
    });

    it("reads the availability start and expiry in the company's zone; credits that start later leave the balance until then", async () => {
      const { companyId } = await makeCompany(db.sql, NOW, { timeZone: TZ });
      const result = await adjustSalesCredits(
        db.sql,
        sales,
        form(companyId, { credits: "5", availableFrom: "2026-12-01T09:00", expiresAt: "2027-01-01T00:00" }),
        NOW,
      );
      expect(result).toMatchObject({ availableNow: false, balance: "100" });
      // Berlin is UTC+1 in winter.
      expect(result.availableFrom).toBe("2026-12-01T08:00:00.000Z");
      expect(result.expiresAt).toBe("2026-12-31T23:00:00.000Z");
      expect(await remaining(companyId)).toBe(100_000n);
      expect(await remaining(companyId, new Date("2026-12-02T00:00:00Z"))).toBe(105_000n);
      expect(JSON.parse((await audit(companyId))[0]!.before)).toEqual({ balance: "100" });
    });

    it("removes credits soonest expiry first, and refuses more than can be removed", async () => {
      const { companyId } = await makeCompany(db.sql, NOW);
      const result = await adjustSalesCredits(db.sql, sales, form(companyId, { direction: "remove", credits: "2.5", availableFrom: "", expiresAt: "" }), NOW);
      expect(result).toMatchObject({ direction: "remove", credits: "2.5", grantId: null, balance: "97.5" });
      const [entry] = await audit(companyId);
      expect(entry).toMatchObject({ action: "credits.adjust", targetType: "ledger_entry" });
      expect(JSON.parse(entry!.before)).toEqual({ balance: "100" });
      expect(JSON.parse(entry!.after)).toMatchObject({ credits: "-2.5", balance: "97.5", availableFrom: null, expiresAt: null });

      const before = await written(companyId);
      const error = await failure(adjustSalesCredits(db.sql, sales, form(companyId, { direction: "remove", credits: "97.501" }), NOW));
      expect(error).toMatchObject({ code: "insufficient_credits" });
      expect((error as AppError).message).toContain("only 97.5 can be removed");
      expect(await written(companyId)).toEqual(before);
      await expectLedgerConsistent(db.sql, companyId);
    });

    it("refuses an expiry after the end of the term, naming it in the company's zone, and writes nothing", async () => {
      const { companyId, termEndsAt } = await makeCompany(db.sql, NOW, { timeZone: TZ });
      const before = await written(companyId);
      const late = instantToDateTimeLocal(new Date(termEndsAt.getTime() + DAY), TZ);
      const error = await failure(adjustSalesCredits(db.sql, sales, form(companyId, { expiresAt: late }), NOW));
      expect(error).toMatchObject({ code: "invalid_request", field: "expiresAt" });
      expect((error as AppError).message).toMatch(/must not be after the end of the contract term, .+\./);
      expect((error as AppError).message).toContain(instantToDateTimeLocal(termEndsAt, TZ).slice(0, 4));

      const early = await failure(
        adjustSalesCredits(db.sql, sales, form(companyId, { availableFrom: "2027-01-10T00:00", expiresAt: "2027-01-05T00:00" }), NOW),
      );
      expect(early).toMatchObject({ code: "invalid_request", field: "expiresAt" });
      expect(await written(companyId)).toEqual(before);
    });
  });

  describe("readGrantLineage", () => {
    it("shows what a grant paid for by month and feature type, with the refund and the void", async () => {
      const TZ = "America/New_York";
      const start = new Date("2026-09-01T12:00:00Z");
      const { companyId } = await makeCompany(db.sql, start, { termStartsAt: new Date("2026-09-01T04:00:00Z"), timeZone: TZ });
      // Expiring before the default grant, the purchase pays for every charge below.
      const purchase = await recordPurchase(
        db.sql,
        {
          companyId,
          creditsMilli: 10_000n,
          orderReference: `lineage-${companyId}`,
          purchasedAt: start,
          availableFrom: start,
          expiresAt: new Date("2027-01-01T05:00:00Z"),
        },
        start,
      );
      const ask = await charge(db.sql, companyId, used(1_300n, { referenceId: `ans_l_${companyId}` }), new Date("2026-10-10T15:00:00Z"));
      expect(ask.outcome).toBe("charged");
      // 23:30 on October 31 in New York: October there, November in UTC.
      const mcp = { featureType: "mcp" as const, featureName: "MCP server", usageAction: "ask_anything", requests: 1 };
      await charge(db.sql, companyId, { amountMilli: 500n, action: "MCP server", usage: mcp }, new Date("2026-11-01T03:30:00Z"));
      const tracker = { featureType: "ai_tracker" as const, featureName: "Pricing", usageAction: "continuous", emails: 2 };
      await charge(db.sql, companyId, { amountMilli: 200n, action: "AI tracker: Pricing", usage: tracker }, new Date("2026-11-20T15:00:00Z"));
      await refundSalesCharge(db.sql, sales, { companyId, chargeId: `ans_l_${companyId}`, reason: "Empty answer" }, NOW);

      const lineage = await readGrantLineage(db.sql, { companyId, grantId: purchase.grantId, now: NOW });
      expect(lineage.lines.map((l) => [l.monthLabel, l.featureLabel, l.used.value, l.refunded.value])).toEqual([
        ["October 2026", "Ask Anything API", "1.3", "0"],
        ["October 2026", "MCP server", "0.5", "0"],
        ["November 2026", "AI tracker", "0.2", "0"],
        // A refund shows in the month it was made.
        ["November 2026", "Ask Anything API", "0", "1.3"],
      ]);
      expect(lineage.totals).toEqual({ used: { value: "2", text: "2" }, refunded: { value: "1.3", text: "1.3" } });
      expect(lineage.voided).toBeNull();
      expect(FEATURE_TYPES).toContain(lineage.lines[0]!.featureType);

      await voidSalesPurchase(db.sql, sales, { companyId, purchaseId: purchase.purchaseId, reason: "Duplicate order" }, NOW);
      const afterVoid = await readGrantLineage(db.sql, { companyId, grantId: purchase.grantId, now: NOW });
      expect(afterVoid.voided).toEqual({ date: "Nov 25, 2026", removed: { value: "9.3", text: "9.3" }, reason: "Duplicate order" });
      expect(afterVoid.lines).toEqual(lineage.lines);
    });

    it("finds no grant of another company", async () => {
      const a = await makeCompany(db.sql, NOW);
      const b = await makeCompany(db.sql, NOW);
      const [grant] = await listCurrentGrants(db.sql, { companyId: a.companyId, now: NOW });
      expect((await readGrantLineage(db.sql, { companyId: a.companyId, grantId: grant!.id, now: NOW })).lines).toEqual([]);
      const error = await failure(readGrantLineage(db.sql, { companyId: b.companyId, grantId: grant!.id, now: NOW }));
      expect(error).toMatchObject({ code: "not_found", field: "grantId" });
    });
  });
});
