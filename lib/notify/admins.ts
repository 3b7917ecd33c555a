// Telling a company's admins something, inside the transaction that caused it: an in-app
// notification for each active Tech and Business admin, and the same as an email in the
// outbox, sent after commit (lib/notify/mailer.ts).
import { createId } from "../ids";
import { type Query, q } from "../sql";
import { col, shape } from "../sql/rows";

const AdminRow = shape({ id: col.text, email: col.text });

export function* notifyCompanyAdmins(companyId: string, message: { kind: string; title: string; body: string }, now: Date): Query<number> {
  const admins = yield* q.rows(
    `SELECT "id", "email" FROM "User" WHERE "companyId" = ? AND "role" IN ('tech_admin', 'business_admin') AND "disabledAt" IS NULL ORDER BY "email"`,
    [companyId],
    AdminRow,
  );
  for (const admin of admins) {
    yield* q.write(`INSERT INTO "Notification" ("id", "companyId", "userId", "kind", "title", "body", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      createId("notification", now),
      companyId,
      admin.id,
      message.kind,
      message.title,
      message.body,
      now,
    ]);
    yield* q.write(
      `INSERT INTO "OutboxEmail" ("id", "companyId", "to", "subject", "text", "status", "attempts", "lastError", "createdAt") VALUES (?, ?, ?, ?, ?, 'pending', 0, '', ?)`,
      [createId("outbox", now), companyId, admin.email, message.title, message.body, now],
    );
  }
  return admins.length;
}
