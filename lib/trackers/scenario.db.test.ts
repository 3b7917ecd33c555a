// The whole story (R-TRACK-*, R-ZERO-*, R-COST-3, R-NOTIFY-1), on both databases: a tracker
// publishes after its estimate, processes a backfill, the balance reaches zero mid-run, the
// tracker pauses, the API refuses, a purchase is recorded, the API works again, the tracker is
// still paused, an admin resumes it, the backlog is processed and charged exactly once per item,
// and every threshold fired exactly once. Then: two workers at once charge each item once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { questionDraft } from "../../test/support/trackers";
import { askAnything } from "../ai/requests";
import type { Actor } from "../auth/authorize";
import { getCreditSummary, recordPurchase } from "../billing";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { ingestCalls, ingestEmails } from "../ingest";
import { col, shape } from "../sql/rows";
import { createDraft, estimateTracker, processTrackers, publishTracker, resumeTracker, trackerProgress, unpublishTracker } from "./index";

const T0 = new Date("2026-06-01T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(PROVIDERS)("trackers and zero credits on %s", (provider) => {
  let db: Database;
  let second: Database;
  let companyId: string;
  let admin: Actor;
  let member: Actor;

  beforeAll(async () => {
    const url = await freshDatabaseUrl(provider);
    db = openDatabase(databaseConfig(url));
    second = openDatabase(databaseConfig(url));
    ({ companyId } = await makeCompany(db.sql, T0, { coreSeats: 0 }));
    for (const [id, role] of [
      ["admin", "tech_admin"],
      ["member", "member"],
    ] as const) {
      await db.prisma.user.create({ data: { id: `${id}-${companyId}`, email: `${id}-${companyId}@t.test`, name: id, role, companyId } });
    }
    admin = { userId: `admin-${companyId}`, email: "", name: "admin", role: "tech_admin", companyId, via: "session" };
    member = { ...admin, userId: `member-${companyId}`, role: "member" };
  });
  afterAll(async () => {
    await db?.close();
    await second?.close();
  });

  const remaining = async (now: Date) => (await getCreditSummary(db.sql, { companyId, now })).remainingMilli;
  const calls = (prefix: string, n: number, startedAt: Date) =>
    Array.from({ length: n }, (_, i) => ({
      externalId: `${prefix}${i}`,
      startedAt: startedAt.toISOString(),
      durationSeconds: 1200,
      transcript: `We talked about pricing on call ${prefix}${i}.`,
    }));

  it("runs the whole story, charging each item exactly once", async () => {
    await recordPurchase(db.sql, { companyId, creditsMilli: 10_000n, orderReference: `first-${companyId}`, purchasedAt: T0, availableFrom: T0 }, T0);
    // A backfill of 12 long calls (1 credit each) and 4 emails from the last week.
    await ingestCalls(db.sql, { companyId, calls: calls("old-", 12, new Date(T0.getTime() - 3 * 86_400_000)), now: T0 });
    await ingestEmails(db.sql, {
      companyId,
      emails: Array.from({ length: 4 }, (_, i) => ({ externalId: `mail-${i}`, sentAt: new Date(T0.getTime() - 86_400_000).toISOString(), body: "pricing" })),
      now: T0,
    });

    const draft = await createDraft(db, {
      companyId,
      userId: member.userId,
      draft: questionDraft("Pricing"),
      now: T0,
    });
    expect(draft.status).toBe("draft");
    const estimate = await estimateTracker(db, { companyId, trackerId: draft.id, now: T0 });
    expect(estimate).toMatchObject({ backfillMilli: 12_400n, backfillItems: 16, remainingMilli: 10_000n });
    await publishTracker(db, { companyId, trackerId: draft.id, userId: admin.userId, now: at(1) });

    // The backfill runs into zero: 10 credits cover 10 calls; the tracker pauses with a reason.
    const run1 = await processTrackers(db, { now: at(2), companyId });
    expect(run1.charged).toBe(10);
    expect(await remaining(at(2))).toBe(0n);
    let tracker = await db.prisma.tracker.findUniqueOrThrow({ where: { id: draft.id } });
    expect(tracker.status).toBe("paused");
    expect(tracker.pausedReason).toMatch(/Credits ran out|Not enough credits/);
    const resultsWhenPaused = await db.prisma.trackerResult.count({ where: { trackerId: draft.id } });

    // At zero: the API refuses, new question trackers cannot publish, paused ones cannot resume.
    await expect(
      askAnything(db, { actor: member, companyId, channel: { kind: "api" }, now: at(3) }, { question: "pricing?", callIds: ["old-0"] }),
    ).rejects.toMatchObject({ code: "insufficient_credits" });
    const other = await createDraft(db, {
      companyId,
      userId: admin.userId,
      draft: questionDraft("Second", "pricing competitor"),
      now: at(3),
    });
    await expect(publishTracker(db, { companyId, trackerId: other.id, userId: admin.userId, now: at(3) })).rejects.toMatchObject({
      code: "insufficient_credits",
    });
    await expect(resumeTracker(db, { companyId, trackerId: draft.id, userId: admin.userId, now: at(3) })).rejects.toMatchObject({
      code: "insufficient_credits",
    });

    // New calls arrive while paused: nothing is processed, nothing lost.
    await ingestCalls(db.sql, { companyId, calls: calls("new-", 3, at(4)), now: at(4) });
    expect((await processTrackers(db, { now: at(5), companyId })).processed).toBe(0);
    expect(await db.prisma.trackerResult.count({ where: { trackerId: draft.id } })).toBe(resultsWhenPaused);

    // Credits are added: the API works at once; the tracker stays paused until resumed.
    await recordPurchase(db.sql, { companyId, creditsMilli: 20_000n, orderReference: `second-${companyId}`, purchasedAt: at(6), availableFrom: at(6) }, at(6));
    const answer = await askAnything(db, { actor: member, companyId, channel: { kind: "api" }, now: at(7) }, { question: "pricing?", callIds: ["old-0"] });
    expect(answer.creditsChargedMilli).toBe(1_000n);
    tracker = await db.prisma.tracker.findUniqueOrThrow({ where: { id: draft.id } });
    expect(tracker.status).toBe("paused");
    await expect(resumeTracker(db, { companyId, trackerId: other.id, userId: admin.userId, now: at(7) })).rejects.toMatchObject({ code: "invalid_request" }); // not paused

    // Resumed: the backlog (2 old calls, 4 emails, 3 new calls) is processed and charged once.
    await resumeTracker(db, { companyId, trackerId: draft.id, userId: admin.userId, now: at(8) });
    const run2 = await processTrackers(db, { now: at(9), companyId });
    expect(run2.charged).toBe(9);
    expect(await remaining(at(9))).toBe(20_000n - 1_000n - 2_000n - 400n - 3_000n);
    expect(await trackerProgress(db, { companyId, trackerId: draft.id })).toEqual({ processed: 19, total: 19 });
    expect(await trackerProgress(db, { companyId: "co_other", trackerId: draft.id })).toEqual({ processed: 0, total: 0 });

    // A second question tracker uses the same items for free.
    await publishTracker(db, { companyId, trackerId: other.id, userId: admin.userId, now: at(10) });
    const run3 = await processTrackers(db, { now: at(11), companyId });
    expect(run3).toMatchObject({ processed: 19, charged: 0 });
    expect(await remaining(at(11))).toBe(13_600n);

    // Each item charged exactly once, however many trackers and runs.
    const keyed = await db.sql.rows(
      `SELECT "idempotencyKey" FROM "LedgerEntry" WHERE "companyId" = ? AND "idempotencyKey" LIKE 'ai:%'`,
      [companyId],
      shape({ idempotencyKey: col.text }),
    );
    expect(keyed).toHaveLength(19);
    expect(new Set(keyed.map((k) => k.idempotencyKey)).size).toBe(19);
    // Thresholds: 60..100 fired once while the first 10 credits ran out; after the purchase
    // usage stayed under 60% (16.4 of 30 used), so none fired again.
    const notifications = await db.prisma.notification.findMany({ where: { companyId, userId: admin.userId } });
    expect(notifications.length).toBeGreaterThanOrEqual(1);
    expect(notifications.length).toBeLessThanOrEqual(5);
    const states = await db.prisma.thresholdState.findMany({ where: { companyId } });
    expect(states).toEqual([]);
    const usage = await db.sql.rows(
      `SELECT "featureName", "usageAction", SUM("creditsMilli") AS c FROM "UsageRecord" WHERE "companyId" = ? AND "featureType" = 'ai_tracker' GROUP BY "featureName", "usageAction" ORDER BY "usageAction"`,
      [companyId],
      shape({ featureName: col.text, usageAction: col.text, c: col.bigint }),
    );
    expect(usage).toEqual([
      { featureName: "Pricing", usageAction: "backfill", c: 12_400n },
      { featureName: "Pricing", usageAction: "continuous", c: 3_000n },
    ]);

    // Unpublishing stops consumption at once.
    await unpublishTracker(db, { companyId, trackerId: draft.id, userId: admin.userId, now: at(12) });
    await unpublishTracker(db, { companyId, trackerId: other.id, userId: admin.userId, now: at(12) });
    await ingestCalls(db.sql, { companyId, calls: calls("late-", 2, at(13)), now: at(13) });
    expect((await processTrackers(db, { now: at(14), companyId })).processed).toBe(0);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("two workers at once charge each item once", async () => {
    const c = await makeCompany(db.sql, T0, { coreSeats: 0 });
    await recordPurchase(
      db.sql,
      { companyId: c.companyId, creditsMilli: 1_000_000n, orderReference: `w-${c.companyId}`, purchasedAt: T0, availableFrom: T0 },
      T0,
    );
    await db.prisma.user.create({ data: { id: `w-${c.companyId}`, email: `w-${c.companyId}@t.test`, name: "w", role: "tech_admin", companyId: c.companyId } });
    const actor: Actor = { userId: `w-${c.companyId}`, email: "", name: "w", role: "tech_admin", companyId: c.companyId, via: "session" };
    await ingestCalls(db.sql, { companyId: c.companyId, calls: calls("w", 300, at(-60)), now: T0 });
    for (const name of ["A", "B"]) {
      const t = await createDraft(db, {
        companyId: c.companyId,
        userId: actor.userId,
        draft: {
          name,
          type: "question",
          question: "pricing",
          phrases: "",
          includeCalls: true,
          includeEmails: false,
          minCallSeconds: 0,
          backfillDays: 1,
          teamIds: "",
          includeDomains: "",
          excludeDomains: "",
          externalOnly: false,
        },
        now: T0,
      });
      await publishTracker(db, { companyId: c.companyId, trackerId: t.id, userId: actor.userId, now: T0 });
    }
    const [r1, r2] = await Promise.all([
      processTrackers(db, { now: at(1), companyId: c.companyId }),
      processTrackers(second, { now: at(1), companyId: c.companyId }),
    ]);
    expect(r1.charged + r2.charged).toBe(300);
    expect(await db.prisma.trackerResult.count({ where: { tracker: { companyId: c.companyId } } })).toBe(600);
    expect((await getCreditSummary(db.sql, { companyId: c.companyId, now: at(1) })).usedMilli).toBe(300_000n);
    await expectLedgerConsistent(db.sql, c.companyId);
  });

  it("refuses bad drafts with a clear message", async () => {
    const { TrackerDraft } = await import("./schemas");
    const bad = (input: object) => TrackerDraft.safeParse({ name: "x", type: "question", question: "q", backfillDays: 0, ...input }).error?.issues[0]?.message;
    expect(bad({ question: "  " })).toBe("A question-based tracker needs a question.");
    expect(bad({ backfillDays: 400 })).toMatch(/kept for 365 days/);
    expect(bad({ backfillDays: -1 })).toBe("Backfill days must not be negative.");
    expect(bad({ includeCalls: false, includeEmails: false })).toBe("Track calls, emails or both.");
    expect(bad({ name: "" })).toBe("Name the tracker.");
    expect(bad({ minCallMinutes: "five" })).toBe("Minimum call length must be a number of minutes, such as 5.");
    expect(bad({ minCallMinutes: "1441" })).toBe("A minimum call length is at most 1,440 minutes (a day).");
    // The form asks minutes; the draft stores seconds.
    expect(TrackerDraft.parse({ name: "x", type: "question", question: "q", backfillDays: "7", minCallMinutes: "2.5" })).toMatchObject({
      minCallSeconds: 150,
      backfillDays: 7,
    });
    expect(TrackerDraft.parse({ name: "x", type: "question", question: "q", backfillDays: 0, minCallMinutes: "" }).minCallSeconds).toBe(0);
    // Every field's message at once: the rules across fields run beside a refused backfill.
    const all = TrackerDraft.safeParse({ name: "x", type: "question", question: "", includeCalls: false, includeEmails: false, backfillDays: 400 });
    expect(all.error?.issues.map((i) => i.path[0])).toEqual(["backfillDays", "question", "includeCalls"]);
  });
});
