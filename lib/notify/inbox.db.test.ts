// The inbox on both databases: a user sees, counts and marks only their own notifications in
// their own company; the outbox lists one company's emails, 50 a page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import type { Database } from "../db";
import { AppError } from "../errors";
import { countUnreadNotifications, listNotifications, listOutboxEmails, markAllNotificationsRead, markNotificationRead, parseOutboxPage } from "./inbox";

const NOW = new Date("2026-05-01T12:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe("parseOutboxPage", () => {
  it("reads ?page= leniently: anything but a positive whole number is page 1", () => {
    expect(["2", ["3", "4"], undefined, "", "0", "-1", "1.5", "abc", "1e3"].map((v) => parseOutboxPage(v))).toEqual([2, 3, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe.each(PROVIDERS)("inbox on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function company() {
    const { companyId } = await makeCompany(db.sql, NOW);
    const user = async (name: string) => {
      const id = `${name}-${companyId}`;
      await db.prisma.user.create({ data: { id, email: `${id}@t.test`, name, role: "tech_admin", companyId } });
      return { companyId, userId: id };
    };
    return { companyId, user };
  }

  let n = 0;
  async function notify({ companyId, userId }: { companyId: string; userId: string }, title: string, createdAt: Date) {
    const id = `ntf_${++n}_${userId}`;
    await db.prisma.notification.create({ data: { id, companyId, userId, kind: "usage_threshold", title, body: `${title} body`, createdAt } });
    return id;
  }

  it("lists, counts and marks only the user's own notifications", async () => {
    const acme = await company();
    const a = await acme.user("a");
    const b = await acme.user("b");
    const other = await company();
    const c = await other.user("c");
    await notify(a, "A old", at(0));
    const aNew = await notify(a, "A new", at(5));
    const bOnly = await notify(b, "B", at(1));
    const cOnly = await notify(c, "C", at(2));

    const listA = await listNotifications(db.prisma, a);
    expect(listA.items.map((i) => i.title)).toEqual(["A new", "A old"]);
    expect(listA.total).toBe(2);
    expect((await listNotifications(db.prisma, { ...a, limit: 1 })).items.map((i) => i.title)).toEqual(["A new"]);
    expect((await listNotifications(db.prisma, b)).items.map((i) => i.title)).toEqual(["B"]);
    // A's id with another company is nobody's.
    expect((await listNotifications(db.prisma, { companyId: other.companyId, userId: a.userId })).items).toEqual([]);
    expect(await countUnreadNotifications(db.prisma, a)).toBe(2);

    for (const [who, id] of [
      [a, bOnly],
      [a, cOnly],
      [{ companyId: other.companyId, userId: a.userId }, aNew],
    ] as const) {
      const attempt = markNotificationRead(db.prisma, { ...who, notificationId: id, now: at(10) });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await countUnreadNotifications(db.prisma, b)).toBe(1);
    expect(await countUnreadNotifications(db.prisma, c)).toBe(1);
    expect(await countUnreadNotifications(db.prisma, a)).toBe(2);

    await markNotificationRead(db.prisma, { ...a, notificationId: aNew, now: at(10) });
    await markNotificationRead(db.prisma, { ...a, notificationId: aNew, now: at(11) }); // again: no error, first time kept
    const afterOne = await listNotifications(db.prisma, a);
    expect(afterOne.items.map((i) => [i.title, i.readAt?.toISOString() ?? null])).toEqual([
      ["A new", at(10).toISOString()],
      ["A old", null],
    ]);
    expect(await countUnreadNotifications(db.prisma, a)).toBe(1);

    expect(await markAllNotificationsRead(db.prisma, { ...a, now: at(12) })).toBe(1);
    expect(await countUnreadNotifications(db.prisma, a)).toBe(0);
    expect(await countUnreadNotifications(db.prisma, b)).toBe(1);
    expect(await countUnreadNotifications(db.prisma, c)).toBe(1);
    expect(await markAllNotificationsRead(db.prisma, { companyId: other.companyId, userId: a.userId, now: at(13) })).toBe(0);
    expect(await countUnreadNotifications(db.prisma, c)).toBe(1);
  });

  it("pages a company's outbox newest first, 50 a page, with counts by status, and never another company's", async () => {
    const acme = await company();
    const other = await company();
    const row = (companyId: string, i: number, status: string) => ({
      id: `mail_${companyId}_${String(i).padStart(3, "0")}`,
      companyId,
      to: `admin${i}@t.test`,
      subject: `Subject ${i}`,
      text: `Text ${i}`,
      status,
      createdAt: at(i),
    });
    await db.prisma.outboxEmail.createMany({ data: Array.from({ length: 52 }, (_, i) => row(acme.companyId, i, i < 50 ? "kept" : "sent")) });
    await db.prisma.outboxEmail.createMany({ data: [row(other.companyId, 0, "pending")] });

    const first = await listOutboxEmails(db.prisma, { companyId: acme.companyId, page: 1 });
    expect(first).toMatchObject({ total: 52, pageCount: 2, page: 1, pageSize: 50, counts: { kept: 50, sent: 2 } });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.subject).toBe("Subject 51");
    const second = await listOutboxEmails(db.prisma, { companyId: acme.companyId, page: 2 });
    expect(second.items.map((i) => i.subject)).toEqual(["Subject 1", "Subject 0"]);
    expect((await listOutboxEmails(db.prisma, { companyId: acme.companyId, page: 3 })).items).toEqual([]);
    const theirs = await listOutboxEmails(db.prisma, { companyId: other.companyId, page: 1 });
    expect(theirs).toMatchObject({ total: 1, counts: { pending: 1 } });
    expect(theirs.items.map((i) => i.to)).toEqual(["admin0@t.test"]);
    const empty = await listOutboxEmails(db.prisma, { companyId: (await company()).companyId, page: 1 });
    expect(empty).toMatchObject({ total: 0, pageCount: 1, items: [], counts: {} });
  });
});
