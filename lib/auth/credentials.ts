// Email and password sign-in, behind next-auth's credentials provider: the throttle first (a
// locked email is refused before its password is checked), then the password, then the
// throttle's bookkeeping. Unknown emails, wrong passwords and disabled users are one outcome.
import type { Database, Db } from "../db";
import { verifyPassword } from "./password";
import { recordSignInFailure, recordSignInSuccess, signInLockedUntil } from "./throttle";

export type CredentialsResult =
  | { outcome: "signed_in"; user: { id: string; email: string; name: string | null } }
  | { outcome: "wrong" }
  | { outcome: "locked"; lockedUntil: Date };

/** A user by email, with the password hash (omitted everywhere else). Not scoped to a company. */
export function unsafeFindUserByEmail(prisma: Db, email: string) {
  return prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, omit: { passwordHash: false } });
}

export async function checkCredentials(db: Database, { email, password, now }: { email: string; password: string; now: Date }): Promise<CredentialsResult> {
  const lockedUntil = await signInLockedUntil(db.sql, { email, now });
  if (lockedUntil) return { outcome: "locked", lockedUntil };
  const user = await unsafeFindUserByEmail(db.prisma, email);
  // Verify against a hash even for unknown users, so timing does not reveal who exists.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) {
    const after = await recordSignInFailure(db.sql, { email, now });
    // The fifth wrong password already says the account is locked.
    return after.lockedUntil && after.lockedUntil > now ? { outcome: "locked", lockedUntil: after.lockedUntil } : { outcome: "wrong" };
  }
  await recordSignInSuccess(db.sql, { email });
  return { outcome: "signed_in", user: { id: user.id, email: user.email, name: user.name } };
}

// scrypt hash of a random password nobody knows.
const DUMMY_HASH = "scrypt$16384$8$1$6Q2Kp2mXG1qf9E4nq3wz8A$Hn0Yk7y3k6vXo7r3mIBZ0yqG1cJ2v9Jq8xw3bC8m2vA";
