// Reading trackers on both databases: one company's only, by name; the credits page's short
// list says whether there are more; the Trackers page's list carries progress for the trackers
// that run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import type { Database } from "../db";
import { listTrackerSummaries, listTrackers } from "./queries";

const NOW = new Date("2026-11-25T17:00:00Z");

describe.each(PROVIDERS)("tracker reads on %s", (provider) => {
  let db: Database;
  let companyId: string;
  let otherId: string;
  beforeAll(async () => {
    db = await freshDatabase(provider);
    ({ companyId } = await makeCompany(db.sql, NOW));
    ({ companyId: otherId } = await makeCompany(db.sql, NOW));
    const trackers: Array<[string, string, string, string, string]> = [
      [companyId, "Renewal risk", "question", "paused", "Credits ran out"],
      [companyId, "Pricing objections", "question", "published", ""],
      [companyId, "Next steps", "pretrained", "draft", ""],
      [otherId, "Budget", "question", "published", ""],
    ];
    for (const [i, [company, name, type, status, reason]] of trackers.entries()) {
      await db.sql.run(
        `INSERT INTO "Tracker" ("id", "companyId", "name", "type", "status", "pausedReason", "publishedAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [`trk_${provider}_${i}`, company, name, type, status, reason, status === "draft" ? null : NOW, NOW],
      );
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  it("lists one company's trackers by name, up to a limit, and says whether there are more", async () => {
    const all = await listTrackerSummaries(db.sql, { companyId });
    expect(all.more).toBe(false);
    expect(all.trackers.map((t) => [t.name, t.status, t.pausedReason])).toEqual([
      ["Next steps", "draft", ""],
      ["Pricing objections", "published", ""],
      ["Renewal risk", "paused", "Credits ran out"],
    ]);
    const two = await listTrackerSummaries(db.sql, { companyId, limit: 2 });
    expect(two.trackers).toHaveLength(2);
    expect(two.more).toBe(true);
  });

  it("lists all of one company's trackers for the Trackers page, with progress for those that run", async () => {
    const trackers = await listTrackers(db, { companyId });
    expect(trackers.map((t) => [t.name, t.status, t.progress])).toEqual([
      ["Next steps", "draft", undefined],
      ["Pricing objections", "published", { processed: 0, total: 0 }],
      ["Renewal risk", "paused", { processed: 0, total: 0 }],
    ]);
    expect((await listTrackers(db, { companyId: otherId })).map((t) => t.name)).toEqual(["Budget"]);
  });
});
