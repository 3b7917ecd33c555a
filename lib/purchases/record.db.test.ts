// Recording purchases through the Sales server action, called the way the browser calls it
// (runAsActor stands in for the session), as each role, against a fresh SQLite database: who may
// record, what the balance and purchase history show afterwards, the audit entry, idempotency by
// order reference, and every bad input refused at its field with nothing written.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, makeCompany } from "../../test/support/companies";
import { freshDatabaseUrl } from "../../test/support/databases";
import type { Actor } from "../auth/authorize";
import type { Role } from "../auth/roles";
import type { Database } from "../db";
import { createId } from "../ids";
import { getCreditSummary } from "../ledger/balance";
import { col, shape } from "../sql/rows";
import { instantToDateTimeLocal, zonedTimeToInstant } from "../time/local-time";
import { listCompaniesForSales, listPurchases } from "./queries";
import type { RecordPurchaseForm } from "./schema";

type Action = typeof import("./actions").recordPurchaseAction;

let database: Database;
let recordPurchaseAction: Action;
let runAsActor: typeof import("../auth/session").runAsActor;

beforeAll(async () => {
  // getDatabase() reads DATABASE_URL once, on first use: set it before anything opens it.
  process.env.DATABASE_URL = await freshDatabaseUrl("sqlite");
  database = (await import("../db")).getDatabase();
  ({ recordPurchaseAction } = await import("./actions"));
  ({ runAsActor } = await import("../auth/session"));
});

afterAll(async () => {
  await database?.close();
});

const unique = () => `${process.env.VITEST_POOL_ID ?? 0}-${Date.now()}-${randomBytes(3).toString("hex")}`;

async function addUser(role: Role, companyId: string | null): Promise<Actor> {
  const id = createId("user");
  const email = `${role}-${unique()}@purchases.test`;
  const name = `${role} ${email}`;
  await database.prisma.user.create({ data: { id, email, name, role, companyId } });
  return { userId: id, email, name, role, companyId, via: "session" };
}

/** A company whose term started 10 days ago and ends in two years, and its people. */
async function company(timeZone = "America/New_York") {
  const now = new Date();
  const made = await makeCompany(database.sql, now, { timeZone });
  return {
    ...made,
    timeZone,
    sales: await addUser("sales", null),
    tech: await addUser("tech_admin", made.companyId),
    business: await addUser("business_admin", made.companyId),
    member: await addUser("member", made.companyId),
  };
}

/** A valid form for the company: bought and available a minute ago, expiry left to the term. */
function form(c: { companyId: string; timeZone: string }, overrides: Partial<RecordPurchaseForm> = {}): RecordPurchaseForm {
  const aMinuteAgo = instantToDateTimeLocal(new Date(Date.now() - 60_000), c.timeZone);
  return { companyId: c.companyId, credits: "1234.5", orderReference: `PO-${unique()}`, purchasedAt: aMinuteAgo, availableFrom: aMinuteAgo, ...overrides };
}

const record = (actor: Actor | null, input: RecordPurchaseForm) => runAsActor(actor, () => recordPurchaseAction(input));
const remaining = async (companyId: string) => (await getCreditSummary(database.sql, { companyId, now: new Date() })).remainingMilli;

/** Everything a purchase writes, counted, to show a refusal wrote nothing. */
async function written(companyId: string) {
  const count = async (table: string) =>
    (await database.sql.row(`SELECT COUNT(*) AS n FROM "${table}" WHERE "companyId" = ?`, [companyId], shape({ n: col.int })))!.n;
  return { purchases: await count("Purchase"), grants: await count("CreditGrant"), entries: await count("LedgerEntry"), audit: await count("AuditEntry") };
}

