// Usage notifications on both databases: each threshold fires once, for every admin, by app and
// email; added credits re-arm it; at zero question trackers pause and pretrained ones go on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { charge, recordPurchase } from "../billing";
import type { Database } from "../db";
import { col, shape } from "../sql/rows";
import { usedPercent } from "./thresholds";

const NOW = new Date("2026-05-01T12:00:00Z");

describe("usedPercent", () => {
  it("rounds down in integer arithmetic", () => {
    expect(usedPercent(599n, 1000n)).toBe(59);
    expect(usedPercent(600n, 1000n)).toBe(60);
    expect(usedPercent(1n, 3n)).toBe(33);
    expect(usedPercent(5n, 0n)).toBe(0);
  });
});

describe.each(PROVIDERS)("thresholds on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("fires each threshold once for every admin, re-arms after a purchase, and pauses question trackers at zero", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 100 });
    for (const [id, role] of [
      ["a1", "tech_admin"],
      ["a2", "business_admin"],
      ["m1", "member"],
    ] as const) {
      await db.prisma.user.create({ data: { id: `${id}-${companyId}`, email: `${id}-${companyId}@t.test`, name: id, role, companyId } });
    }
    for (const [id, type] of [
      ["q", "question"],
      ["p", "pretrained"],
    ] as const) {
      await db.prisma.tracker.create({ data: { id: `${id}-${companyId}`, companyId, name: id, type, status: "published", createdAt: NOW } });
    }
    const fired = async () => (await db.prisma.thresholdState.findMany({ where: { companyId }, orderBy: { percent: "asc" } })).map((t) => t.percent);
    const notes = async () =>
      (await db.prisma.notification.findMany({ where: { companyId }, orderBy: [{ createdAt: "asc" }, { title: "asc" }] })).map((n) => n.title);
    const spend = (credits: number) => charge(db.sql, companyId, { amountMilli: BigInt(credits * 1000), action: "Test", usage: TEST_USAGE }, NOW);

    await spend(59);
    expect(await fired()).toEqual([]);
    await spend(1);
    expect(await fired()).toEqual([60]);
    expect((await notes()).filter((t) => t.includes("60%"))).toHaveLength(2); // two admins, not the member
    await spend(25);
    expect(await fired()).toEqual([60, 80]);
    await spend(15);
    expect(await fired()).toEqual([60, 80, 90, 95, 100]);
    const titles = await notes();
    expect(titles.filter((t) => t.includes("used all of its credits"))).toHaveLength(2);
    // The last charge passed 90, 95 and 100%: each is told, none skipped.
    expect(titles.filter((t) => t.includes("90%"))).toHaveLength(2);
    expect(titles.filter((t) => t.includes("95%"))).toHaveLength(2);
    const ninety = (await db.prisma.notification.findMany({ where: { companyId } })).find((n) => n.title.endsWith("has used 90% of its credits"))!;
    expect(ninety.body).toContain("has passed 90% of its 100 credits and is at 100% now; 0 remain.");
    const outbox = await db.prisma.outboxEmail.findMany({ where: { companyId } });
    expect(outbox).toHaveLength(10); // 5 thresholds, 2 admins
    expect(new Set(outbox.map((o) => o.status))).toEqual(new Set(["pending"]));
    const trackers = await db.prisma.tracker.findMany({ where: { companyId }, orderBy: { id: "asc" } });
    expect(trackers.map((t) => [t.type, t.status])).toEqual([
      ["pretrained", "published"],
      ["question", "paused"],
    ]);
    expect(trackers[1]!.pausedReason).toContain("Credits ran out on 2026-05-01");

    await recordPurchase(db.sql, { companyId, creditsMilli: 100_000n, orderReference: `re-${companyId}`, purchasedAt: NOW, availableFrom: NOW }, NOW);
    expect(await fired()).toEqual([]); // 100 of 200 used: 50%
    expect((await db.prisma.tracker.findFirstOrThrow({ where: { id: `q-${companyId}` } })).status).toBe("paused"); // stays paused until resumed
    await spend(20);
    expect(await fired()).toEqual([60]);
    const sixty = (await notes()).filter((t) => t.includes("60%"));
    expect(sixty).toHaveLength(4);
    const states = await db.sql.row(`SELECT COUNT(*) AS n FROM "ThresholdState" WHERE "companyId" = ?`, [companyId], shape({ n: col.int }));
    expect(states!.n).toBe(1);
  });
});
