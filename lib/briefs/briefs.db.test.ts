// Briefs on both databases: tracker sections free, direct sections charged at every automated
// generation, UI generation free, skipped at zero with the last version kept, back after a purchase.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { getCreditSummary, recordPurchase } from "../billing";
import type { Database } from "../db";
import { ingestCalls, ingestEmails } from "../ingest";
import { createBrief, generateBriefVersion, latestVersion, runAutomatedBriefs } from "./index";

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
    const usage = await db.sql.all(
      `SELECT "featureType", "featureName", "usageAction" FROM "UsageRecord" WHERE "companyId" = ? GROUP BY "featureType", "featureName", "usageAction"`,
      [companyId],
    );
    expect(usage.map((u) => [u.featureType, u.featureName, u.usageAction])).toEqual([["automated_brief", "Deal brief", "scheduled"]]);
  });
});
