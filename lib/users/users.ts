// A company's users, their roles, and who may sign in. Every function is scoped to one company: a
// user of another company is `not_found`, whoever asks. A change writes its audit entry in the
// same transaction, and a company always keeps at least one active Tech admin. A disabled user's
// sessions and API keys stop working at once (both re-read the user on every request); enabling
// them again brings back the keys they had not revoked.

import { auditStatement } from "../audit";
import type { Actor } from "../auth/authorize";
import { ROLE_LABELS, type Role } from "../auth/roles";
import { lockCompanySettings } from "../companies/lock";
import type { Database, Db, Tx } from "../db";
import { AppError } from "../errors";
import { type Query, q } from "../sql";
import { col, shape } from "../sql/rows";
import { ASSIGNABLE_ROLES, type AssignableRole } from "./schemas";

export type CompanyUser = { id: string; name: string; email: string; role: string; disabledAt: Date | null };

export async function listCompanyUsers(db: Db | Tx, { companyId }: { companyId: string }): Promise<CompanyUser[]> {
  return db.user.findMany({
    where: { companyId },
    select: { id: true, name: true, email: true, role: true, disabledAt: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}

export type RoleChange = { userId: string; before: string; after: AssignableRole; changed: boolean };

const UserRoleRow = shape({ email: col.text, role: col.text, disabledAt: col.dateOrNull });
const CountRow = shape({ n: col.int });

/**
 * Changes a company user's role, with its audit entry, in one driver-level transaction that first
 * locks the company's settings: two Tech admins demoting each other at once run one after the
 * other, and the second sees the first's change, so the company keeps one Tech admin.
 */
export async function changeRole(
  db: Database,
  actor: Pick<Actor, "userId">,
  input: { companyId: string; userId: string; role: Role },
  now: Date,
): Promise<RoleChange> {
  const { companyId, userId, role } = input;
  if (!isAssignable(role)) {
    throw new AppError("invalid_request", `A company user cannot be made ${ROLE_LABELS[role]}: choose Tech admin, Business admin or Member.`, {
      field: "role",
    });
  }
  return db.sql.transaction(function* (dialect): Query<RoleChange> {
    yield* lockCompanySettings(dialect, companyId);
    const user = yield* findCompanyUser(companyId, userId);
    if (user.role === role) return { userId, before: user.role, after: role, changed: false };
    yield* keepOneTechAdmin(companyId, userId, user, "role");
    yield* q.run(`UPDATE "User" SET "role" = ? WHERE "id" = ?`, [role, userId]);
    yield* auditStatement(actor, now, {
      companyId,
      action: "user.change_role",
      targetType: "user",
      targetId: userId,
      before: { role: user.role },
      after: { role },
    });
    return { userId, before: user.role, after: role, changed: true };
  });
}

export type AccessChange = { userId: string; email: string; disabled: boolean; changed: boolean };

/**
 * Disables a company user (they can no longer sign in, and their API keys stop working) or enables
 * them again. Refused for one's own account, and for the company's last active Tech admin.
 */
export async function setUserDisabled(
  db: Database,
  actor: Pick<Actor, "userId">,
  input: { companyId: string; userId: string; disabled: boolean },
  now: Date,
): Promise<AccessChange> {
  const { companyId, userId, disabled } = input;
  if (userId === actor.userId) throw new AppError("invalid_request", "You cannot disable or enable your own account; ask another Tech admin.");
  return db.sql.transaction(function* (dialect): Query<AccessChange> {
    yield* lockCompanySettings(dialect, companyId);
    const user = yield* findCompanyUser(companyId, userId);
    if ((user.disabledAt !== null) === disabled) return { userId, email: user.email, disabled, changed: false };
    if (disabled) yield* keepOneTechAdmin(companyId, userId, user);
    // Disabling also ends the user's sessions for good: enabling them later does not bring back a
    // session from before.
    if (disabled) yield* q.run(`UPDATE "User" SET "disabledAt" = ?, "sessionsValidAfter" = ? WHERE "id" = ?`, [now, now, userId]);
    else yield* q.run(`UPDATE "User" SET "disabledAt" = NULL WHERE "id" = ?`, [userId]);
    yield* auditStatement(actor, now, {
      companyId,
      action: disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: userId,
      before: { disabledAt: user.disabledAt?.toISOString() ?? null },
      after: { disabledAt: disabled ? now.toISOString() : null },
    });
    return { userId, email: user.email, disabled, changed: true };
  });
}

function* findCompanyUser(companyId: string, userId: string): Query<ReturnType<typeof UserRoleRow>> {
  const user = yield* q.row(`SELECT "email", "role", "disabledAt" FROM "User" WHERE "id" = ? AND "companyId" = ?`, [userId, companyId], UserRoleRow);
  if (!user) throw new AppError("not_found", "Your company has no user with that id.");
  return user;
}

/** Refuses a change that would take the company's last active Tech admin away (`user` is the one changed). */
function* keepOneTechAdmin(companyId: string, userId: string, user: ReturnType<typeof UserRoleRow>, field?: string): Query<void> {
  if (user.role !== "tech_admin" || user.disabledAt) return;
  const others = yield* q.row(
    `SELECT COUNT(*) AS "n" FROM "User" WHERE "companyId" = ? AND "role" = 'tech_admin' AND "disabledAt" IS NULL AND "id" <> ?`,
    [companyId, userId],
    CountRow,
  );
  if (others && others.n > 0) return;
  const why = `${user.email} is the company's only Tech admin. Make someone else a Tech admin first, so the company keeps one.`;
  throw new AppError("invalid_request", why, field ? { field } : {});
}

function isAssignable(role: Role): role is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(role);
}