describe("recordPurchaseAction", () => {
  it("lets Sales record a purchase: the balance grows by exactly its credits and the history shows it", async () => {
    const c = await company();
    const before = await remaining(c.companyId);
    const input = form(c);
    const result = await record(c.sales, input);
    expect(result.serverError).toBeUndefined();
    expect(result.validationErrors).toBeUndefined();
    expect(result.data).toMatchObject({ outcome: "recorded", credits: "1234.5", orderReference: input.orderReference });
    expect((await remaining(c.companyId)) - before).toBe(1_234_500n);

    const [purchase] = await listPurchases(database.sql, { companyId: c.companyId, now: new Date() });
    expect(purchase).toMatchObject({ orderReference: input.orderReference, creditsMilli: 1_234_500n, remainingMilli: 1_234_500n, state: "available" });
    expect(purchase!.expiresAt.getTime()).toBe(c.termEndsAt.getTime());
    expect(purchase!.purchasedAt.getTime()).toBe(zonedTimeToInstant(input.purchasedAt, c.timeZone).getTime());
    const stored = await database.prisma.purchase.findUniqueOrThrow({ where: { orderReference: input.orderReference } });
    expect(stored.recordedByUserId).toBe(c.sales.userId);

    const listed = await listCompaniesForSales(database.prisma);
    expect(listed.find((x) => x.id === c.companyId)).toMatchObject({ purchaseCount: 1, timeZone: c.timeZone });
  });

  it("writes an audit entry with the actor, the time, and the purchase as 'after'", async () => {
    const c = await company();
    const input = form(c, { credits: "0.001", expiresAt: instantToDateTimeLocal(new Date(Date.now() + 30 * DAY), c.timeZone) });
    const startedAt = Date.now();
    const result = await record(c.sales, input);
    const entries = await database.prisma.auditEntry.findMany({ where: { companyId: c.companyId } });
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      actorUserId: c.sales.userId,
      action: "purchase.record",
      targetType: "purchase",
      targetId: result.data!.purchaseId,
      before: "null",
    });
    expect(entry!.at.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    const after = JSON.parse(entry!.after);
    expect(after).toMatchObject({
      orderReference: input.orderReference,
      credits: "0.001",
      purchasedAt: zonedTimeToInstant(input.purchasedAt, c.timeZone).toISOString(),
      availableFrom: zonedTimeToInstant(input.availableFrom, c.timeZone).toISOString(),
      expiresAt: zonedTimeToInstant(input.expiresAt!, c.timeZone).toISOString(),
    });
    expect(typeof after.grantId).toBe("string");
  });

  it.each(["tech", "business", "member"] as const)("refuses a company's %s user, and writes nothing", async (who) => {
    const c = await company();
    const before = await written(c.companyId);
    const result = await record(c[who], form(c));
    expect(result.serverError).toMatchObject({ code: "forbidden" });
    expect(result.data).toBeUndefined();
    expect(await written(c.companyId)).toEqual(before);
  });

  it("refuses a signed-out caller", async () => {
    const c = await company();
    const result = await record(null, form(c));
    expect(result.serverError).toMatchObject({ code: "unauthorized" });
  });

  it("records the same order reference once: the repeat answers 'exists' and adds nothing", async () => {
    const c = await company();
    const before = await remaining(c.companyId);
    const input = form(c);
    expect((await record(c.sales, input)).data?.outcome).toBe("recorded");
    const afterFirst = await written(c.companyId);
    const again = await record(c.sales, input);
    expect(again.serverError).toBeUndefined();
    expect(again.data).toMatchObject({ outcome: "exists", orderReference: input.orderReference });
    expect(await written(c.companyId)).toEqual(afterFirst);
    expect((await remaining(c.companyId)) - before).toBe(1_234_500n);
  });

  it("refuses an order reference already used with other details, at the order reference", async () => {
    const c = await company();
    const input = form(c);
    await record(c.sales, input);
    const before = await written(c.companyId);
    const result = await record(c.sales, { ...input, credits: "99" });
    expect(result.serverError).toMatchObject({ code: "idempotency_conflict", field: "orderReference" });
    expect(await written(c.companyId)).toEqual(before);
  });

  it("reads the form's times in the company's zone, and leaves a future purchase upcoming", async () => {
    const c = await company("Europe/Berlin");
    const before = await remaining(c.companyId);
    const start = instantToDateTimeLocal(new Date(Date.now() + 5 * DAY), c.timeZone);
    const end = instantToDateTimeLocal(new Date(Date.now() + 60 * DAY), c.timeZone);
    const input = form(c, { availableFrom: start, expiresAt: end });
    expect((await record(c.sales, input)).data?.outcome).toBe("recorded");
    const stored = await database.prisma.purchase.findUniqueOrThrow({ where: { orderReference: input.orderReference } });
    expect(stored.availableFrom.toISOString()).toBe(zonedTimeToInstant(start, "Europe/Berlin").toISOString());
    expect(stored.expiresAt.toISOString()).toBe(zonedTimeToInstant(end, "Europe/Berlin").toISOString());
    expect(await remaining(c.companyId)).toBe(before);
    const [purchase] = await listPurchases(database.sql, { companyId: c.companyId, now: new Date() });
    expect(purchase).toMatchObject({ state: "upcoming", remainingMilli: 1_234_500n });
  });

  it("shows an expired purchase with nothing remaining", async () => {
    const c = await company();
    const input = form(c, { expiresAt: instantToDateTimeLocal(new Date(Date.now() + 2 * DAY), c.timeZone) });
    await record(c.sales, input);
    const [later] = await listPurchases(database.sql, { companyId: c.companyId, now: new Date(Date.now() + 3 * DAY) });
    expect(later).toMatchObject({ state: "expired", remainingMilli: 0n });
  });

  describe("refuses bad input at its field, writing nothing", () => {
    type Case = { name: string; input: (c: Awaited<ReturnType<typeof company>>) => RecordPurchaseForm; field: string; message: RegExp };
    const local = (c: { timeZone: string }, offsetMs: number) => instantToDateTimeLocal(new Date(Date.now() + offsetMs), c.timeZone);
    const cases: Case[] = [
      { name: "negative credits", input: (c) => form(c, { credits: "-5" }), field: "credits", message: /must not be negative/ },
      { name: "zero credits", input: (c) => form(c, { credits: "0" }), field: "credits", message: /more than zero/ },
      { name: "credits finer than 0.001", input: (c) => form(c, { credits: "1.0005" }), field: "credits", message: /finer than the smallest unit/ },
      { name: "credits that are not a number", input: (c) => form(c, { credits: "lots" }), field: "credits", message: /not a number of credits/ },
      { name: "a missing order reference", input: (c) => form(c, { orderReference: "  " }), field: "orderReference", message: /order reference is required/ },
      {
        name: "an order reference over 100 characters",
        input: (c) => form(c, { orderReference: "R".repeat(101) }),
        field: "orderReference",
        message: /at most 100 characters/,
      },
      { name: "a malformed purchase time", input: (c) => form(c, { purchasedAt: "yesterday" }), field: "purchasedAt", message: /not a date and time/ },
      {
        name: "an expiry before the availability start",
        input: (c) => form(c, { availableFrom: local(c, 10 * DAY), expiresAt: local(c, 5 * DAY) }),
        field: "expiresAt",
        message: /must be after the availability start/,
      },
      {
        name: "an expiry equal to the availability start",
        input: (c) => form(c, { availableFrom: local(c, 10 * DAY), expiresAt: local(c, 10 * DAY) }),
        field: "expiresAt",
        message: /must be after the availability start/,
      },
      {
        name: "an expiry past the end of the contract term",
        input: (c) => form(c, { expiresAt: instantToDateTimeLocal(new Date(c.termEndsAt.getTime() + DAY), c.timeZone) }),
        field: "expiresAt",
        message: /must not be after the end of the contract term, \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M E[SD]T\./,
      },
      {
        name: "an availability start past the end of the term (so no expiry can follow it)",
        input: (c) => form(c, { availableFrom: instantToDateTimeLocal(new Date(c.termEndsAt.getTime() + DAY), c.timeZone) }),
        field: "expiresAt",
        message: /must be after the availability start/,
      },
      { name: "a company that does not exist", input: (c) => form(c, { companyId: "co_missing" }), field: "companyId", message: /no such company/ },
    ];

    it.each(cases)("$name", async ({ input, field, message }) => {
      const c = await company();
      const before = await written(c.companyId);
      const balance = await remaining(c.companyId);
      const result = await record(c.sales, input(c));
      expect(result.data).toBeUndefined();
      const fieldMessage =
        result.validationErrors?.fieldErrors?.[field as keyof RecordPurchaseForm]?.[0] ??
        (result.serverError?.field === field ? result.serverError.message : undefined);
      expect(fieldMessage, JSON.stringify(result)).toMatch(message);
      expect(await written(c.companyId)).toEqual(before);
      expect(await remaining(c.companyId)).toBe(balance);
      expect(await database.sql.row(`SELECT 1 AS x FROM "Purchase" WHERE "companyId" = 'co_missing'`, [], shape({ x: col.int }))).toBeUndefined();
    });
  });

  it("stores a wall-clock time that happens twice as the first of the two (New York's fall-back night)", async () => {
    const c = await company();
    const input = form(c, { availableFrom: "2026-11-01T01:30" });
    expect((await record(c.sales, input)).data?.outcome).toBe("recorded");
    const row = await database.sql.row(
      `SELECT "availableFrom" FROM "Purchase" WHERE "orderReference" = ?`,
      [input.orderReference],
      shape({ availableFrom: col.date }),
    );
    expect(row!.availableFrom.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });
});
