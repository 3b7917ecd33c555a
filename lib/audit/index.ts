// The audit log (R-PLUS-2): who did what, when, with the state before and after. Written in the
// same transaction as the change it records.
import type { Actor } from "../auth/authorize";
import { createId } from "../ids";
import { type Query, q } from "../sql";

export type AuditInput = {
  companyId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
};

const json = (value: unknown) => (value === undefined ? "" : JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));

/** The row for Prisma writes (`prisma.auditEntry.create({ data })`). */
/** `actor.userId` is null for what no user did (a command run on the server). */
export function auditData(actor: { userId: Actor["userId"] | null }, at: Date, entry: AuditInput) {
  return {
    id: createId("audit", at),
    companyId: entry.companyId,
    actorUserId: actor.userId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: json(entry.before),
    after: json(entry.after),
    at,
  };
}

/** The same, as a statement inside a ledger transaction. */
export function* auditStatement(actor: { userId: Actor["userId"] | null }, at: Date, entry: AuditInput): Query<void> {
  const d = auditData(actor, at, entry);
  yield* q.run(
    `INSERT INTO "AuditEntry" ("id", "companyId", "actorUserId", "action", "targetType", "targetId", "before", "after", "at") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [d.id, d.companyId, d.actorUserId, d.action, d.targetType, d.targetId, d.before, d.after, d.at],
  );
}
