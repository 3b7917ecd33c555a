// Budgets inside the shared pool (R-BUDGET-1, R-BUDGET-2) on both databases: a budget is never
// passed under concurrency, whatever the handle; the balance is checked before budgets; periods
// turn over at local midnight on the 1st (New York, Auckland) or at the contract year; a budget
// limits only its own scope (an integration, an API key, a team); alerts at 80% and 100% go to
// every admin once per period; held credits count toward budgets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertBudget, insertTeam } from "../../test/support/budgets";
import { DAY, makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { askAnything } from "../ai/requests";
import type { Actor } from "../auth/authorize";
import { captureHold, charge, getCreditSummary, HOLD_TTL_MS, placeHold, refundCharge, releaseHold } from "../billing";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { ingestCalls } from "../ingest";
import { col, shape } from "../sql/rows";
import { zonedTimeToInstant } from "../time/local-time";
import { startOfLocalDay } from "../time/zoned";
import type { ChargeRequest, UsageDescriptor } from "./types";

const NOW = new Date("2026-06-10T15:00:00.000Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);
const ask = (amountMilli: bigint, usage: Partial<UsageDescriptor> = {}, extra: Partial<ChargeRequest> = {}): ChargeRequest => ({
  amountMilli,
  action: "Ask Anything API",
  usage: { ...TEST_USAGE, ...usage },
  ...extra,
});
const outcomesOf = (list: { outcome: string }[]) => list.map((o) => o.outcome);
const count = (list: string[], outcome: string) => list.filter((o) => o === outcome).length;

describe.each(PROVIDERS)("budgets on %s", (provider) => {
  let handles: Database[];
  let db: Database;
  beforeAll(async () => {
    const url = await freshDatabaseUrl(provider);
    handles = [0, 1, 2].map(() => openDatabase(databaseConfig(url)));
    db = handles[0]!;
  });
  afterAll(async () => {
    for (const h of handles ?? []) await h.close();
  });
  const sqlOf = (i: number) => handles[i % handles.length]!.sql;
  const budgetUse = async (companyId: string, scope: string) =>
    (await db.sql.row(
      `SELECT COALESCE(SUM("creditsMilli"), 0) AS s FROM "UsageScopeDay" WHERE "companyId" = ? AND "scope" = ?`,
      [companyId, scope],
      shape({ s: col.bigint }),
    ))!.s;

  it("lets exactly 10 of 50 concurrent charges through a budget worth 10, from several handles", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 10, perSeatCredits: 100 });
    await insertBudget(db.sql, companyId, { name: "Ask Anything", scopeKind: "feature", scopeValue: "ask_anything_api", limitMilli: 10_000n }, NOW);
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => charge(sqlOf(i), companyId, ask(1_000n), NOW)));
    expect(count(outcomesOf(outcomes), "charged")).toBe(10);
    expect(count(outcomesOf(outcomes), "exceeds_budget")).toBe(40);
    for (const o of outcomes)
      if (o.outcome === "exceeds_budget") expect(o).toMatchObject({ name: "Ask Anything", limitMilli: 10_000n, usedMilli: 10_000n, requiredMilli: 1_000n });
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).usedMilli).toBe(10_000n);
    expect(await budgetUse(companyId, "feature:ask_anything_api")).toBe(10_000n);
    // Another feature is not in this budget's scope.
    expect((await charge(db.sql, companyId, ask(1_000n, { featureType: "briefer_api", featureName: "Briefer API" }), NOW)).outcome).toBe("charged");
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("refuses for the balance when the balance and a budget are both short: the balance is checked first", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 5 });
    await insertBudget(db.sql, companyId, { name: "Small", scopeKind: "feature", scopeValue: "ask_anything_api", limitMilli: 3_000n }, NOW);
    expect((await charge(db.sql, companyId, ask(2_500n), NOW)).outcome).toBe("charged");
    // 2.5 credits left, 0.5 left in the budget: 3 credits fit neither.
    expect(await charge(db.sql, companyId, ask(3_000n), NOW)).toEqual({ outcome: "exceeds_credits", requiredMilli: 3_000n, availableMilli: 2_500n });
    expect(await placeHold(db.sql, companyId, ask(3_000n), NOW)).toEqual({ outcome: "exceeds_credits", requiredMilli: 3_000n, availableMilli: 2_500n });
    // 1 credit fits the balance, not the budget: the budget refuses, by name.
    expect(await charge(db.sql, companyId, ask(1_000n), NOW)).toMatchObject({
      outcome: "exceeds_budget",
      name: "Small",
      limitMilli: 3_000n,
      usedMilli: 2_500n,
      requiredMilli: 1_000n,
    });
    expect(await placeHold(db.sql, companyId, ask(1_000n), NOW)).toMatchObject({ outcome: "exceeds_budget", name: "Small" });
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).usedMilli).toBe(2_500n);
    await expectLedgerConsistent(db.sql, companyId);
  });

  for (const [zone, last, first] of [
    // New York: November 1 is also the day clocks fall back (at 02:00, after the month began).
    ["America/New_York", { year: 2026, month: 10, day: 31 }, { year: 2026, month: 11, day: 1 }],
    // Auckland is ahead of UTC: its April begins on March 31 in UTC.
    ["Pacific/Auckland", { year: 2026, month: 3, day: 31 }, { year: 2026, month: 4, day: 1 }],
  ] as const) {
    it(`starts a monthly budget's new period at local midnight on the 1st in ${zone}`, async () => {
      const lastMoment = new Date(zonedTimeToInstant({ ...last, hour: 23, minute: 59, second: 59 }, zone).getTime() + 999);
      const midnight = zonedTimeToInstant({ ...first, hour: 0, minute: 0, second: 0 }, zone);
      expect(midnight.getTime() - lastMoment.getTime()).toBe(1);
      const { companyId } = await makeCompany(db.sql, lastMoment, { coreSeats: 1, perSeatCredits: 100, timeZone: zone });
      await insertBudget(db.sql, companyId, { name: "Monthly", scopeKind: "feature", scopeValue: "ask_anything_api", limitMilli: 2_000n }, lastMoment);
      expect((await charge(db.sql, companyId, ask(1_000n), new Date(lastMoment.getTime() - DAY))).outcome).toBe("charged");
      // The last millisecond of the month still counts in it.
      expect((await charge(db.sql, companyId, ask(1_000n), lastMoment)).outcome).toBe("charged");
      const refused = await charge(db.sql, companyId, ask(1n), lastMoment);
      expect(refused).toMatchObject({ outcome: "exceeds_budget", usedMilli: 2_000n, resumesAt: midnight });
      // Midnight on the 1st: a new period, empty.
      expect((await charge(db.sql, companyId, ask(2_000n), midnight)).outcome).toBe("charged");
      expect(await charge(db.sql, companyId, ask(1n), new Date(midnight.getTime() + 12 * 3_600_000))).toMatchObject({
        outcome: "exceeds_budget",
        usedMilli: 2_000n,
      });
      await expectLedgerConsistent(db.sql, companyId);
    });
  }

  it("keeps a contract-year budget for the whole contract year, and starts again at the next", async () => {
    const zone = "America/New_York";
    const termStartsAt = startOfLocalDay("2026-01-15", zone);
    const nextYear = startOfLocalDay("2027-01-15", zone);
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 100, termStartsAt, timeZone: zone });
    await insertBudget(
      db.sql,
      companyId,
      { name: "Yearly", scopeKind: "feature", scopeValue: "ask_anything_api", limitMilli: 3_000n, period: "contract_year" },
      NOW,
    );
    expect((await charge(db.sql, companyId, ask(2_000n), NOW)).outcome).toBe("charged");
    // Months later, the same year: only 1 credit is left in it.
    expect((await charge(db.sql, companyId, ask(1_000n), new Date("2026-11-20T15:00:00Z"))).outcome).toBe("charged");
    expect(await charge(db.sql, companyId, ask(1n), new Date(nextYear.getTime() - 1))).toMatchObject({
      outcome: "exceeds_budget",
      name: "Yearly",
      usedMilli: 3_000n,
      resumesAt: nextYear,
    });
    expect((await charge(db.sql, companyId, ask(3_000n), nextYear)).outcome).toBe("charged");
    expect(await charge(db.sql, companyId, ask(1n), new Date(nextYear.getTime() + 30 * DAY))).toMatchObject({ outcome: "exceeds_budget", usedMilli: 3_000n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("limits only its own integration, API key and team", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 100 });
    const mcp = (integration: string): Partial<UsageDescriptor> => ({
      featureType: "mcp",
      featureName: "MCP server",
      usageAction: "ask_anything",
      integration,
    });
    await insertBudget(db.sql, companyId, { name: "Claude", scopeKind: "integration", scopeValue: "Claude Desktop", limitMilli: 1_000n }, NOW);
    await insertBudget(db.sql, companyId, { name: "Key one", scopeKind: "api_key", scopeValue: "key_one", limitMilli: 1_000n }, NOW);
    await insertBudget(db.sql, companyId, { name: "Sales team", scopeKind: "team", scopeValue: "team_sales", limitMilli: 1_000n }, NOW);
    const run = async (usage: Partial<UsageDescriptor>) =>
      outcomesOf(await Promise.all([0, 1, 2].map((i) => charge(sqlOf(i), companyId, ask(500n, usage), NOW))));
    expect(await run(mcp("Claude Desktop"))).toEqual(expect.arrayContaining(["charged", "charged", "exceeds_budget"]));
    expect(await run(mcp("Cursor"))).toEqual(["charged", "charged", "charged"]);
    expect(await run({ apiKeyId: "key_one" })).toEqual(expect.arrayContaining(["charged", "charged", "exceeds_budget"]));
    expect(await run({ apiKeyId: "key_two" })).toEqual(["charged", "charged", "charged"]);
    expect(await run({ teamId: "team_sales" })).toEqual(expect.arrayContaining(["charged", "charged", "exceeds_budget"]));
    expect(await run({ teamId: "team_support" })).toEqual(["charged", "charged", "charged"]);
    expect(await charge(db.sql, companyId, ask(500n, mcp("Claude Desktop")), NOW)).toMatchObject({ outcome: "exceeds_budget", name: "Claude" });
    expect(await budgetUse(companyId, "integration:Claude Desktop")).toBe(1_000n);
    expect(await budgetUse(companyId, "integration:Cursor")).toBe(1_500n);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("applies a team's budget to the requests of that team's users", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 100 });
    const users = ["seller", "helper"].map((name) => ({
      id: `${name}-${companyId}`,
      email: `${name}-${companyId}@budgets.test`,
      name,
      role: "member",
      companyId,
    }));
    for (const data of users) await db.prisma.user.create({ data });
    const team = await insertTeam(db.sql, companyId, "Sales", [users[0]!.id], NOW);
    await insertBudget(db.sql, companyId, { name: "Sales team", scopeKind: "team", scopeValue: team, limitMilli: 1_500n }, NOW);
    await ingestCalls(db.sql, {
      companyId,
      calls: [{ externalId: "long", startedAt: NOW.toISOString(), durationSeconds: 900, transcript: "Pricing." }],
      now: NOW,
    });
    const actor = (u: (typeof users)[number], teamId: string | null): Actor => ({
      userId: u.id,
      email: u.email,
      name: u.name,
      role: "member",
      companyId,
      via: "api_key",
      teamId,
    });
    const seller = { actor: actor(users[0]!, team), companyId, channel: { kind: "api" as const }, now: NOW };
    const helper = { actor: actor(users[1]!, null), companyId, channel: { kind: "api" as const }, now: NOW };
    expect((await askAnything(db, seller, { question: "pricing?", callIds: ["long"] })).creditsChargedMilli).toBe(1_000n);
    const refused = await askAnything(db, seller, { question: "pricing?", callIds: ["long"] }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "budget_exceeded", status: 402, details: { budget: "Sales team", limit: "1.5", used: "1", required: "1" } });
    expect((refused as Error).message).toContain('"Sales team"');
    // A user outside the team is not limited by it.
    for (let i = 0; i < 3; i++) expect((await askAnything(db, helper, { question: "pricing?", callIds: ["long"] })).creditsChargedMilli).toBe(1_000n);
    expect(await budgetUse(companyId, `team:${team}`)).toBe(1_000n);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("alerts every admin at 80% and 100% of a budget once per period, and again the next period", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 10, perSeatCredits: 100 });
    for (const role of ["tech_admin", "business_admin", "member"])
      await db.prisma.user.create({ data: { id: `${role}-${companyId}`, email: `${role}-${companyId}@budgets.test`, name: role, role, companyId } });
    const budgetId = await insertBudget(
      db.sql,
      companyId,
      { name: "API spend", scopeKind: "feature", scopeValue: "ask_anything_api", limitMilli: 10_000n },
      NOW,
    );
    const alerts = async () =>
      db.prisma.notification.findMany({
        where: { companyId, kind: "budget" },
        orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
        select: { userId: true, title: true },
      });
    const fired = async () =>
      (await db.prisma.budgetAlert.findMany({ where: { budgetId }, orderBy: [{ periodStart: "asc" }, { percent: "asc" }] })).map((a) => [
        a.periodStart,
        a.percent,
      ]);

    // Credits held for a request in flight count toward the limit, but are not usage: a charge
    // beside them that leaves usage under 80% alerts nobody.
    const inFlight = await placeHold(db.sql, companyId, ask(2_000n), later(1));
    expect(inFlight.outcome).toBe("held");
    expect((await charge(db.sql, companyId, ask(7_000n), later(1))).outcome).toBe("charged");
    expect(await alerts()).toEqual([]);
    if (inFlight.outcome === "held") expect(await releaseHold(db.sql, companyId, inFlight.holdId, later(1))).toBe("released");
    const eighty = await charge(db.sql, companyId, ask(1_000n, {}, { referenceId: "ans_eighty" }), later(2));
    expect(eighty.outcome).toBe("charged");
    expect(await alerts()).toEqual([
      { userId: `business_admin-${companyId}`, title: 'Budget "API spend" has used 80% of its limit for June 2026' },
      { userId: `tech_admin-${companyId}`, title: 'Budget "API spend" has used 80% of its limit for June 2026' },
    ]);
    expect(await db.prisma.outboxEmail.count({ where: { companyId, subject: { contains: "API spend" } } })).toBe(2);
    await charge(db.sql, companyId, ask(1_000n), later(3));
    expect(await alerts()).toHaveLength(2);
    await charge(db.sql, companyId, ask(1_000n), later(4));
    expect((await alerts()).slice(2)).toEqual([
      { userId: `business_admin-${companyId}`, title: 'Budget "API spend" is used up for June 2026' },
      { userId: `tech_admin-${companyId}`, title: 'Budget "API spend" is used up for June 2026' },
    ]);
    expect(await fired()).toEqual([
      ["2026-06-01", 80],
      ["2026-06-01", 100],
    ]);
    // A refund brings usage back under 80% and 100%; crossing them again this month sends nothing.
    await refundCharge(db.sql, { companyId, chargeId: "ans_eighty", reason: "Mistake" }, later(5));
    expect(await budgetUse(companyId, "feature:ask_anything_api")).toBe(9_000n);
    expect((await charge(db.sql, companyId, ask(1_000n), later(6))).outcome).toBe("charged");
    expect(await alerts()).toHaveLength(4);
    // July: a new period, and the alerts fire again.
    const july = new Date("2026-07-02T15:00:00Z");
    expect((await charge(db.sql, companyId, ask(8_000n), july)).outcome).toBe("charged");
    expect((await alerts()).slice(4).map((a) => a.title)).toEqual([
      'Budget "API spend" has used 80% of its limit for July 2026',
      'Budget "API spend" has used 80% of its limit for July 2026',
    ]);
    expect(await fired()).toEqual([
      ["2026-06-01", 80],
      ["2026-06-01", 100],
      ["2026-07-01", 80],
    ]);
    // August: one charge passes 80% and 100% at once; both are told, 80% first.
    const august = new Date("2026-08-03T15:00:00Z");
    expect((await charge(db.sql, companyId, ask(10_000n), august)).outcome).toBe("charged");
    const augustAlerts = await db.prisma.notification.findMany({
      where: { companyId, kind: "budget", userId: `tech_admin-${companyId}`, title: { contains: "August 2026" } },
      orderBy: { id: "asc" },
    });
    expect(augustAlerts.map((a) => a.title)).toEqual([
      'Budget "API spend" has used 80% of its limit for August 2026',
      'Budget "API spend" is used up for August 2026',
    ]);
    expect(augustAlerts[0]!.body).toContain("has passed 80% of its limit and is at 100% now: it has used 10 of its 10 credits for August 2026");
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("counts held credits toward budgets: requests in flight cannot together pass a limit", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 10, perSeatCredits: 100 });
    await insertBudget(db.sql, companyId, { name: "In flight", scopeKind: "feature", scopeValue: "ask_anything_api", limitMilli: 5_000n }, NOW);
    const placed = await Promise.all(Array.from({ length: 10 }, (_, i) => placeHold(sqlOf(i), companyId, ask(1_000n), NOW)));
    expect(count(outcomesOf(placed), "held")).toBe(5);
    expect(count(outcomesOf(placed), "exceeds_budget")).toBe(5);
    const held = placed.flatMap((o) => (o.outcome === "held" ? [o.holdId] : []));
    // Nothing is charged yet, but the budget is taken: a plain charge is refused too.
    expect(await charge(db.sql, companyId, ask(1_000n), NOW)).toMatchObject({ outcome: "exceeds_budget", usedMilli: 5_000n });
    expect(await releaseHold(db.sql, companyId, held[0]!, NOW)).toBe("released");
    expect((await charge(db.sql, companyId, ask(1_000n), NOW)).outcome).toBe("charged");
    const captured = await Promise.all(held.slice(1).map((id, i) => captureHold(sqlOf(i), companyId, id, NOW)));
    expect(outcomesOf(captured)).toEqual(["charged", "charged", "charged", "charged"]);
    expect(await placeHold(db.sql, companyId, ask(1_000n), NOW)).toMatchObject({ outcome: "exceeds_budget", usedMilli: 5_000n });
    expect(await budgetUse(companyId, "feature:ask_anything_api")).toBe(5_000n);
    expect(await getCreditSummary(db.sql, { companyId, now: NOW })).toMatchObject({ usedMilli: 5_000n, heldMilli: 0n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("checks a hold the ledger job released against its budget again when its slow request captures it", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 10, perSeatCredits: 100 });
    await insertBudget(db.sql, companyId, { name: "Slow", scopeKind: "feature", scopeValue: "ask_anything_api", limitMilli: 3_000n }, NOW);
    const slow = await placeHold(db.sql, companyId, ask(2_000n), NOW);
    if (slow.outcome !== "held") throw new Error(`expected a hold, got ${slow.outcome}`);
    // Taken for dead after 10 minutes: released, and its share of the budget spent by others.
    expect(await releaseHold(db.sql, companyId, slow.holdId, later(HOLD_TTL_MS))).toBe("released");
    expect((await charge(db.sql, companyId, ask(2_000n), later(HOLD_TTL_MS))).outcome).toBe("charged");
    expect(await captureHold(db.sql, companyId, slow.holdId, later(HOLD_TTL_MS + 1_000))).toMatchObject({
      outcome: "exceeds_budget",
      name: "Slow",
      usedMilli: 2_000n,
      requiredMilli: 2_000n,
    });
    expect(await budgetUse(companyId, "feature:ask_anything_api")).toBe(2_000n);
    expect((await getCreditSummary(db.sql, { companyId, now: later(HOLD_TTL_MS + 1_000) })).usedMilli).toBe(2_000n);
    await expectLedgerConsistent(db.sql, companyId);
  });
});
