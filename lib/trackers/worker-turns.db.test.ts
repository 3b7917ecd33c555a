// The tracker worker takes a batch of each tracker in turn: a company whose tracker has a long
// backlog does not hold back another company's new calls until that backlog is done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase } from "../../test/support/databases";
import type { Database } from "../db";
import { createId } from "../ids";
import { ingestCalls } from "../ingest";
import { col, shape } from "../sql/rows";
import { BATCH_SIZE, processTrackers } from "./worker";

const T0 = new Date("2026-06-01T12:00:00Z");

describe("tracker batches in turn (sqlite)", () => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase("sqlite");
  });
  afterAll(async () => {
    await db?.close();
  });

  async function companyWithTracker(calls: number, at: Date) {
    const { companyId } = await makeCompany(db.sql, at, { coreSeats: 200 });
    const trackerId = createId("tracker", at);
    await db.sql.run(
      `INSERT INTO "Tracker" ("id", "companyId", "name", "type", "question", "status", "createdAt", "publishedAt") VALUES (?, ?, 'Pricing', 'question', 'Pricing?', 'published', ?, ?)`,
      [trackerId, companyId, at, at],
    );
    for (let from = 0; from < calls; from += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, calls - from) }, (_, i) => ({
        externalId: `call-${from + i}`,
        startedAt: new Date(at.getTime() + 1_000 + from + i).toISOString(),
        durationSeconds: 300,
        transcript: "pricing",
      }));
      await ingestCalls(db.sql, { companyId, calls: batch, now: at });
    }
    const results = async () => (await db.sql.row(`SELECT COUNT(*) AS n FROM "TrackerResult" WHERE "trackerId" = ?`, [trackerId], shape({ n: col.int })))!.n;
    return { companyId, results };
  }

  it("gives a small company's tracker its batch in the same run as a large backlog's", async () => {
    // The large company comes first in the worker's order (its id is older).
    const large = await companyWithTracker(2 * BATCH_SIZE + 1, T0);
    const small = await companyWithTracker(3, new Date(T0.getTime() + 60_000));
    const now = new Date(T0.getTime() + 3_600_000);

    expect(await processTrackers(db, { now, maxBatches: 2 })).toMatchObject({ processed: BATCH_SIZE + 3 });
    expect(await small.results()).toBe(3);
    expect(await large.results()).toBe(BATCH_SIZE);
    // The next runs take the rest of the backlog.
    await processTrackers(db, { now, maxBatches: 2 });
    expect(await large.results()).toBe(2 * BATCH_SIZE + 1);
  });

  it("starts each run after the tracker the last run served, so every backlog gets its turn however small a run is", async () => {
    const at = new Date(T0.getTime() + 86_400_000);
    const companies = [];
    for (let i = 0; i < 3; i++) companies.push(await companyWithTracker(BATCH_SIZE + 1, new Date(at.getTime() + i * 60_000)));
    const now = new Date(at.getTime() + 3_600_000);
    for (let run = 0; run < 3; run++) await processTrackers(db, { now, maxBatches: 1 });
    expect(await Promise.all(companies.map((c) => c.results()))).toEqual([BATCH_SIZE, BATCH_SIZE, BATCH_SIZE]);
  });
});
