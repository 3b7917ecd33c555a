// Tracker filters and budgets against real databases (R-TRACK-3, R-TEAM-1, R-BUDGET-2,
// R-ZERO-2): over calls and emails with owners in teams and participants inside and outside the
// company, each filter's estimate is exactly what the worker then charges, for the backfill and
// for new data; a tracker a budget paused says so, processes nothing, and resumes by itself when
// the budget's next period starts, then processes its backlog; a tracker paused at zero waits for
// an admin, whatever budget paused it before.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertBudget, insertTeam } from "../../test/support/budgets";
import { DAY, makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { askAnything } from "../ai/requests";
import type { Actor } from "../auth/authorize";
import { getCreditSummary, recordPurchase } from "../billing";
import type { Database } from "../db";
import { ingestCalls, ingestEmails } from "../ingest";
import { col, shape } from "../sql/rows";
import { startOfLocalDay } from "../time/zoned";
import { createDraft, estimateTracker, processTrackers, publishTracker, resumeTracker, TrackerDraft, trackerProgress } from "./index";
import { trackerStatus } from "./status";

const TZ = "America/New_York";
const T0 = new Date("2026-06-10T16:00:00.000Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

type Item = { id: string; kind: "call" | "email"; seconds?: number; owner?: "alice" | "bob" | "carol"; participants: string[] };

/** Calls and emails of the fixture: owners Alice (Sales), Bob (Support), Carol (no team); participants inside and out. */
function fixtureItems(own: string, prefix = ""): Item[] {
  const me = (name: string) => `${name}@${own}`;
  return [
    { id: `${prefix}c1`, kind: "call", seconds: 900, owner: "alice", participants: [me("alice"), "buyer@customer.com"] },
    { id: `${prefix}c2`, kind: "call", seconds: 300, owner: "bob", participants: [me("bob"), "x@partner.org"] },
    { id: `${prefix}c3`, kind: "call", seconds: 1200, owner: "carol", participants: [me("carol"), me("alice")] },
    { id: `${prefix}c4`, kind: "call", seconds: 120, owner: "alice", participants: ["Buyer2@Customer.com"] },
    { id: `${prefix}c5`, kind: "call", seconds: 1800, participants: [] },
    { id: `${prefix}c6`, kind: "call", seconds: 720, owner: "bob", participants: ["a@customer.com", "b@partner.org"] },
    { id: `${prefix}e1`, kind: "email", owner: "alice", participants: ["buyer@customer.com"] },
    { id: `${prefix}e2`, kind: "email", owner: "bob", participants: [me("bob")] },
    { id: `${prefix}e3`, kind: "email", participants: ["z@partner.org"] },
    { id: `${prefix}e4`, kind: "email", owner: "carol", participants: ["q@customer.com", "r@competitor.io"] },
  ];
}

const costOf = (i: Item) => (i.kind === "email" ? 100n : (i.seconds ?? 0) <= 600 ? 500n : 1_000n);

describe.each(PROVIDERS)("tracker filters and budgets on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  /** A company with a Sales team (Alice), a Support team (Bob), Carol in no team, an admin, and the fixture's items. */
  async function world({ credits = 1_000_000n }: { credits?: bigint } = {}) {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 0, timeZone: TZ });
    if (credits > 0n)
      await recordPurchase(
        db.sql,
        { companyId, creditsMilli: credits, orderReference: `buy-${companyId}`, purchasedAt: at(-200), availableFrom: at(-200) },
        at(-200),
      );
    const own = `acme-${randomBytes(4).toString("hex")}.test`;
    const ids: Record<string, string> = {};
    for (const [name, role] of [
      ["alice", "member"],
      ["bob", "member"],
      ["carol", "member"],
      ["admin", "tech_admin"],
    ] as const) {
      ids[name] = `${name}-${companyId}`;
      await db.prisma.user.create({ data: { id: ids[name]!, email: `${name}@${own}`, name, role, companyId } });
    }
    const sales = await insertTeam(db.sql, companyId, "Sales", [ids.alice!], T0);
    const support = await insertTeam(db.sql, companyId, "Support", [ids.bob!], T0);
    const admin: Actor = { userId: ids.admin!, email: `admin@${own}`, name: "admin", role: "tech_admin", companyId, via: "session" };
    // A minute apart, in the fixture's order: the worker takes them in that order.
    const ingest = async (items: Item[], when: Date) => {
      const people = (i: Item) => ({ ...(i.owner ? { ownerEmail: `${i.owner}@${own}` } : {}), participants: i.participants });
      const time = (i: Item) => new Date(when.getTime() + items.indexOf(i) * 60_000).toISOString();
      await ingestCalls(db.sql, {
        companyId,
        calls: items
          .filter((i) => i.kind === "call")
          .map((i) => ({ externalId: i.id, startedAt: time(i), durationSeconds: i.seconds!, transcript: "pricing", ...people(i) })),
        now: when,
      });
      await ingestEmails(db.sql, {
        companyId,
        emails: items.filter((i) => i.kind === "email").map((i) => ({ externalId: i.id, sentAt: time(i), body: "pricing", ...people(i) })),
        now: when,
      });
    };
    await ingest(fixtureItems(own), at(-48));
    return { companyId, own, admin, sales, support, ingest };
  }

  async function draft(admin: Actor, filters: Record<string, unknown>, now = T0) {
    const input = TrackerDraft.parse({
      name: `Filtered ${randomBytes(3).toString("hex")}`,
      type: "question",
      question: "Did pricing come up?",
      backfillDays: 7,
      ...filters,
    });
    return createDraft(db, { companyId: admin.companyId!, userId: admin.userId, draft: input, now });
  }

  /** The external ids of the items a tracker took (charged or free), not those its filters left out. */
  async function taken(trackerId: string) {
    const rows = await db.sql.rows(
      `SELECT c."externalId" AS id FROM "TrackerResult" r JOIN "Call" c ON c."id" = r."itemId" WHERE r."trackerId" = ? AND r."itemType" = 'call' AND r."filteredOut" = ?
       UNION ALL
       SELECT e."externalId" AS id FROM "TrackerResult" r JOIN "Email" e ON e."id" = r."itemId" WHERE r."trackerId" = ? AND r."itemType" = 'email' AND r."filteredOut" = ?`,
      [trackerId, false, trackerId, false],
      shape({ id: col.text }),
    );
    return rows.map((r) => r.id).sort();
  }
  const used = async (companyId: string, now: Date) => (await getCreditSummary(db.sql, { companyId, now })).usedMilli;

  const cases: Array<[string, (w: Awaited<ReturnType<typeof world>>) => Record<string, unknown>, string[]]> = [
    ["the Sales team", (w) => ({ teamIds: [w.sales] }), ["c1", "c4", "e1"]],
    ["the Sales and Support teams", (w) => ({ teamIds: [w.sales, w.support] }), ["c1", "c2", "c4", "c6", "e1", "e2"]],
    ["participants at customer.com", () => ({ includeDomains: "Customer.com" }), ["c1", "c4", "c6", "e1", "e4"]],
    ["no participant at partner.org", () => ({ excludeDomains: "partner.org" }), ["c1", "c3", "c4", "c5", "e1", "e2", "e4"]],
    ["external only", () => ({ externalOnly: true }), ["c1", "c2", "c4", "c6", "e1", "e3", "e4"]],
    ["calls of 10 minutes or more", () => ({ includeEmails: false, minCallMinutes: 10 }), ["c1", "c3", "c5", "c6"]],
    ["external emails without competitor.io", () => ({ includeCalls: false, externalOnly: true, excludeDomains: "competitor.io" }), ["e1", "e3"]],
    [
      "Sales calls with customer.com of 10 minutes or more, and their emails",
      (w) => ({ teamIds: [w.sales], includeDomains: "customer.com", minCallMinutes: 10 }),
      ["c1", "e1"],
    ],
  ];

  for (const [name, filtersOf, expected] of cases) {
    it(`estimates exactly what the worker charges, for ${name}`, async () => {
      const w = await world();
      const filters = filtersOf(w);
      const tracker = await draft(w.admin, filters);
      const items = fixtureItems(w.own).filter((i) => expected.includes(i.id));
      const cost = items.reduce((s, i) => s + costOf(i), 0n);
      const estimate = await estimateTracker(db, { companyId: w.companyId, trackerId: tracker.id, now: T0 });
      expect(estimate).toMatchObject({ backfillItems: expected.length, backfillMilli: cost, monthItems: expected.length, monthMilli: cost, free: false });
      await publishTracker(db, { companyId: w.companyId, trackerId: tracker.id, userId: w.admin.userId, now: T0 });
      const run = await processTrackers(db, { now: at(1), companyId: w.companyId });
      // The worker looks at every item of the chosen types and length, and takes those the other filters let through.
      const looked = fixtureItems(w.own).filter((i) =>
        i.kind === "call" ? filters.includeCalls !== false && (i.seconds ?? 0) >= 60 * Number(filters.minCallMinutes ?? 0) : filters.includeEmails !== false,
      );
      expect(run).toEqual({ processed: looked.length, charged: expected.length, paused: 0 });
      expect(await used(w.companyId, at(1))).toBe(estimate.backfillMilli);
      expect(await taken(tracker.id)).toEqual([...expected].sort());
      expect(await trackerProgress(db, { companyId: w.companyId, trackerId: tracker.id })).toEqual({ processed: expected.length, total: expected.length });

      // New data goes through the same filters: a second copy of the fixture arrives.
      await w.ingest(fixtureItems(w.own, "new-"), at(2));
      const next = await estimateTracker(db, { companyId: w.companyId, trackerId: (await draft(w.admin, filters, at(3))).id, now: at(3) });
      expect(next).toMatchObject({ backfillItems: expected.length, backfillMilli: cost });
      expect((await processTrackers(db, { now: at(4), companyId: w.companyId })).charged).toBe(expected.length);
      expect(await used(w.companyId, at(4))).toBe(2n * cost);
      expect(await taken(tracker.id)).toEqual([...expected, ...expected.map((id) => `new-${id}`)].sort());
      await expectLedgerConsistent(db.sql, w.companyId);
    });
  }

  it("ends a run between batches once the process stops (the abort signal), and the next run takes the rest", async () => {
    const w = await world();
    const tracker = await draft(w.admin, {});
    await publishTracker(db, { companyId: w.companyId, trackerId: tracker.id, userId: w.admin.userId, now: T0 });
    const stopped = new AbortController();
    stopped.abort();
    expect(await processTrackers(db, { now: at(1), companyId: w.companyId, signal: stopped.signal })).toEqual({ processed: 0, charged: 0, paused: 0 });
    expect(await taken(tracker.id)).toEqual([]);
    // Nothing was taken, not even the lease: a run right after takes the tracker and its backlog.
    const run = await processTrackers(db, { now: at(1), companyId: w.companyId, signal: new AbortController().signal });
    expect(run.processed).toBeGreaterThan(0);
    expect(await taken(tracker.id)).toHaveLength(run.processed);
    await expectLedgerConsistent(db.sql, w.companyId);
  });

  it("attributes a tracker's charges to the owner's team, so a team budget limits them", async () => {
    const w = await world();
    await insertBudget(db.sql, w.companyId, { name: "Support spend", scopeKind: "team", scopeValue: w.support, limitMilli: 1_000n }, T0);
    const tracker = await draft(w.admin, {});
    await publishTracker(db, { companyId: w.companyId, trackerId: tracker.id, userId: w.admin.userId, now: T0 });
    const run = await processTrackers(db, { now: at(1), companyId: w.companyId });
    // Bob's c2 (0.5), then e2 (0.1) fit; c6 (1) does not: the tracker pauses for that budget.
    expect(run).toMatchObject({ paused: 1 });
    const row = await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } });
    expect(trackerStatus(row)).toEqual({ word: "Paused", reason: "Budget reached: Support spend" });
    expect(await taken(tracker.id)).toEqual(["c1", "c2", "c3", "c4", "c5", "e1", "e2", "e3", "e4"]);
    const scope = await db.sql.row(
      `SELECT SUM("creditsMilli") AS s FROM "UsageScopeDay" WHERE "companyId" = ? AND "scope" = ?`,
      [w.companyId, `team:${w.support}`],
      shape({ s: col.bigint }),
    );
    expect(scope!.s).toBe(600n);
    await expectLedgerConsistent(db.sql, w.companyId);
  });

  it("pauses a tracker at its budget with the budget's name, processes nothing, and resumes by itself at the next period with its backlog", async () => {
    const w = await world();
    const tracker = await draft(w.admin, { includeEmails: false, minCallMinutes: 10 });
    await insertBudget(db.sql, w.companyId, { name: "Long calls", scopeKind: "tracker", scopeValue: tracker.id, limitMilli: 2_000n }, T0);
    await publishTracker(db, { companyId: w.companyId, trackerId: tracker.id, userId: w.admin.userId, now: T0 });
    // Four long calls of 1 credit: two fit June's budget.
    const june = await processTrackers(db, { now: at(1), companyId: w.companyId });
    expect(june).toMatchObject({ charged: 2, paused: 1 });
    const july1 = startOfLocalDay("2026-07-01", TZ);
    let row = await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } });
    expect(trackerStatus(row)).toEqual({ word: "Paused", reason: "Budget reached: Long calls" });
    expect(row.resumesAt).toEqual(july1);
    // Paused: new data waits, nothing is processed, until the period ends.
    await w.ingest([{ id: "late", kind: "call", seconds: 700, participants: [] }], at(24));
    for (const now of [at(48), new Date(july1.getTime() - 1)])
      expect(await processTrackers(db, { now, companyId: w.companyId })).toEqual({ processed: 0, charged: 0, paused: 0 });
    expect(await used(w.companyId, at(48))).toBe(2_000n);
    expect((await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } })).status).toBe("paused");
    // July: it resumes by itself and takes its backlog, as far as July's budget goes.
    const july = await processTrackers(db, { now: july1, companyId: w.companyId });
    expect(july).toMatchObject({ charged: 2, paused: 1 });
    row = await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } });
    expect(row).toMatchObject({ status: "paused", pausedReason: "Budget reached: Long calls", resumesAt: startOfLocalDay("2026-08-01", TZ) });
    const august = await processTrackers(db, { now: startOfLocalDay("2026-08-01", TZ), companyId: w.companyId });
    expect(august).toMatchObject({ charged: 1, paused: 0 });
    expect((await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } })).status).toBe("published");
    expect(await taken(tracker.id)).toEqual(["c1", "c3", "c5", "c6", "late"]);
    expect(await used(w.companyId, startOfLocalDay("2026-08-01", TZ))).toBe(5_000n);
    await expectLedgerConsistent(db.sql, w.companyId);
  });

  it("keeps a tracker paused at zero until an admin resumes it, even after a budget paused it earlier and its period ended", async () => {
    const w = await world({ credits: 0n });
    await recordPurchase(
      db.sql,
      { companyId: w.companyId, creditsMilli: 3_000n, orderReference: `small-${w.companyId}`, purchasedAt: T0, availableFrom: T0 },
      T0,
    );
    const tracker = await draft(w.admin, { includeEmails: false, minCallMinutes: 10 });
    const budgetId = await insertBudget(db.sql, w.companyId, { name: "Long calls", scopeKind: "tracker", scopeValue: tracker.id, limitMilli: 1_000n }, T0);
    await publishTracker(db, { companyId: w.companyId, trackerId: tracker.id, userId: w.admin.userId, now: T0 });
    expect(await processTrackers(db, { now: at(1), companyId: w.companyId })).toMatchObject({ charged: 1, paused: 1 });
    expect((await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } })).pausedReason).toBe("Budget reached: Long calls");
    // An admin raises the budget and resumes at once; the balance then runs out.
    await db.sql.run(`UPDATE "Budget" SET "limitMilli" = ? WHERE "id" = ?`, [100_000n, budgetId]);
    await resumeTracker(db, { companyId: w.companyId, trackerId: tracker.id, userId: w.admin.userId, now: at(2) });
    expect((await processTrackers(db, { now: at(3), companyId: w.companyId })).charged).toBe(2);
    let row = await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } });
    expect(row.status).toBe("paused");
    expect(row.pausedReason).toMatch(/^(Credits ran out|Not enough credits to process new data) on 2026-06-10\. Add credits, then resume this tracker\.$/);
    // Credits come back, and a new month starts: the API works at once, the tracker waits for an admin.
    await recordPurchase(
      db.sql,
      { companyId: w.companyId, creditsMilli: 10_000n, orderReference: `more-${w.companyId}`, purchasedAt: at(4), availableFrom: at(4) },
      at(4),
    );
    const july = startOfLocalDay("2026-07-01", TZ);
    expect(await processTrackers(db, { now: july, companyId: w.companyId })).toEqual({ processed: 0, charged: 0, paused: 0 });
    row = await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } });
    expect(row).toMatchObject({ status: "paused", resumesAt: null });
    const answer = await askAnything(
      db,
      { actor: w.admin, companyId: w.companyId, channel: { kind: "api" }, now: july },
      { question: "pricing?", callIds: ["c2"] },
    );
    expect(answer.creditsChargedMilli).toBe(500n);
    await resumeTracker(db, { companyId: w.companyId, trackerId: tracker.id, userId: w.admin.userId, now: new Date(july.getTime() + DAY) });
    expect(await processTrackers(db, { now: new Date(july.getTime() + DAY), companyId: w.companyId })).toMatchObject({ charged: 1, paused: 0 });
    expect(await taken(tracker.id)).toEqual(["c1", "c3", "c5", "c6"]);
    await expectLedgerConsistent(db.sql, w.companyId);
  });

  it("makes a tracker that its budget paused wait for an admin once the balance reaches zero: it does not resume at the next period", async () => {
    const w = await world({ credits: 0n });
    await recordPurchase(
      db.sql,
      { companyId: w.companyId, creditsMilli: 2_000n, orderReference: `zero-${w.companyId}`, purchasedAt: T0, availableFrom: T0 },
      T0,
    );
    const tracker = await draft(w.admin, { includeEmails: false, minCallMinutes: 10 });
    await insertBudget(db.sql, w.companyId, { name: "Long calls", scopeKind: "tracker", scopeValue: tracker.id, limitMilli: 1_000n }, T0);
    await publishTracker(db, { companyId: w.companyId, trackerId: tracker.id, userId: w.admin.userId, now: T0 });
    expect(await processTrackers(db, { now: at(1), companyId: w.companyId })).toMatchObject({ charged: 1, paused: 1 });
    const july1 = startOfLocalDay("2026-07-01", TZ);
    expect(await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } })).toMatchObject({
      pausedReason: "Budget reached: Long calls",
      resumesAt: july1,
    });
    // While the budget holds it, the API spends the last credit: the balance is zero.
    const spent = await askAnything(
      db,
      { actor: w.admin, companyId: w.companyId, channel: { kind: "api" }, now: at(2) },
      { question: "pricing?", callIds: ["c2", "c4"] },
    );
    expect(spent.remainingMilli).toBe(0n);
    const row = await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } });
    expect(row).toMatchObject({ status: "paused", resumesAt: null });
    expect(row.pausedReason).toMatch(/^Credits ran out on 2026-06-\d\d\. Add credits, then resume this tracker\.$/);
    // Credits come back and July starts: the tracker still waits for an admin.
    await recordPurchase(
      db.sql,
      { companyId: w.companyId, creditsMilli: 10_000n, orderReference: `again-${w.companyId}`, purchasedAt: at(3), availableFrom: at(3) },
      at(3),
    );
    expect(await processTrackers(db, { now: july1, companyId: w.companyId })).toEqual({ processed: 0, charged: 0, paused: 0 });
    expect((await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } })).status).toBe("paused");
    await expectLedgerConsistent(db.sql, w.companyId);
  });
});
