// A company's users and their roles. Every function is scoped to one company: a user of another
// company is `not_found`, whoever asks. A role change writes its audit entry in the same
// transaction, and a company always keeps at least one active Tech admin.

import { auditData } from "../audit";
import type { Actor } from "../auth/authorize";
import { ROLE_LABELS, type Role } from "../auth/roles";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
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

// Two Tech admins demoting each other at once must not leave the company with none: the check
// and the update run in a serializable transaction, and the loser of a conflict tries again
// (and then sees the other's change). SQLite is serializable anyway.
const MAX_ATTEMPTS = 10;

export async function changeRole(
  prisma: Db,
  actor: Pick<Actor, "userId">,
  input: { companyId: string; userId: string; role: Role },
  now: Date,
): Promise<RoleChange> {
  const role = input.role;
  if (!isAssignable(role)) {
    throw new AppError("invalid_request", `A company user cannot be made ${ROLE_LABELS[role]}: choose Tech admin, Business admin or Member.`, {
      field: "role",
    });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction((tx) => changeRoleIn(tx, actor, { ...input, role }, now), { isolationLevel: "Serializable" });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isWriteConflict(error)) throw error;
      // Jittered backoff, so two retrying transactions do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

async function changeRoleIn(
  tx: Tx,
  actor: Pick<Actor, "userId">,
  input: { companyId: string; userId: string; role: AssignableRole },
  now: Date,
): Promise<RoleChange> {
  const { companyId, userId, role } = input;
  const user = await tx.user.findFirst({ where: { id: userId, companyId }, select: { id: true, email: true, role: true, disabledAt: true } });
  if (!user) throw new AppError("not_found", "Your company has no user with that id.");
  if (user.role === role) return { userId, before: user.role, after: role, changed: false };
  if (user.role === "tech_admin" && !user.disabledAt) {
    const otherTechAdmins = await tx.user.count({ where: { companyId, role: "tech_admin", disabledAt: null, id: { not: userId } } });
    if (otherTechAdmins === 0) {
      throw new AppError("invalid_request", `${user.email} is the company's only Tech admin. Make someone else a Tech admin first, so the company keeps one.`, {
        field: "role",
      });
    }
  }
  await tx.user.update({ where: { id: userId }, data: { role } });
  await tx.auditEntry.create({
    data: auditData(actor, now, { companyId, action: "user.change_role", targetType: "user", targetId: userId, before: { role: user.role }, after: { role } }),
  });
  return { userId, before: user.role, after: role, changed: true };
}

function isAssignable(role: Role): role is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(role);
}

/**
 * PostgreSQL's serialization failure (40001), as Prisma reports it: P2034 from a statement, or a
 * driver adapter error of kind TransactionWriteConflict when it surfaces at commit.
 */
function isWriteConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; cause?: { kind?: unknown; originalCode?: unknown }; message?: unknown };
  return (
    e.code === "P2034" ||
    e.cause?.kind === "TransactionWriteConflict" ||
    e.cause?.originalCode === "40001" ||
    (typeof e.message === "string" && e.message.includes("TransactionWriteConflict"))
  );
}
