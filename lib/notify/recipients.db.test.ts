// Who hears about the credits, on SQLite and PostgreSQL: extra email recipients (added
// lowercased, never an admin's address, no duplicates, at most 10, removed; each change audited;
// another company's list untouched), the emails a usage threshold writes (admins in the app and
// by email, extra recipients by email only, an extra recipient who became an admin emailed
// once), the test email (everyone, once a minute), and a company's contract summary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { charge } from "../billing";
import { getContractSummary } from "../companies/contract";
import type { Database } from "../db";
import { createId } from "../ids";
import { NOTIFICATION_RECIPIENTS_MAX, NotificationRecipientInput } from "./recipient-schemas";
import { addNotificationRecipient, listNotificationAudience, removeNotificationRecipient, sendTestNotification, TEST_EMAIL_INTERVAL_MS } from "./recipients";

const NOW = new Date("2026-03-10T15:00:00.000Z");

describe("the recipient's address", () => {
  it("is trimmed and lowercased, and a bad one is named", () => {
    expect(NotificationRecipientInput.parse({ email: "  Finance@Example.COM " })).toEqual({ email: "finance@example.com" });
    for (const email of ["", "finance", "finance@", "a b@example.com", `${"x".repeat(250)}@example.com`]) {
      expect(NotificationRecipientInput.safeParse({ email }).success, email).toBe(false);
    }
  });
});

