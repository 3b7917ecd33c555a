// Reading a company's audit log (R-PLUS-2), newest first, a page at a time, with the people and
// things each entry names resolved for display. Writing entries is lib/audit's job.
import type { Db, Tx } from "../db";

export const AUDIT_PAGE_SIZE = 50;

export type AuditLogEntry = {
  id: string;
  at: Date;
  action: string;
  targetType: string;
  targetId: string;
  /** A readable name for the target when it is a user or an API key of the company. */
  targetLabel: string | null;
  actor: { name: string; email: string } | null;
  /** JSON text, "" when there was no state before (a creation) or after (a removal). */
  before: string;
  after: string;
};

export type AuditLogPage = { entries: AuditLogEntry[]; page: number; pageCount: number; total: number; pageSize: number };

export async function listAuditEntries(
  db: Db | Tx,
  { companyId, page, pageSize = AUDIT_PAGE_SIZE }: { companyId: string; page: number; pageSize?: number },
): Promise<AuditLogPage> {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a positive integer, got ${page}`);
  const [total, rows] = await Promise.all([
    db.auditEntry.count({ where: { companyId } }),
    // Ids are time-sortable, so they break ties between entries of the same instant.
    db.auditEntry.findMany({ where: { companyId }, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
  ]);

  // Who acted may be outside the company (Sales record purchases for any company), so actors
  // are looked up by the ids this company's own entries name, and nothing else.
  const actorIds = unique(rows.map((r) => r.actorUserId).filter((id): id is string => id !== null));
  const userTargetIds = unique(rows.filter((r) => r.targetType === "user").map((r) => r.targetId));
  const keyTargetIds = unique(rows.filter((r) => r.targetType === "api_key").map((r) => r.targetId));
  const [actors, targetUsers, targetKeys] = await Promise.all([
    actorIds.length ? db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } }) : [],
    userTargetIds.length ? db.user.findMany({ where: { id: { in: userTargetIds }, companyId }, select: { id: true, email: true } }) : [],
    keyTargetIds.length ? db.apiKey.findMany({ where: { id: { in: keyTargetIds }, companyId }, select: { id: true, name: true } }) : [],
  ]);
  const actorById = new Map(actors.map((u) => [u.id, { name: u.name, email: u.email }]));
  const labels = new Map<string, string>([
    ...targetUsers.map((u) => [`user:${u.id}`, u.email] as const),
    ...targetKeys.map((k) => [`api_key:${k.id}`, `“${k.name}”`] as const),
  ]);

  return {
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      targetLabel: labels.get(`${r.targetType}:${r.targetId}`) ?? null,
      actor: r.actorUserId ? (actorById.get(r.actorUserId) ?? null) : null,
      before: r.before,
      after: r.after,
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    total,
    pageSize,
  };
}

/** The page number in `?page=`; anything that is not a positive whole number is page 1. */
export function parseAuditPage(value: string | string[] | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !/^\d{1,9}$/.test(text)) return 1;
  return Math.max(1, Number(text));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
