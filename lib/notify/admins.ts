// Telling a company's admins something, inside the transaction that caused it: an in-app
// notification for each active Tech and Business admin, and the same as an email in the
// outbox, sent after commit (lib/notify/mailer.ts), to each admin and to the company's extra
// recipients (lib/notify/recipients.ts).
import { createId } from "../ids";
import { type Query, q } from "../sql";
import { extraRecipients, notifiedAdmins, outboxEmail } from "./recipients";

export type AdminMessage = { kind: string; title: string; body: string };

/** Each message, in order, to every admin and extra recipient; answers how many admins were told in the app. */
export function* notifyCompanyAdmins(companyId: string, messages: readonly AdminMessage[], now: Date): Query<number> {
  const admins = yield* notifiedAdmins(companyId);
  const extra = yield* extraRecipients(
    companyId,
    admins.map((a) => a.email),
  );
  for (const message of messages) {
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
      yield* outboxEmail(companyId, admin.email, message, now);
    }
    for (const to of extra) yield* outboxEmail(companyId, to, message, now);
  }
  return admins.length;
}
