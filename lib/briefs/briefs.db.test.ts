// Briefs on both databases: tracker sections free, direct sections charged at every automated
// generation, UI generation free, skipped at zero with the last version kept, back after a purchase.
// An automated brief is charged once per scheduled slot: its charge and its version commit
// together (a failure after the charge leaves neither), and a slot run twice, or by two instances
// at once, charges once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertBudget, insertTeam } from "../../test/support/budgets";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { ledgerSnapshot } from "../../test/support/ledger-snapshot";
import { FEATURE_TYPES, getCreditSummary, recordPurchase } from "../billing";
import { type Database, openDatabase } from "../db";
import { ingestCalls, ingestEmails } from "../ingest";
import { col, shape } from "../sql/rows";
import { createBrief, deleteBrief, generateBriefVersion, latestVersion, runAutomatedBriefs, scheduledSlot, setBriefAutomated, updateBrief } from "./index";

const T0 = new Date("2026-07-01T08:00:00Z");
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

describe.each(PROVIDERS)("briefs on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("makes a brief only from its company's trackers, calls and emails, naming the first it does not have, and records who made it", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 0 });
    const other = await makeCompany(db.sql, T0, { coreSeats: 0 });
    await ingestCalls(db.sql, { companyId, calls: [{ externalId: "own-call", startedAt: T0.toISOString(), durationSeconds: 60 }], now: T0 });
    await ingestEmails(db.sql, { companyId, emails: [{ externalId: "own-email", sentAt: T0.toISOString(), body: "Hi" }], now: T0 });
    await ingestCalls(db.sql, { companyId: other.companyId, calls: [{ externalId: "their-call", startedAt: T0.toISOString(), durationSeconds: 60 }], now: T0 });
    await db.prisma.tracker.create({ data: { id: `own-${companyId}`, companyId, name: "Own", type: "pretrained", status: "published", createdAt: T0 } });
    await db.prisma.tracker.create({
      data: { id: `their-${companyId}`, companyId: other.companyId, name: "Theirs", type: "pretrained", status: "published", createdAt: T0 },
    });
    const briefs = () => db.prisma.brief.count({ where: { companyId } });
    const make = (sections: Parameters<typeof createBrief>[1]["brief"]["sections"]) =>
      createBrief(db, { companyId, userId: `admin-${companyId}`, now: T0, brief: { title: "Weekly", automated: true, intervalHours: 12, sections } });

    await expect(make([{ source: "tracker", heading: "Theirs", trackerId: `their-${companyId}` }])).rejects.toMatchObject({
      code: "not_found",
      field: "sections.0.trackerId",
      message: `Your company has no tracker with the id “their-${companyId}”.`,
    });
    await expect(
      make([
        { source: "direct", heading: "Mine", callIds: ["own-call"], emailIds: [] },
        { source: "direct", heading: "Calls", callIds: ["own-call", "their-call"], emailIds: [] },
      ]),
    ).rejects.toMatchObject({ code: "not_found", field: "sections.1.callIds", message: "Your company has no call with the id “their-call”." });
    await expect(make([{ source: "direct", heading: "Emails", callIds: [], emailIds: ["nope"] }])).rejects.toMatchObject({
      field: "sections.0.emailIds",
      message: "Your company has no email with the id “nope”.",
    });
    expect(await briefs()).toBe(0);

    const id = await make([
      { source: "tracker", heading: "Own", trackerId: `own-${companyId}` },
      { source: "direct", heading: "Mine", callIds: ["own-call"], emailIds: ["own-email"] },
    ]);
    expect(await briefs()).toBe(1);
    const sections = await db.prisma.briefSection.findMany({ where: { briefId: id }, orderBy: { position: "asc" } });
    expect(sections.map((s) => [s.heading, s.source, s.trackerId, s.callIds, s.emailIds])).toEqual([
      ["Own", "tracker", `own-${companyId}`, "", ""],
      ["Mine", "direct", null, "own-call", "own-email"],
    ]);
    const audit = await db.prisma.auditEntry.findMany({ where: { companyId, action: "brief.create" } });
    expect(audit.map((a) => [a.actorUserId, a.targetId, JSON.parse(a.after)])).toEqual([
      [`admin-${companyId}`, id, { title: "Weekly", automated: true, intervalHours: 12, sections: 2 }],
    ]);
  });

  it("lets an admin or the brief's maker turn its automation off and delete it; another member is refused, another company's brief is not found", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 1 });
    const other = await makeCompany(db.sql, T0, { coreSeats: 0 });
    const maker = { userId: `maker-${companyId}`, role: "member" } as const;
    const member = { userId: `member-${companyId}`, role: "member" } as const;
    const admin = { userId: `admin-${companyId}`, role: "business_admin" } as const;
    const briefId = await createBrief(db, {
      companyId,
      userId: maker.userId,
      now: T0,
      brief: { title: "Standup", automated: true, intervalHours: 1, sections: [{ source: "direct", heading: "None", callIds: [], emailIds: [] }] },
    });
    await generateBriefVersion(db, { companyId, briefId, trigger: "ui", now: T0 });
    const change = { companyId, briefId, now: hours(1) };

    await expect(setBriefAutomated(db, { ...change, actor: member, automated: false })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteBrief(db, { ...change, actor: member })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteBrief(db, { ...change, companyId: other.companyId, actor: admin })).rejects.toMatchObject({ code: "not_found" });

    // Off: the scheduler passes it by; on again: it runs.
    const versions = () => db.prisma.briefVersion.count({ where: { briefId } });
    expect(await setBriefAutomated(db, { ...change, actor: maker, automated: false })).toMatchObject({ automated: false });
    await runAutomatedBriefs(db, hours(2));
    expect(await versions()).toBe(1);
    await setBriefAutomated(db, { ...change, actor: admin, automated: true });
    await runAutomatedBriefs(db, hours(2));
    expect(await versions()).toBe(2);

    expect(await deleteBrief(db, { ...change, actor: admin })).toEqual({ id: briefId, title: "Standup" });
    expect(await db.prisma.brief.count({ where: { id: briefId } })).toBe(0);
    expect(await db.prisma.briefVersion.count({ where: { briefId } })).toBe(0);
    expect(await db.prisma.briefSection.count({ where: { briefId } })).toBe(0);
    const audit = await db.prisma.auditEntry.findMany({ where: { companyId, targetId: briefId }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([
      ["brief.create", maker.userId],
      ["brief.automate", maker.userId],
      ["brief.automate", admin.userId],
      ["brief.delete", admin.userId],
    ]);
  });

  it("changes a brief's title, interval and sections for its maker, keeps its versions, and refuses another member and an unknown call", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 1 });
    await ingestCalls(db.sql, { companyId, calls: [{ externalId: "c-edit", startedAt: T0.toISOString(), durationSeconds: 60 }], now: T0 });
    const maker = { userId: `maker-${companyId}`, role: "member" } as const;
    const briefId = await createBrief(db, {
      companyId,
      userId: maker.userId,
      now: T0,
      brief: { title: "Before", sections: [{ source: "direct", heading: "Old", callIds: ["c-edit"], emailIds: [] }] },
    });
    await generateBriefVersion(db, { companyId, briefId, trigger: "ui", now: T0 });
    const change = {
      companyId,
      briefId,
      now: hours(1),
      brief: {
        title: "After",
        automated: true,
        intervalHours: 6,
        sections: [
          { source: "direct" as const, heading: "Calls", callIds: ["c-edit"], emailIds: [] },
          { source: "direct" as const, heading: "More", callIds: [], emailIds: [] },
        ],
      },
    };
    await expect(updateBrief(db, { ...change, actor: { userId: `other-${companyId}`, role: "member" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      updateBrief(db, { ...change, actor: maker, brief: { ...change.brief, sections: [{ source: "direct", heading: "X", callIds: ["gone"], emailIds: [] }] } }),
    ).rejects.toMatchObject({ code: "not_found", field: "sections.0.callIds", message: "Your company has no call with the id “gone”." });
    expect(await db.prisma.brief.findUnique({ where: { id: briefId } })).toMatchObject({ title: "Before", automated: false });

    expect(await updateBrief(db, { ...change, actor: maker })).toEqual({ id: briefId, title: "After" });
    expect(await db.prisma.brief.findUnique({ where: { id: briefId } })).toMatchObject({ title: "After", automated: true, intervalHours: 6 });
    const sections = await db.prisma.briefSection.findMany({ where: { briefId }, orderBy: { position: "asc" } });
    expect(sections.map((s) => [s.position, s.heading, s.callIds])).toEqual([
      [0, "Calls", "c-edit"],
      [1, "More", ""],
    ]);
    expect(await db.prisma.briefVersion.count({ where: { briefId } })).toBe(1);
    const audit = await db.prisma.auditEntry.findFirst({ where: { companyId, action: "brief.update" } });
    expect([JSON.parse(audit!.before), JSON.parse(audit!.after)]).toEqual([
      { title: "Before", automated: false, intervalHours: 24, sections: 1 },
      { title: "After", automated: true, intervalHours: 6, sections: 2 },
    ]);
    // The scheduler reads every company's briefs: this one leaves the later tests' runs alone.
    await deleteBrief(db, { companyId, briefId, now: hours(1), actor: maker });
  });

  it("keeps generating a brief on its new schedule after its interval changes, charging each new run once", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 1 });
    await ingestCalls(db.sql, { companyId, calls: [{ externalId: "c-sched", startedAt: T0.toISOString(), durationSeconds: 60 }], now: T0 });
    const maker = { userId: `maker-${companyId}`, role: "member" } as const;
    const sections = [{ source: "direct" as const, heading: "Calls", callIds: ["c-sched"], emailIds: [] }];
    const briefId = await createBrief(db, { companyId, userId: maker.userId, now: T0, brief: { title: "Sched", automated: true, intervalHours: 6, sections } });
    const versions = () => db.prisma.briefVersion.count({ where: { briefId } });
    for (let h = 6; h <= 48; h += 6) await runAutomatedBriefs(db, hours(h));
    expect(await versions()).toBe(8);
    // Every 24 hours from now on: run 3 of the new schedule is not run 3 of the old one.
    await updateBrief(db, { companyId, briefId, actor: maker, now: hours(49), brief: { title: "Sched", automated: true, intervalHours: 24, sections } });
    await runAutomatedBriefs(db, hours(72));
    expect(await versions()).toBe(9);
    await runAutomatedBriefs(db, hours(96));
    expect(await versions()).toBe(10);
    const charges = await db.sql.rows(
      `SELECT "idempotencyKey" FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used' ORDER BY "seq"`,
      [companyId],
      shape({ idempotencyKey: col.textOrNull }),
    );
    expect(charges.map((c) => c.idempotencyKey)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `brief:${briefId}:6h-${n}:no-team`),
      `brief:${briefId}:24h-3:no-team`,
      `brief:${briefId}:24h-4:no-team`,
    ]);
    await deleteBrief(db, { companyId, briefId, actor: maker, now: hours(96) });
  });

  it("refuses to automate a brief with no sections, and checks who may edit a brief before what it names", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 1 });
    const maker = { userId: `maker-${companyId}`, role: "member" } as const;
    const briefId = await createBrief(db, {
      companyId,
      userId: maker.userId,
      now: T0,
      brief: { title: "Bare", sections: [{ source: "direct", heading: "S", callIds: [], emailIds: [] }] },
    });
    await db.sql.run(`DELETE FROM "BriefSection" WHERE "briefId" = ?`, [briefId]);
    await expect(setBriefAutomated(db, { companyId, briefId, actor: maker, now: T0, automated: true })).rejects.toMatchObject({
      code: "invalid_request",
      message: "“Bare” has no sections to generate: edit it to add one first.",
    });
    const unknownCall = { title: "X", sections: [{ source: "direct" as const, heading: "S", callIds: ["nope"], emailIds: [] }] };
    await expect(updateBrief(db, { companyId, briefId, actor: { userId: "someone-else", role: "member" }, now: T0, brief: unknownCall })).rejects.toMatchObject(
      { code: "forbidden" },
    );
  });

  it("charges direct sections per automated generation, never UI ones, and skips at zero", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 0 });
    await recordPurchase(db.sql, { companyId, creditsMilli: 2_500n, orderReference: `b-${companyId}`, purchasedAt: T0, availableFrom: T0 }, T0);
    await ingestCalls(db.sql, {
      companyId,
      calls: [{ externalId: "c1", startedAt: T0.toISOString(), durationSeconds: 900, transcript: "Budget is approved. Next step is legal." }],
      now: T0,
    });
    await ingestEmails(db.sql, { companyId, emails: [{ externalId: "e1", sentAt: T0.toISOString(), body: "Contract attached." }], now: T0 });
    await db.prisma.tracker.create({ data: { id: `t-${companyId}`, companyId, name: "Budget", type: "question", status: "published", createdAt: T0 } });
    await db.prisma.trackerResult.create({
      data: { trackerId: `t-${companyId}`, itemType: "call", itemId: "x", matched: true, snippet: "Budget is approved.", processedAt: T0 },
    });
    const briefId = await createBrief(db, {
      companyId,
      now: T0,
      brief: {
        title: "Deal brief",
        automated: true,
        intervalHours: 24,
        sections: [
          { source: "tracker", heading: "Budget signals", trackerId: `t-${companyId}` },
          { source: "direct", heading: "Latest activity", callIds: ["c1"], emailIds: ["e1"] },
        ],
      },
    });
    const remaining = async (at: Date) => (await getCreditSummary(db.sql, { companyId, now: at })).remainingMilli;

    expect(await runAutomatedBriefs(db, hours(0))).toMatchObject({ generated: expect.any(Number) });
    expect(await remaining(hours(0))).toBe(1_400n); // 1 long call + 1 email
    const v1 = await latestVersion(db, companyId, briefId);
    expect(v1?.content).toContain("## Budget signals");
    expect(v1?.content).toContain("Budget is approved.");
    expect(v1?.creditsMilli).toBe(1_100n);

    expect((await generateBriefVersion(db, { companyId, briefId, trigger: "ui", now: hours(1) })).outcome).toBe("generated");
    expect(await remaining(hours(1))).toBe(1_400n); // from the UI: free

    await runAutomatedBriefs(db, hours(10)); // not due yet
    expect(await remaining(hours(10))).toBe(1_400n);
    await runAutomatedBriefs(db, hours(25));
    expect(await remaining(hours(25))).toBe(300n); // charged again at the next generation

    const short = await runAutomatedBriefs(db, hours(49));
    expect(short).toMatchObject({ generated: 0 });
    const brief = await db.prisma.brief.findUniqueOrThrow({ where: { id: briefId } });
    expect(brief.lastSkippedReason).toContain("Not enough credits");
    expect((await latestVersion(db, companyId, briefId))?.generatedAt.toISOString()).toBe(hours(25).toISOString()); // the last version stays

    await recordPurchase(
      db.sql,
      { companyId, creditsMilli: 5_000n, orderReference: `b2-${companyId}`, purchasedAt: hours(50), availableFrom: hours(50) },
      hours(50),
    );
    await runAutomatedBriefs(db, hours(74));
    expect((await db.prisma.brief.findUniqueOrThrow({ where: { id: briefId } })).lastSkippedReason).toBe("");
    expect(await remaining(hours(74))).toBe(300n + 5_000n - 1_100n);
    const usage = await db.sql.rows(
      `SELECT "featureType", "featureName", "usageAction" FROM "UsageRecord" WHERE "companyId" = ? GROUP BY "featureType", "featureName", "usageAction"`,
      [companyId],
      shape({ featureType: col.oneOf(FEATURE_TYPES), featureName: col.text, usageAction: col.text }),
    );
    expect(usage).toEqual([{ featureType: "automated_brief", featureName: "Deal brief", usageAction: "scheduled" }]);
  });

  it("charges each automated run to the owners' teams of its items, and skips it whole when one team's budget is reached", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 0 });
    await recordPurchase(db.sql, { companyId, creditsMilli: 20_000n, orderReference: `teams-${companyId}`, purchasedAt: T0, availableFrom: T0 }, T0);
    const users = ["alice", "bob", "carol"].map((name) => ({ id: `${name}-${companyId}`, email: `${name}@${companyId.toLowerCase()}.test` }));
    for (const u of users) await db.prisma.user.create({ data: { id: u.id, email: u.email, name: u.id, role: "member", companyId } });
    const sales = await insertTeam(db.sql, companyId, "Sales", [users[0]!.id], T0);
    const support = await insertTeam(db.sql, companyId, "Support", [users[1]!.id], T0);
    await ingestCalls(db.sql, {
      companyId,
      calls: [
        { externalId: "sales-call", startedAt: T0.toISOString(), durationSeconds: 900, ownerEmail: users[0]!.email },
        { externalId: "support-call", startedAt: T0.toISOString(), durationSeconds: 300, ownerEmail: users[1]!.email },
      ],
      now: T0,
    });
    await ingestEmails(db.sql, {
      companyId,
      emails: [
        { externalId: "sales-email", sentAt: T0.toISOString(), body: "Quote", ownerEmail: users[0]!.email },
        { externalId: "carol-email", sentAt: T0.toISOString(), body: "Hello", ownerEmail: users[2]!.email },
      ],
      now: T0,
    });
    const briefId = await createBrief(db, {
      companyId,
      now: T0,
      brief: {
        title: "Teams brief",
        automated: true,
        intervalHours: 24,
        sections: [
          { source: "direct", heading: "Sales", callIds: ["sales-call"], emailIds: ["sales-email"] },
          { source: "direct", heading: "Others", callIds: ["support-call"], emailIds: ["carol-email"] },
        ],
      },
    });
    const byTeam = async () =>
      db.sql.rows(
        `SELECT "teamId", SUM("amountMilli") AS "milli" FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used' GROUP BY "teamId" ORDER BY "teamId"`,
        [companyId],
        shape({ teamId: col.text, milli: col.bigint }),
      );

    expect(await runAutomatedBriefs(db, hours(0))).toMatchObject({ generated: 1 });
    // Sales: a long call and an email; Support: a short call; Carol is in no team: her email.
    expect(await byTeam()).toEqual(
      [
        { teamId: "", milli: -100n },
        { teamId: sales, milli: -1_100n },
        { teamId: support, milli: -500n },
      ].sort((a, b) => (a.teamId < b.teamId ? -1 : 1)),
    );
    expect((await latestVersion(db, companyId, briefId))?.creditsMilli).toBe(1_700n);

    // The same slot run again after everyone moved to a new team (a retry after a lapsed lease):
    // none of its keys is the first run's now, and the run is still seen as done.
    await insertTeam(
      db.sql,
      companyId,
      "Ops",
      users.map((u) => u.id),
      T0,
    );
    const snapshot = await ledgerSnapshot(db.sql, companyId);
    const slot = scheduledSlot(await db.prisma.brief.findUniqueOrThrow({ where: { id: briefId } }), hours(0));
    expect(await generateBriefVersion(db, { companyId, briefId, trigger: "automated", now: hours(0), slot })).toEqual({
      outcome: "skipped",
      reason: "This scheduled run was already generated.",
    });
    expect(await ledgerSnapshot(db.sql, companyId)).toEqual(snapshot);
    await db.prisma.user.update({ where: { id: users[0]!.id }, data: { teamId: sales } });
    await db.prisma.user.update({ where: { id: users[1]!.id }, data: { teamId: support } });
    await db.prisma.user.update({ where: { id: users[2]!.id }, data: { teamId: null } });

    // Support's budget is spent: the next run is skipped whole, Sales' share is not charged either.
    await insertBudget(db.sql, companyId, { name: "Support monthly", scopeKind: "team", scopeValue: support, limitMilli: 500n }, hours(1));
    const before = await ledgerSnapshot(db.sql, companyId);
    expect(await runAutomatedBriefs(db, hours(24))).toMatchObject({ generated: 0, skipped: 1 });
    expect(await ledgerSnapshot(db.sql, companyId)).toEqual(before);
    const brief = await db.prisma.brief.findUniqueOrThrow({ where: { id: briefId } });
    expect(brief.lastSkippedReason).toBe(
      'The budget "Support monthly" is reached, so this brief was not updated. It runs again in the budget\'s next period, or once an admin raises it.',
    );
    await expectLedgerConsistent(db.sql, companyId);
  });

  /** A company with 10 credits and an automated daily brief whose direct section costs 1.1 credits. */
  async function automatedBrief(at: Date) {
    const { companyId } = await makeCompany(db.sql, at, { coreSeats: 0 });
    await recordPurchase(db.sql, { companyId, creditsMilli: 10_000n, orderReference: `slot-${companyId}`, purchasedAt: at, availableFrom: at }, at);
    await ingestCalls(db.sql, { companyId, calls: [{ externalId: "c1", startedAt: at.toISOString(), durationSeconds: 900, transcript: "Signed." }], now: at });
    await ingestEmails(db.sql, { companyId, emails: [{ externalId: "e1", sentAt: at.toISOString(), body: "Countersigned." }], now: at });
    const briefId = await createBrief(db, {
      companyId,
      now: at,
      brief: {
        title: "Slot brief",
        automated: true,
        intervalHours: 24,
        sections: [{ source: "direct", heading: "Activity", callIds: ["c1"], emailIds: ["e1"] }],
      },
    });
    const charges = async () =>
      (
        await db.sql.rows(`SELECT "amountMilli" FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used'`, [companyId], shape({ amountMilli: col.bigint }))
      ).map((e) => e.amountMilli);
    const versions = async () => (await db.sql.rows(`SELECT "id" FROM "BriefVersion" WHERE "briefId" = ?`, [briefId], shape({ id: col.text }))).length;
    return { companyId, briefId, charges, versions };
  }

  /** Makes every new version of `briefId` fail to insert, as a real database error; answers how to undo it. */
  async function failVersionsOf(briefId: string): Promise<() => Promise<void>> {
    const name = `fail_${briefId.replace(/[^a-zA-Z0-9]/g, "_")}`;
    if (db.config.provider === "sqlite") {
      await db.sql.run(
        `CREATE TRIGGER ${name} BEFORE INSERT ON "BriefVersion" WHEN NEW."briefId" = '${briefId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      );
      return async () => {
        await db.sql.run(`DROP TRIGGER ${name}`);
      };
    }
    const client = new pg.Client({ connectionString: db.config.url });
    await client.connect();
    try {
      await client.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
      await client.query(`CREATE TRIGGER ${name} BEFORE INSERT ON "BriefVersion" FOR EACH ROW WHEN (NEW."briefId" = '${briefId}') EXECUTE FUNCTION ${name}()`);
    } finally {
      await client.end();
    }
    return async () => {
      const undo = new pg.Client({ connectionString: db.config.url });
      await undo.connect();
      try {
        await undo.query(`DROP TRIGGER ${name} ON "BriefVersion"`);
      } finally {
        await undo.end();
      }
    };
  }

  it("charges nothing when the version fails after the charge in the same transaction, and once on the next run", async () => {
    const { companyId, briefId, charges, versions } = await automatedBrief(T0);
    const before = await ledgerSnapshot(db.sql, companyId);
    const restore = await failVersionsOf(briefId);
    try {
      await expect(runAutomatedBriefs(db, hours(0), "instance-a")).rejects.toThrow(/injected failure/);
    } finally {
      await restore();
    }
    expect(await ledgerSnapshot(db.sql, companyId)).toEqual(before);
    expect(await versions()).toBe(0);

    // The next run (the scheduler's next minute) generates the brief and charges it once.
    await runAutomatedBriefs(db, new Date(T0.getTime() + 60_000), "instance-a");
    await runAutomatedBriefs(db, new Date(T0.getTime() + 120_000), "instance-a");
    expect(await charges()).toEqual([-1_100n]);
    expect(await versions()).toBe(1);
    expect((await getCreditSummary(db.sql, { companyId, now: hours(1) })).remainingMilli).toBe(8_900n);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("goes on past a brief it cannot generate: the others are generated, and the failure is reported after them", async () => {
    const failing = await automatedBrief(T0);
    const other = await automatedBrief(T0);
    const restore = await failVersionsOf(failing.briefId);
    try {
      const run = runAutomatedBriefs(db, hours(0), "instance-a");
      await expect(run).rejects.toBeInstanceOf(AggregateError);
      await expect(run).rejects.toThrow(new RegExp(`automated brief ${failing.briefId} failed: .*injected failure`));
    } finally {
      await restore();
    }
    expect(await failing.versions()).toBe(0);
    expect(await other.versions()).toBe(1);
    expect(await other.charges()).toEqual([-1_100n]);
  });

  it("charges a scheduled slot once however many times it runs", async () => {
    const { companyId, briefId, charges, versions } = await automatedBrief(T0);
    const run = (at: Date) => generateBriefVersion(db, { companyId, briefId, trigger: "automated", now: at, slot: "24h-1" });
    expect(await run(hours(24))).toMatchObject({ outcome: "generated", creditsMilli: 1_100n });
    expect(await run(new Date(hours(24).getTime() + 30_000))).toEqual({ outcome: "skipped", reason: "This scheduled run was already generated." });
    expect(await charges()).toEqual([-1_100n]);
    expect(await versions()).toBe(1);
    // The next slot is charged again.
    expect(await generateBriefVersion(db, { companyId, briefId, trigger: "automated", now: hours(48), slot: "24h-2" })).toMatchObject({ outcome: "generated" });
    expect(await charges()).toEqual([-1_100n, -1_100n]);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("charges once when two instances, their clocks a second apart, run the schedule at once", async () => {
    const other = openDatabase(db.config);
    try {
      const { companyId, charges, versions } = await automatedBrief(T0);
      const due = hours(24);
      // (The schedule covers every company's briefs; what counts here is this brief's.)
      await Promise.all([
        runAutomatedBriefs(db, due, "instance-a"),
        runAutomatedBriefs(other, new Date(due.getTime() + 1_000), "instance-b"),
        runAutomatedBriefs(db, new Date(due.getTime() + 500), "instance-c"),
      ]);
      expect(await charges()).toEqual([-1_100n]);
      expect(await versions()).toBe(1);
      await expectLedgerConsistent(db.sql, companyId);
    } finally {
      await other.close();
    }
  });
});
