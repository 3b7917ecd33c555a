// Unpublishing stops consumption at once (R-TRACK-2), on PostgreSQL, where the worker and an admin
// run at the same time on separate connections: a batch that read its tracker as published and
// waits for the company's account lock to charge is either done charging before the unpublish
// returns, or charges nothing. The test holds the account lock itself so both are seen waiting.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabaseUrl } from "../../test/support/databases";
import { eventually } from "../../test/support/instances";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { questionDraft } from "../../test/support/trackers";
import { getCreditSummary, recordPurchase } from "../billing";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { ingestCalls } from "../ingest";
import { createDraft, processTrackers, publishTracker, unpublishTracker } from "./index";

const T0 = new Date("2026-06-01T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe("unpublishing a tracker while its batch waits to charge (postgresql)", () => {
  let url: string;
  let db: Database;
  let holder: pg.Client;
  /** Not the holder: inside a transaction, pg_stat_activity stays as it was first read. */
  let observer: pg.Client;

  beforeAll(async () => {
    url = await freshDatabaseUrl("postgresql");
    db = openDatabase(databaseConfig(url));
    holder = new pg.Client({ connectionString: url });
    observer = new pg.Client({ connectionString: url });
    await Promise.all([holder.connect(), observer.connect()]);
  });
  afterAll(async () => {
    await holder?.end();
    await observer?.end();
    await db?.close();
  });

  const waitingForLocks = async () =>
    Number(
      (
        await observer.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        )
      ).rows[0]!.n,
    );

  it("returns only once the batch that read the tracker as published has charged: nothing is charged after it returns", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 0 });
    await recordPurchase(db.sql, { companyId, creditsMilli: 10_000n, orderReference: `race-${companyId}`, purchasedAt: T0, availableFrom: T0 }, T0);
    const adminId = `admin-${companyId}`;
    await db.prisma.user.create({ data: { id: adminId, email: `${adminId}@t.test`, name: "admin", role: "tech_admin", companyId } });
    await ingestCalls(db.sql, {
      companyId,
      calls: ["a", "b", "c"].map((id) => ({ externalId: id, startedAt: T0.toISOString(), durationSeconds: 1200, transcript: "pricing" })),
      now: T0,
    });
    const tracker = await createDraft(db, {
      companyId,
      userId: adminId,
      draft: questionDraft("Pricing"),
      now: T0,
    });
    await publishTracker(db, { companyId, trackerId: tracker.id, userId: adminId, now: T0 });
    const used = async () => 10_000n - (await getCreditSummary(db.sql, { companyId, now: at(2) })).remainingMilli;

    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "CreditAccount" WHERE "companyId" = $1 FOR UPDATE`, [companyId]);
    const worker = processTrackers(db, { now: at(1), companyId });
    await eventually("the worker's batch waits for the account lock", async () => (await waitingForLocks()) === 1, 10_000);
    let usedWhenUnpublished: bigint | undefined;
    const unpublished = unpublishTracker(db, { companyId, trackerId: tracker.id, userId: adminId, now: at(1) }).then(async () => {
      usedWhenUnpublished = await used();
    });
    // The unpublish waits behind the batch; before, it returned at once and the batch charged after.
    await eventually("the unpublish waits for the account lock too", async () => (await waitingForLocks()) === 2, 10_000);
    expect(usedWhenUnpublished).toBeUndefined();
    await holder.query("COMMIT");
    await unpublished;
    const run = await worker;

    expect(await used()).toBe(usedWhenUnpublished);
    expect(run.charged * 1_000).toBe(Number(usedWhenUnpublished));
    expect((await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } })).status).toBe("unpublished");
    // Nothing more is taken once it is unpublished.
    await ingestCalls(db.sql, {
      companyId,
      calls: [{ externalId: "d", startedAt: at(3).toISOString(), durationSeconds: 1200, transcript: "pricing" }],
      now: at(3),
    });
    expect(await processTrackers(db, { now: at(4), companyId })).toEqual({ processed: 0, charged: 0, paused: 0 });
    expect(await used()).toBe(usedWhenUnpublished);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("lets only one of two changes made from the same status through: the other is refused, and the audit log has one", async () => {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 10 });
    const adminId = `admin-${companyId}`;
    await db.prisma.user.create({ data: { id: adminId, email: `${adminId}@t.test`, name: "admin", role: "tech_admin", companyId } });
    const tracker = await createDraft(db, {
      companyId,
      userId: adminId,
      draft: questionDraft("Twice"),
      now: T0,
    });
    const change = { companyId, trackerId: tracker.id, userId: adminId, now: at(1) };
    const audited = (action: string) => db.prisma.auditEntry.count({ where: { companyId, action } });

    const published = await Promise.allSettled([publishTracker(db, change), publishTracker(db, change)]);
    expect(published.map((p) => p.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await audited("tracker.publish")).toBe(1);

    // Two unpublishes that both read it published, lined up behind the account lock: one wins.
    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "CreditAccount" WHERE "companyId" = $1 FOR UPDATE`, [companyId]);
    const both = Promise.allSettled([unpublishTracker(db, change), unpublishTracker(db, change)]);
    await eventually("both unpublishes wait for the account lock", async () => (await waitingForLocks()) === 2, 10_000);
    await holder.query("COMMIT");
    const unpublished = await both;
    expect(unpublished.map((p) => p.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(unpublished.find((p) => p.status === "rejected")).toMatchObject({
      reason: { code: "invalid_request", message: '"Twice" changed while you were looking at it. Reload the page and try again.' },
    });
    expect(await audited("tracker.unpublish")).toBe(1);
  });
});