describe.each(PROVIDERS)("notification recipients on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function company() {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 10, perSeatCredits: 10 });
    const user = async (name: string, role: string) => {
      const id = createId("user", NOW);
      const email = `${id.toLowerCase()}@recipients.test`;
      await db.prisma.user.create({ data: { id, email, name, role, companyId } });
      return { id, email };
    };
    return {
      companyId,
      tech: await user("Tia Tech", "tech_admin"),
      business: await user("Bo Business", "business_admin"),
      member: await user("Mo Member", "member"),
    };
  }
  const outboxTo = async (companyId: string) =>
    (await db.prisma.outboxEmail.findMany({ where: { companyId }, select: { to: true, subject: true } })).map((e) => e.to).sort();

  it("adds an address once, refuses an admin's, a duplicate and the eleventh, removes it, and audits each change", async () => {
    const a = await company();
    const change = { companyId: a.companyId, userId: a.tech.id, now: NOW };
    await expect(addNotificationRecipient(db, { ...change, email: "finance@example.com" })).resolves.toEqual({ email: "finance@example.com" });
    await expect(addNotificationRecipient(db, { ...change, email: "finance@example.com" })).rejects.toMatchObject({
      code: "invalid_request",
      field: "email",
      message: "finance@example.com already gets the notification emails.",
    });
    await expect(addNotificationRecipient(db, { ...change, email: a.business.email })).rejects.toMatchObject({
      code: "invalid_request",
      field: "email",
      message: expect.stringContaining("is an admin of your company"),
    });
    // A member's address is fine: members get no notifications of their own.
    await addNotificationRecipient(db, { ...change, email: a.member.email });
    for (let i = 2; i < NOTIFICATION_RECIPIENTS_MAX; i++) await addNotificationRecipient(db, { ...change, email: `list${i}@example.com` });
    await expect(addNotificationRecipient(db, { ...change, email: "one-too-many@example.com" })).rejects.toMatchObject({
      code: "invalid_request",
      field: "email",
      message: expect.stringContaining(`already has ${NOTIFICATION_RECIPIENTS_MAX} extra recipients`),
    });

    const audience = await listNotificationAudience(db.prisma, { companyId: a.companyId });
    expect(audience.admins.map((u) => u.name)).toEqual(["Bo Business", "Tia Tech"]);
    expect(audience.extra).toHaveLength(NOTIFICATION_RECIPIENTS_MAX);
    expect(audience.extra[0]).toEqual({ email: "finance@example.com", createdAt: NOW });

    // Another company's list is its own: the same address is free there, and not removable from here.
    const b = await company();
    await addNotificationRecipient(db, { companyId: b.companyId, userId: b.tech.id, now: NOW, email: "finance@example.com" });
    await removeNotificationRecipient(db, { ...change, email: "finance@example.com" });
    await expect(removeNotificationRecipient(db, { ...change, email: "finance@example.com" })).rejects.toMatchObject({ code: "not_found", field: "email" });
    expect((await listNotificationAudience(db.prisma, { companyId: b.companyId })).extra.map((r) => r.email)).toEqual(["finance@example.com"]);

    const entries = await db.prisma.auditEntry.findMany({ where: { companyId: a.companyId, action: { startsWith: "notifications." } } });
    expect(entries.filter((e) => e.action === "notifications.add_recipient")).toHaveLength(NOTIFICATION_RECIPIENTS_MAX);
    expect(entries.filter((e) => e.action === "notifications.remove_recipient")).toEqual([
      expect.objectContaining({ actorUserId: a.tech.id, targetType: "notification_recipient", targetId: "finance@example.com" }),
    ]);
  });

  it("emails extra recipients with the admins when usage passes a threshold, and an address that became an admin's once", async () => {
    const a = await company();
    const change = { companyId: a.companyId, userId: a.tech.id, now: NOW };
    await addNotificationRecipient(db, { ...change, email: "finance@example.com" });
    await addNotificationRecipient(db, { ...change, email: a.member.email });
    // The member is made an admin after being added: they are told once, as an admin.
    await db.prisma.user.update({ where: { id: a.member.id }, data: { role: "business_admin" } });

    // 100 credits in all: 65 crosses 60%.
    const result = await charge(db.sql, a.companyId, { amountMilli: 65_000n, action: "Ask Anything API", usage: TEST_USAGE }, NOW);
    expect(result.outcome).toBe("charged");
    expect(await outboxTo(a.companyId)).toEqual([a.business.email, "finance@example.com", a.member.email, a.tech.email].sort());
    const inApp = await db.prisma.notification.findMany({ where: { companyId: a.companyId }, select: { userId: true } });
    expect(inApp.map((n) => n.userId).sort()).toEqual([a.business.id, a.member.id, a.tech.id].sort());
  });

  it("sends a test email to the admins and extra recipients, at most once a minute", async () => {
    const a = await company();
    const change = { companyId: a.companyId, userId: a.tech.id, now: NOW, companyName: "Acme" };
    await addNotificationRecipient(db, { ...change, email: "finance@example.com" });
    await expect(sendTestNotification(db, change)).resolves.toEqual({ recipients: 3 });
    const emails = await db.prisma.outboxEmail.findMany({ where: { companyId: a.companyId }, orderBy: { to: "asc" } });
    expect(emails.map((e) => [e.to, e.subject, e.status])).toEqual(
      [a.business.email, "finance@example.com", a.tech.email].sort().map((to) => [to, "Test: credit notifications for Acme", "pending"]),
    );
    const soon = new Date(NOW.getTime() + TEST_EMAIL_INTERVAL_MS - 1_000);
    await expect(sendTestNotification(db, { ...change, now: soon })).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringContaining("send another in 1 s"),
    });
    expect(await db.prisma.outboxEmail.count({ where: { companyId: a.companyId } })).toBe(3);
    await expect(sendTestNotification(db, { ...change, now: new Date(NOW.getTime() + TEST_EMAIL_INTERVAL_MS) })).resolves.toEqual({ recipients: 3 });
    expect(await db.prisma.auditEntry.count({ where: { companyId: a.companyId, action: "notifications.test" } })).toBe(2);
  });

  it("summarizes the contract: term, seats, the year now and its default grant", async () => {
    const termStartsAt = new Date("2025-01-15T05:00:00.000Z"); // midnight in New York
    const { companyId } = await makeCompany(db.sql, NOW, { termStartsAt, termYears: 3, coreSeats: 12, perSeatCredits: 25 });
    const summary = await getContractSummary(db.prisma, { companyId, now: NOW });
    expect(summary).toMatchObject({
      timeZone: "America/New_York",
      seats: [{ seatType: "core", count: 12 }],
      coreSeats: 12,
      creditsPerCoreSeatMilli: 25_000n,
      defaultCreditsPerYearMilli: 300_000n,
      yearCount: 3,
      currentYear: { index: 1, start: new Date("2026-01-15T05:00:00.000Z"), end: new Date("2027-01-15T05:00:00.000Z") },
      defaultGrant: { amountMilli: 300_000n, remainingMilli: 300_000n, expiresAt: new Date("2027-01-15T05:00:00.000Z") },
    });
    const after = await getContractSummary(db.prisma, { companyId, now: new Date("2028-02-01T00:00:00.000Z") });
    expect(after).toMatchObject({ currentYear: null, defaultGrant: null });
  });
});
