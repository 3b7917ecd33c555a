// The demo data is what the spec's "Fixed surfaces" promise, on both databases, seeded the way
// `npm start` does it (ensureDemo) after a first seed that stopped half-way: the half-done demo is
// removed and seeded again whole, and a company added beside it stays.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { verifyPassword } from "../auth/password";
import { createCompany, FEATURE_TYPES, getCreditSummary, recordPurchase } from "../billing";
import type { Database } from "../db";
import { createId } from "../ids";
import { col, shape } from "../sql/rows";
import { DEMO_PASSWORD, ensureDemo } from "./demo";

const NOW = new Date("2026-11-25T15:00:00.000Z");

describe.each(PROVIDERS)("demo seed on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
    await leaveHalfDoneDemo(db);
    expect(await ensureDemo(db, NOW)).toBe("reseeded");
  }, 180_000);
  afterAll(async () => {
    await db?.close();
  });

  it("removed what the half-done seed had written, kept the company beside it, and marks the seed finished", async () => {
    expect(await db.prisma.user.findUnique({ where: { email: "left-over@acme.test" } })).toBeNull();
    expect(await db.prisma.company.count({ where: { name: "Acme Corp" } })).toBe(1);
    expect(await db.prisma.user.count({ where: { email: "sales@vendor.test" } })).toBe(1);
    const acme = await db.prisma.company.findUniqueOrThrow({ where: { name: "Acme Corp" }, include: { purchases: true } });
    expect(acme.purchases.map((p) => p.orderReference)).not.toContain("HALF-DONE-1");
    const initech = await db.prisma.company.findUniqueOrThrow({ where: { name: "Initech" } });
    expect(await db.prisma.user.count({ where: { companyId: initech.id } })).toBe(1);
    const mark = await db.prisma.demoSeed.findUniqueOrThrow({ where: { id: 1 } });
    expect(mark.finishedAt).toEqual(NOW);
    const made = mark.madeIds.split(",");
    expect(made).toHaveLength(3);
    expect(made).toContain((await db.prisma.user.findUniqueOrThrow({ where: { email: "sales@vendor.test" } })).id);
    expect(made).toContain(acme.id);
    // The next start finds the demo whole and leaves it.
    expect(await ensureDemo(db, NOW)).toBe("present");
    expect(await db.prisma.company.count({ where: { name: "Acme Corp" } })).toBe(1);
  });

  it("has the demo accounts with their roles and the demo password", async () => {
    const users = await db.prisma.user.findMany({ omit: { passwordHash: false }, include: { company: true } });
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const expected: Array<[string, string, string | null]> = [
      ["tech@acme.test", "tech_admin", "Acme Corp"],
      ["business@acme.test", "business_admin", "Acme Corp"],
      ["member@acme.test", "member", "Acme Corp"],
      ["tech@globex.test", "tech_admin", "Globex"],
      ["sales@vendor.test", "sales", null],
    ];
    for (const [email, role, company] of expected) {
      const user = byEmail.get(email);
      expect(user?.role).toBe(role);
      expect(user?.company?.name ?? null).toBe(company);
      expect(await verifyPassword(DEMO_PASSWORD, user!.passwordHash!)).toBe(true);
    }
    expect(await verifyPassword("wrong", byEmail.get("tech@acme.test")!.passwordHash!)).toBe(false);
  });

  it("gives Acme 5,000 to 40,000 credits remaining, default and purchased credits, and a consistent ledger", async () => {
    const acme = await db.prisma.company.findUniqueOrThrow({ where: { name: "Acme Corp" } });
    expect(acme.timeZone).toBe("America/New_York");
    const { remainingMilli } = await getCreditSummary(db.sql, { companyId: acme.id, now: NOW });
    expect(remainingMilli >= 5_000_000n && remainingMilli <= 40_000_000n).toBe(true);
    const kinds = await db.prisma.creditGrant.groupBy({ by: ["kind"], where: { companyId: acme.id }, _count: true });
    expect(kinds.map((k) => k.kind).sort()).toEqual(["default", "purchased"]);
    expect(await db.prisma.seat.findUnique({ where: { companyId_seatType: { companyId: acme.id, seatType: "core" } } })).toMatchObject({ count: 100 });
    await expectLedgerConsistent(db.sql, acme.id);
  });

  it("has Acme usage on most days of the last year, across every feature type", async () => {
    const acme = await db.prisma.company.findUniqueOrThrow({ where: { name: "Acme Corp" } });
    const days = await db.sql.rows(`SELECT DISTINCT "usageDate" FROM "UsageRecord" WHERE "companyId" = ?`, [acme.id], shape({ usageDate: col.text }));
    expect(days.length).toBeGreaterThan(300);
    const features = await db.sql.rows(`SELECT DISTINCT "featureType" FROM "UsageRecord" WHERE "companyId" = ?`, [acme.id], shape({ featureType: col.text }));
    expect(features.map((f) => f.featureType).sort()).toEqual([...FEATURE_TYPES].sort());
    const integrations = await db.sql.rows(
      `SELECT DISTINCT "integration" FROM "UsageRecord" WHERE "companyId" = ? AND "featureType" = 'mcp'`,
      [acme.id],
      shape({ integration: col.text }),
    );
    expect(integrations.map((i) => i.integration).sort()).toEqual(["Claude Desktop", "Cursor"]);
    // The usage rows and the ledger's charges are the same credits.
    const Sum = shape({ s: col.bigint });
    const usage = await db.sql.row(`SELECT SUM("creditsMilli") AS s FROM "UsageRecord" WHERE "companyId" = ?`, [acme.id], Sum);
    const used = await db.sql.row(`SELECT SUM("amountMilli") AS s FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used'`, [acme.id], Sum);
    expect(usage!.s).toBe(-used!.s);
  });

  it("gives Globex its own data, and spends nothing on its own after seeding", async () => {
    const globex = await db.prisma.company.findUniqueOrThrow({ where: { name: "Globex" }, include: { purchases: true, trackers: true } });
    expect(globex.purchases.length).toBeGreaterThan(0);
    expect(globex.trackers.length).toBeGreaterThan(0);
    await expectLedgerConsistent(db.sql, globex.id);
    const entries = await db.sql.row(`SELECT MAX("at") AS last FROM "LedgerEntry"`, [], shape({ last: col.date }));
    expect(entries!.last.getTime()).toBeLessThanOrEqual(NOW.getTime());
  });
});

