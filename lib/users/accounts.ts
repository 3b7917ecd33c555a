// Accounts: a Tech admin adds a user to their company (or `npm run company:create` adds the first
// Tech admin), who gets a temporary password shown once, or gives a user a new one; and a user
// changes their own password on their profile. Passwords are stored as scrypt hashes (lib/auth/password.ts), never in clear, and
// no audit entry holds one. Emails are unique across companies, lowercased.
import { randomBytes } from "node:crypto";
import { auditStatement } from "../audit";
import { checkCredentials } from "../auth/credentials";
import { hashPassword } from "../auth/password";
import { throttleKey } from "../auth/throttle";
import { lockCompanySettings } from "../companies/lock";
import type { Database } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { isUniqueViolation, q } from "../sql";
import { col, shape } from "../sql/rows";
import type { AssignableRole } from "./schemas";

export type NewUser = { companyId: string; name: string; email: string; role: AssignableRole };
export type AddedUser = { userId: string; name: string; email: string; role: AssignableRole; temporaryPassword: string };

/** A password for a new account: 24 characters, 144 bits, to be changed on the profile. */
function temporaryPassword(): string {
  return randomBytes(18).toString("base64url");
}

/** An email already in use: named when it is a colleague's, not said whose when it is not (R-AUTH-2). */
const taken = (email: string, colleague: boolean) =>
  new AppError(
    "invalid_request",
    colleague ? `${email} is already a user of your company.` : `${email} cannot be used for a new account: choose another address.`,
    {
      field: "email",
    },
  );

/**
 * Adds a user to the company with a temporary password, answered once. `actor.userId` is who added
 * them (null for a command run on the server).
 */
export async function addCompanyUser(db: Database, actor: { userId: string | null }, user: NewUser, now: Date): Promise<AddedUser> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const userId = createId("user", now);
  try {
    await db.sql.transaction(function* (dialect) {
      yield* lockCompanySettings(dialect, user.companyId);
      const existing = yield* q.row(`SELECT "companyId" FROM "User" WHERE "email" = ?`, [user.email], shape({ companyId: col.textOrNull }));
      if (existing) throw taken(user.email, existing.companyId === user.companyId);
      yield* q.run(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "companyId", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        userId,
        user.email,
        user.name,
        passwordHash,
        user.role,
        user.companyId,
        now,
      ]);
      yield* auditStatement(actor, now, {
        companyId: user.companyId,
        action: "user.create",
        targetType: "user",
        targetId: userId,
        after: { name: user.name, email: user.email, role: user.role },
      });
    });
  } catch (error) {
    // Two adds of one email at once: the second meets the unique index.
    if (isUniqueViolation(error)) throw taken(user.email, false);
    throw error;
  }
  return { userId, name: user.name, email: user.email, role: user.role, temporaryPassword: password };
}

/**
 * Gives a company user a new temporary password, answered once (a lost or forgotten one), and
 * ends their sessions. Refused for one's own account (changed on the profile with the current
 * password) and for an account that signs in through single sign-on only.
 */
export async function resetUserPassword(
  db: Database,
  actor: { userId: string },
  { companyId, userId }: { companyId: string; userId: string },
  now: Date,
): Promise<{ userId: string; name: string; email: string; temporaryPassword: string }> {
  if (userId === actor.userId) throw new AppError("invalid_request", "Change your own password on your profile.");
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const user = await db.sql.transaction(function* (dialect) {
    yield* lockCompanySettings(dialect, companyId);
    const found = yield* q.row(
      `SELECT "name", "email", "passwordHash" FROM "User" WHERE "id" = ? AND "companyId" = ?`,
      [userId, companyId],
      shape({ name: col.text, email: col.text, passwordHash: col.textOrNull }),
    );
    if (!found) throw new AppError("not_found", "Your company has no user with that id.");
    // A single sign-on account stays behind the company's identity provider.
    if (found.passwordHash === null) throw new AppError("invalid_request", `${found.name} signs in through single sign-on and has no password here.`);
    // Their sessions end, and the sign-in throttle forgets them, so the new password works now.
    yield* q.run(`UPDATE "User" SET "passwordHash" = ?, "sessionsValidAfter" = ? WHERE "id" = ?`, [passwordHash, now, userId]);
    yield* q.run(`DELETE FROM "SignInThrottle" WHERE "email" = ?`, [throttleKey(found.email)]);
    yield* auditStatement(actor, now, { companyId, action: "user.reset_password", targetType: "user", targetId: userId });
    return { name: found.name, email: found.email };
  });
  return { userId, ...user, temporaryPassword: password };
}

/**
 * Changes the user's own password, after checking the current one, and ends every session of the
 * account (this one too). Wrong current passwords count toward the sign-in throttle of the
 * account, so a borrowed session cannot guess it faster than the sign-in page allows.
 */
export async function changeOwnPassword(
  db: Database,
  { companyId, userId, current, next, now }: { companyId: string | null; userId: string; current: string; next: string; now: Date },
): Promise<void> {
  const user = await db.prisma.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user?.passwordHash) throw new AppError("invalid_request", "Your account signs in through single sign-on and has no password here.");
  const checked = await checkCredentials(db, { email: user.email, password: current, now });
  if (checked.outcome === "locked")
    throw new AppError("rate_limited", `Too many wrong passwords for this account: try again after ${checked.lockedUntil.toISOString().slice(11, 16)} UTC.`, {
      field: "current",
    });
  if (checked.outcome === "wrong") throw new AppError("invalid_request", "That is not your current password.", { field: "current" });
  if (current === next) throw new AppError("invalid_request", "Choose a new password that differs from the current one.", { field: "next" });
  const passwordHash = await hashPassword(next);
  await db.sql.transaction(function* () {
    // Every session of the account ends, this one too: it signs in again with the new password.
    yield* q.run(`UPDATE "User" SET "passwordHash" = ?, "sessionsValidAfter" = ? WHERE "id" = ?`, [passwordHash, now, userId]);
    yield* auditStatement({ userId }, now, { companyId, action: "user.change_password", targetType: "user", targetId: userId });
  });
}
