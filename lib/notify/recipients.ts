// Who hears about the company's credits (R-NOTIFY-1, the Tech admin's notification settings):
// every active Tech and Business admin, in the app and by email, always; and up to
// NOTIFICATION_RECIPIENTS_MAX more addresses that get the same emails (a finance list, say),
// which only a Tech admin adds and removes. Each change runs in one transaction with its audit
// entry, one settings change per company at a time (lockCompanySettings). A test email goes to
// everyone who would get a notification, at most once a minute per company.
import { auditStatement } from "../audit";
import { lockCompanySettings } from "../companies/lock";
import type { Database, Db, Tx } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { type Query, q } from "../sql";
import { col, shape } from "../sql/rows";
import { NOTIFICATION_RECIPIENTS_MAX } from "./recipient-schemas";

export type NotificationAdmin = { id: string; name: string; email: string; role: string };
export type NotificationAudience = { admins: NotificationAdmin[]; extra: Array<{ email: string; createdAt: Date }> };

/** How long after a test email the next may be sent. */
export const TEST_EMAIL_INTERVAL_MS = 60_000;

type Change = { companyId: string; userId: string; now: Date };

/** The company's active admins by name, and its extra recipients by address. */
export async function listNotificationAudience(db: Db | Tx, { companyId }: { companyId: string }): Promise<NotificationAudience> {
  const [admins, extra] = await Promise.all([
    db.user.findMany({
      where: { companyId, disabledAt: null, role: { in: ["tech_admin", "business_admin"] } },
      orderBy: [{ name: "asc" }, { email: "asc" }],
      select: { id: true, name: true, email: true, role: true },
    }),
    db.notificationRecipient.findMany({ where: { companyId }, orderBy: { email: "asc" }, select: { email: true, createdAt: true } }),
  ]);
  return { admins, extra };
}

const AdminRow = shape({ id: col.text, email: col.text });
const EmailRow = shape({ email: col.text });

/** The active admins, who get every notification in the app and by email. */
export function* notifiedAdmins(companyId: string): Query<Array<{ id: string; email: string }>> {
  return yield* q.rows(
    `SELECT "id", "email" FROM "User" WHERE "companyId" = ? AND "role" IN ('tech_admin', 'business_admin') AND "disabledAt" IS NULL ORDER BY "email"`,
    [companyId],
    AdminRow,
  );
}

/** The extra recipients that are not also admins now (a user may have been made one since). */
export function* extraRecipients(companyId: string, adminEmails: readonly string[]): Query<string[]> {
  const rows = yield* q.rows(`SELECT "email" FROM "NotificationRecipient" WHERE "companyId" = ? ORDER BY "email"`, [companyId], EmailRow);
  const admins = new Set(adminEmails.map((e) => e.toLowerCase()));
  return rows.map((r) => r.email).filter((e) => !admins.has(e));
}

export async function addNotificationRecipient(db: Database, { companyId, userId, email, now }: Change & { email: string }): Promise<{ email: string }> {
  return db.sql.transaction(function* (dialect) {
    yield* lockCompanySettings(dialect, companyId);
    const admins = yield* notifiedAdmins(companyId);
    if (admins.some((a) => a.email.toLowerCase() === email))
      throw new AppError("invalid_request", `${email} is an admin of your company, so it already gets every notification.`, { field: "email" });
    const current = yield* q.rows(`SELECT "email" FROM "NotificationRecipient" WHERE "companyId" = ?`, [companyId], EmailRow);
    if (current.some((r) => r.email === email)) throw new AppError("invalid_request", `${email} already gets the notification emails.`, { field: "email" });
    if (current.length >= NOTIFICATION_RECIPIENTS_MAX)
      throw new AppError(
        "invalid_request",
        `Your company already has ${NOTIFICATION_RECIPIENTS_MAX} extra recipients, the most it may have: remove one first, or use a mailing list's address.`,
        { field: "email" },
      );
    yield* q.run(`INSERT INTO "NotificationRecipient" ("companyId", "email", "createdAt") VALUES (?, ?, ?)`, [companyId, email, now]);
    yield* auditStatement({ userId }, now, {
      companyId,
      action: "notifications.add_recipient",
      targetType: "notification_recipient",
      targetId: email,
      after: { email },
    });
    return { email };
  });
}

export async function removeNotificationRecipient(db: Database, { companyId, userId, email, now }: Change & { email: string }): Promise<{ email: string }> {
  return db.sql.transaction(function* (dialect) {
    yield* lockCompanySettings(dialect, companyId);
    const removed = yield* q.run(`DELETE FROM "NotificationRecipient" WHERE "companyId" = ? AND "email" = ?`, [companyId, email]);
    if (removed === 0) throw new AppError("not_found", `${email} is not one of your company's extra recipients.`, { field: "email" });
    yield* auditStatement({ userId }, now, {
      companyId,
      action: "notifications.remove_recipient",
      targetType: "notification_recipient",
      targetId: email,
      before: { email },
    });
    return { email };
  });
}

const AuditAtRow = shape({ at: col.date });

/**
 * Writes a test email to the outbox for each admin and extra recipient, so a Tech admin can see
 * that notifications reach them (sent through SMTP when it is configured, kept in the outbox
 * otherwise). Refused within TEST_EMAIL_INTERVAL_MS of the company's previous one.
 */
export async function sendTestNotification(
  db: Database,
  { companyId, userId, companyName, now }: Change & { companyName: string },
): Promise<{ recipients: number }> {
  return db.sql.transaction(function* (dialect) {
    yield* lockCompanySettings(dialect, companyId);
    const last = yield* q.row(
      `SELECT "at" FROM "AuditEntry" WHERE "companyId" = ? AND "action" = 'notifications.test' ORDER BY "at" DESC LIMIT 1`,
      [companyId],
      AuditAtRow,
    );
    if (last && now.getTime() - last.at.getTime() < TEST_EMAIL_INTERVAL_MS) {
      const seconds = Math.ceil((last.at.getTime() + TEST_EMAIL_INTERVAL_MS - now.getTime()) / 1000);
      throw new AppError("rate_limited", `A test email went out less than a minute ago: send another in ${seconds} s, once you have checked that one.`);
    }
    const admins = yield* notifiedAdmins(companyId);
    const recipients = [
      ...admins.map((a) => a.email),
      ...(yield* extraRecipients(
        companyId,
        admins.map((a) => a.email),
      )),
    ];
    const subject = `Test: credit notifications for ${companyName}`;
    const text = `This is a test from ${companyName}'s credits admin center. When usage reaches 60, 80, 90, 95 and 100% of the credits, or 80 and 100% of a budget, an email like this one goes to every address that got this test.`;
    for (const to of recipients) yield* outboxEmail(companyId, to, { title: subject, body: text }, now);
    yield* auditStatement({ userId }, now, {
      companyId,
      action: "notifications.test",
      targetType: "company",
      targetId: companyId,
      after: { recipients: recipients.length },
    });
    return { recipients: recipients.length };
  });
}

/** One email in the outbox, sent after commit (lib/notify/mailer.ts). */
export function* outboxEmail(companyId: string, to: string, message: { title: string; body: string }, now: Date): Query<void> {
  yield* q.write(
    `INSERT INTO "OutboxEmail" ("id", "companyId", "to", "subject", "text", "status", "attempts", "lastError", "createdAt") VALUES (?, ?, ?, ?, ?, 'pending', 0, '', ?)`,
    [createId("outbox", now), companyId, to, message.title, message.body, now],
  );
}