/**
 * What a first start killed during its seed leaves: the seed marked as started with the ids it
 * made, the Sales account, part of Acme (a user and a purchase the full seed does not make), and
 * a company someone added beside the demo before restarting.
 */
async function leaveHalfDoneDemo(db: Database) {
  const earlier = new Date(NOW.getTime() - 3_600_000);
  const salesId = createId("user", earlier);
  const acmeId = createId("company", earlier);
  // What the seed keeps as it goes: the Sales account, Acme, and Globex's id (about to be made).
  await db.prisma.demoSeed.create({ data: { id: 1, startedAt: earlier, madeIds: [salesId, acmeId, createId("company", earlier)].join(",") } });
  await db.prisma.user.create({ data: { id: salesId, email: "sales@vendor.test", name: "Sasha Sales", role: "sales" } });
  const term = { timeZone: "America/New_York", termStartsAt: new Date(NOW.getTime() - 30 * DAY), termEndsAt: new Date(NOW.getTime() + 300 * DAY) };
  const seats = { creditsPerCoreSeatMilli: 100_000n, seats: { core: 10 } };
  const { companyId } = await createCompany(db.sql, { id: acmeId, name: "Acme Corp", ...term, ...seats }, earlier);
  await db.prisma.user.create({ data: { id: createId("user", earlier), email: "left-over@acme.test", name: "Left Over", role: "member", companyId } });
  await recordPurchase(db.sql, { companyId, creditsMilli: 5_000n, orderReference: "HALF-DONE-1", purchasedAt: earlier, availableFrom: earlier }, earlier);
  const initech = await createCompany(db.sql, { name: "Initech", ...term, ...seats }, earlier);
  await db.prisma.user.create({
    data: { id: createId("user", earlier), email: "admin@initech.test", name: "Ina Admin", role: "tech_admin", companyId: initech.companyId },
  });
}
