// Delivering the outbox on both databases, against a real SMTP server this test runs on
// 127.0.0.1: threshold emails reach each admin, are kept without SMTP, are retried with a
// growing delay when the server refuses or is down (never storing the password), are given up
// after MAX_ATTEMPTS, and are sent once even by two deliverers at the same time.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import { ManualClock } from "../../test/support/manual-clock";
import { SMTP_PASSWORD as PASSWORD, TestSmtp } from "../../test/support/smtp";
import { charge } from "../billing";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { listOutboxEmails } from "./inbox";
import {
  createSmtpTransport,
  deliverOutbox,
  MAX_ATTEMPTS,
  type MailTransport,
  retryDelayMs,
  SENDING_STALE_MS,
  smtpSettings,
  startOutboxDelivery,
} from "./mailer";

const NOW = new Date("2026-05-01T12:00:00Z");
const FROM = "Credits test <credits@test.local>";
const MINUTE = 60_000;

describe.each(PROVIDERS)("deliverOutbox on %s", (provider) => {
  let db: Database;
  let smtp: TestSmtp;
  const open: Database[] = [];

  beforeEach(async () => {
    db = openDatabase(databaseConfig(await freshDatabaseUrl(provider)));
    open.push(db);
    smtp = new TestSmtp();
    await smtp.start();
  });
  afterEach(async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    await smtp.stop();
    for (const d of open.splice(0)) await d.close();
  });

  /** A company of 100 credits with `admins` admins and a member; answers the admins' emails. */
  async function companyWithAdmins(admins: number) {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 100 });
    const emails: string[] = [];
    for (let i = 0; i < admins; i++) {
      const email = `admin${i}-${randomBytes(3).toString("hex")}@t.test`;
      await db.prisma.user.create({ data: { id: `a${i}-${companyId}`, email, name: `Admin ${i}`, role: i % 2 ? "business_admin" : "tech_admin", companyId } });
      emails.push(email);
    }
    await db.prisma.user.create({ data: { id: `m-${companyId}`, email: `m-${companyId}@t.test`, name: "Member", role: "member", companyId } });
    const spend = (credits: number) => charge(db.sql, companyId, { amountMilli: BigInt(credits * 1000), action: "Test", usage: TEST_USAGE }, NOW);
    return { companyId, emails: emails.sort(), spend };
  }

  const outbox = (companyId: string) => db.prisma.outboxEmail.findMany({ where: { companyId }, orderBy: { to: "asc" } });
  const transport = (password?: string): MailTransport => createSmtpTransport({ url: smtp.url(password), from: FROM });

  it("crossing 60% queues one email per admin, and SMTP_URL sends each to its admin with the subject and text", async () => {
    const { companyId, emails, spend } = await companyWithAdmins(2);
    await spend(60);
    const queued = await outbox(companyId);
    expect(queued.map((o) => [o.to, o.status, o.attempts])).toEqual(emails.map((e) => [e, "pending", 0]));
    const notification = await db.prisma.notification.findFirstOrThrow({ where: { companyId } });

    process.env.SMTP_URL = smtp.url();
    process.env.MAIL_FROM = FROM;
    expect(await deliverOutbox(db, { now: NOW })).toEqual({ sent: 2, retrying: 0, failed: 0, kept: 0, skipped: 0 });

    expect(smtp.received.map((m) => m.rcpt).sort()).toEqual(emails.map((e) => [e]));
    for (const m of smtp.received) {
      expect(m.from).toBe("credits@test.local");
      expect(m.subject).toBe(notification.title);
      expect(m.subject).toContain("has used 60% of its credits");
      expect(m.text).toBe(notification.body);
    }
    const sent = await outbox(companyId);
    expect(sent.map((o) => [o.status, o.attempts, o.sentAt?.toISOString(), o.lastError])).toEqual(emails.map(() => ["sent", 1, NOW.toISOString(), ""]));
    expect(await deliverOutbox(db, { now: new Date(NOW.getTime() + MINUTE) })).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it("without SMTP keeps the emails in the outbox, unsent and readable", async () => {
    const { companyId, spend } = await companyWithAdmins(2);
    await spend(60);
    expect(await deliverOutbox(db, { now: NOW })).toEqual({ sent: 0, retrying: 0, failed: 0, kept: 2, skipped: 0 });
    const kept = await outbox(companyId);
    expect(kept.map((o) => [o.status, o.attempts, o.sentAt])).toEqual([
      ["kept", 0, null],
      ["kept", 0, null],
    ]);
    expect(kept.every((o) => o.subject.includes("60%") && o.text.includes("60%"))).toBe(true);
    // A kept email stays kept: configuring SMTP later does not send old notices.
    expect(await deliverOutbox(db, { now: NOW, transport: transport() })).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("records a refusal and a dead server as failed attempts, waits longer each time, and sends once the server recovers", async () => {
    const { companyId, emails, spend } = await companyWithAdmins(1);
    const [to] = emails;
    await spend(60);
    smtp.refuse.add(to!);
    const at = (ms: number) => new Date(NOW.getTime() + ms);

    expect(await deliverOutbox(db, { now: NOW, transport: transport() })).toMatchObject({ sent: 0, retrying: 1 });
    let [row] = await outbox(companyId);
    // Tried, not sent: the attempt has its time, the sending none.
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastAttemptAt: NOW, sentAt: null });
    expect(row!.lastError).toContain("550");
    // The outbox page says when it is tried next.
    const listed = await listOutboxEmails(db.prisma, { companyId, page: 1 });
    expect(listed.items.map((i) => [i.lastAttemptAt, i.nextAttemptAt])).toEqual([[NOW, at(retryDelayMs(1))]]);
    expect(row!.lastError).toContain(`Mailbox ${to} unavailable`);

    // Not again before the delay has passed.
    expect(await deliverOutbox(db, { now: at(retryDelayMs(1) - 1), transport: transport() })).toMatchObject({ sent: 0, retrying: 0 });
    expect((await outbox(companyId))[0]!.attempts).toBe(1);

    // The server goes away: a connection failure is an attempt like any other.
    const port = smtp.port;
    await smtp.stop();
    const second = at(retryDelayMs(1));
    expect(await deliverOutbox(db, { now: second, transport: transport() })).toMatchObject({ retrying: 1 });
    [row] = await outbox(companyId);
    expect(row).toMatchObject({ status: "pending", attempts: 2, lastAttemptAt: second, sentAt: null });
    expect(row!.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));
    expect(await deliverOutbox(db, { now: new Date(second.getTime() + retryDelayMs(1)), transport: transport() })).toMatchObject({ retrying: 0 });

    // It comes back and accepts the address.
    smtp.refuse.clear();
    await smtp.start(port);
    const third = new Date(second.getTime() + retryDelayMs(2));
    expect(await deliverOutbox(db, { now: third, transport: transport() })).toMatchObject({ sent: 1 });
    [row] = await outbox(companyId);
    expect(row).toMatchObject({ status: "sent", attempts: 3, lastError: "", sentAt: third, lastAttemptAt: third });
    expect((await listOutboxEmails(db.prisma, { companyId, page: 1 })).items[0]!.nextAttemptAt).toBeNull();
    expect(smtp.received.map((m) => m.rcpt)).toEqual([[to]]);
  });

  it("never stores the SMTP password, even when the login fails", async () => {
    const { companyId, spend } = await companyWithAdmins(1);
    await spend(60);
    const wrong = "Wr0ng-Pa55word";
    expect(await deliverOutbox(db, { now: NOW, transport: transport(wrong) })).toMatchObject({ retrying: 1 });
    const [row] = await outbox(companyId);
    expect(row!.lastError).toContain("EAUTH");
    expect(row!.lastError).not.toContain(wrong);
    expect(row!.lastError).not.toContain(PASSWORD);
    expect(row!.lastError).not.toContain(encodeURIComponent(PASSWORD));
  });

  it(`gives up as failed after ${MAX_ATTEMPTS} attempts`, async () => {
    const { companyId, emails, spend } = await companyWithAdmins(1);
    await spend(60);
    smtp.refuse.add(emails[0]!);
    let now = NOW;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverOutbox(db, { now, transport: transport() });
      expect(report).toMatchObject(attempt < MAX_ATTEMPTS ? { retrying: 1, failed: 0 } : { retrying: 0, failed: 1 });
      now = new Date(now.getTime() + retryDelayMs(attempt));
    }
    const [row] = await outbox(companyId);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(row!.lastError).toContain("550");
    smtp.refuse.clear();
    expect(await deliverOutbox(db, { now: new Date(now.getTime() + 24 * 60 * MINUTE), transport: transport() })).toMatchObject({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("takes over a claim abandoned mid-send once it is stale, counting it as an attempt", async () => {
    const { companyId, spend } = await companyWithAdmins(1);
    await spend(60);
    const [row] = await outbox(companyId);
    const claimedAt = new Date(NOW.getTime() - SENDING_STALE_MS + MINUTE);
    await db.prisma.outboxEmail.update({ where: { id: row!.id }, data: { status: "sending", attempts: 1, lastAttemptAt: claimedAt } });
    expect(await deliverOutbox(db, { now: NOW, transport: transport() })).toMatchObject({ sent: 0 });
    const later = new Date(claimedAt.getTime() + SENDING_STALE_MS);
    expect(await deliverOutbox(db, { now: later, transport: transport() })).toMatchObject({ sent: 1 });
    expect(await outbox(companyId)).toMatchObject([{ status: "sent", attempts: 2 }]);
    expect(smtp.received).toHaveLength(1);
  });

  it("sends each email once when two deliverers on separate connections run at the same time", async () => {
    await smtp.stop();
    await smtp.start(0, 5); // a little time per message, so the two runs overlap
    const { companyId, emails, spend } = await companyWithAdmins(5);
    await spend(60);
    await spend(20); // 80%: a second email for every admin
    const second = openDatabase(db.config);
    open.push(second);
    const [a, b] = await Promise.all([deliverOutbox(db, { now: NOW, transport: transport() }), deliverOutbox(second, { now: NOW, transport: transport() })]);
    expect(a.sent + b.sent).toBe(10);
    expect(a.skipped + b.skipped).toBeGreaterThan(0); // they did contend
    const deliveries = smtp.received.map((m) => `${m.rcpt.join(",")} ${m.subject}`);
    expect(new Set(deliveries).size).toBe(10);
    expect(deliveries).toHaveLength(10);
    expect(new Set(smtp.received.flatMap((m) => m.rcpt))).toEqual(new Set(emails));
    const rows = await outbox(companyId);
    expect(rows.every((o) => o.status === "sent" && o.attempts === 1)).toBe(true);
  });

  it("startOutboxDelivery runs at once and on a schedule, sends through SMTP_URL, and finishes its run when stopped", async () => {
    const { companyId, spend } = await companyWithAdmins(2);
    await spend(60);
    const lines: string[] = [];
    const log = { log: (m: string) => lines.push(m), error: (m: string) => lines.push(`error: ${m}`) };
    const delivery = startOutboxDelivery(db, { clock: new ManualClock(NOW), env: { SMTP_URL: smtp.url(), MAIL_FROM: FROM }, log, intervalMs: 3_600_000 });
    await delivery.stop();
    expect((await outbox(companyId)).map((o) => o.status)).toEqual(["sent", "sent"]);
    expect(smtp.received).toHaveLength(2);
    expect(lines).toEqual([`email: sending through SMTP at 127.0.0.1:${smtp.port} as ${FROM}`, "email: sent 2, will retry 0, gave up on 0"]);
    expect(lines.join("\n")).not.toContain(PASSWORD);
  });

  it("startOutboxDelivery without SMTP keeps the emails and says so", async () => {
    const { companyId, spend } = await companyWithAdmins(1);
    await spend(60);
    const lines: string[] = [];
    const delivery = startOutboxDelivery(db, {
      clock: new ManualClock(NOW),
      env: {},
      log: { log: (m: string) => lines.push(m), error: (m: string) => lines.push(m) },
    });
    await delivery.stop();
    expect((await outbox(companyId)).map((o) => o.status)).toEqual(["kept"]);
    expect(lines[0]).toContain("SMTP_URL is not set; emails are kept in the outbox");
  });
});

describe("smtpSettings", () => {
  it("reads SMTP_URL and MAIL_FROM, and refuses a bad SMTP_URL without repeating it", () => {
    expect(smtpSettings({})).toBeNull();
    expect(smtpSettings({ SMTP_URL: "  " })).toBeNull();
    expect(smtpSettings({ SMTP_URL: "smtp://u:p@mail.example.com:587" })).toEqual({
      url: "smtp://u:p@mail.example.com:587",
      from: "Credits admin center <credits@localhost>",
    });
    expect(smtpSettings({ SMTP_URL: "smtps://mail.example.com", MAIL_FROM: FROM })).toEqual({ url: "smtps://mail.example.com", from: FROM });
    expect(() => smtpSettings({ SMTP_URL: "https://u:hunter2@mail.example.com" })).toThrow(/must start with smtp:\/\/ or smtps:\/\/, not https:\/\//);
    let message = "";
    try {
      smtpSettings({ SMTP_URL: "smtp://u:hunter2@[mail.example.com" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("SMTP_URL is not a URL");
    expect(message).not.toContain("hunter2");
  });
});
