// Sign-in throttling for email and password (the spec's "Sign-in" line): 5 wrong passwords for
// one email within 15 minutes lock that email's sign-in for a short delay, and each further
// lockout doubles it: 30 s, 1, 2, 4, 8 minutes, then 15 minutes at most. While locked, every
// attempt is refused, the right password too, without being checked or counted; after the delay
// the right password works again. A successful sign-in forgets the email's failures and lockouts;
// so do 24 quiet hours (no failure), after which the next lockout is 30 s again.
//
// The state is one SignInThrottle row per lower-cased email, in the database, so every instance
// sees the same counts. Unknown emails are throttled exactly like real ones, so the lock message
// reveals nothing about who has an account. A failure is recorded in one transaction that holds
// the row (SQLite's write lock; PostgreSQL's row lock after an insert that ignores an existing
// row), so concurrent failures on any number of instances are each counted once.
import { forUpdate, q, type SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** How long a lockout count is remembered after the last failure. */
export const LOCKOUT_MEMORY_MS = 24 * 60 * 60_000;
const FIRST_LOCK_MS = 30_000;
const LONGEST_LOCK_MS = 15 * 60_000;

export type ThrottleState = { failures: number; windowStartsAt: Date; lockedUntil: Date | null; lockouts: number; updatedAt: Date };

const ThrottleRow = shape({ failures: col.int, windowStartsAt: col.date, lockedUntil: col.dateOrNull, lockouts: col.int, updatedAt: col.date });
const LockedUntilRow = shape({ lockedUntil: col.dateOrNull });

/** The delay of the n-th lockout in a row (1-based): 30 s, doubling, capped at 15 minutes. */
export function lockoutDelayMs(lockout: number): number {
  return Math.min(FIRST_LOCK_MS * 2 ** Math.max(0, lockout - 1), LONGEST_LOCK_MS);
}

/** The key an email is throttled under: trimmed and lower-cased, as users are looked up. */
export function throttleKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The state after one more wrong password at `now` (`current` undefined: none recorded yet). */
export function afterFailure(current: ThrottleState | undefined, now: Date): ThrottleState {
  if (current?.lockedUntil && current.lockedUntil > now) return current;
  const remembered = current && now.getTime() - current.updatedAt.getTime() < LOCKOUT_MEMORY_MS;
  const lockouts = remembered ? current.lockouts : 0;
  const inWindow = remembered && current.failures > 0 && now.getTime() - current.windowStartsAt.getTime() < FAILURE_WINDOW_MS;
  const failures = inWindow ? current.failures + 1 : 1;
  const windowStartsAt = inWindow ? current.windowStartsAt : now;
  if (failures < MAX_FAILURES) return { failures, windowStartsAt, lockedUntil: null, lockouts, updatedAt: now };
  // Locked: the count starts over once the delay has passed.
  return { failures: 0, windowStartsAt: now, lockedUntil: new Date(now.getTime() + lockoutDelayMs(lockouts + 1)), lockouts: lockouts + 1, updatedAt: now };
}

/** Until when sign-in for this email is refused, or undefined when it is not locked at `now`. */
export async function signInLockedUntil(sql: SqlDatabase, { email, now }: { email: string; now: Date }): Promise<Date | undefined> {
  const row = await sql.row(`SELECT "lockedUntil" FROM "SignInThrottle" WHERE "email" = ?`, [throttleKey(email)], LockedUntilRow);
  const lockedUntil = row?.lockedUntil;
  return lockedUntil && lockedUntil > now ? lockedUntil : undefined;
}

/** Records a wrong password; answers the new state (`lockedUntil` set when this one locked it). */
export function recordSignInFailure(sql: SqlDatabase, { email, now }: { email: string; now: Date }): Promise<ThrottleState> {
  const key = throttleKey(email);
  return sql.transaction(function* (dialect) {
    yield* q.run(
      `INSERT INTO "SignInThrottle" ("email", "failures", "windowStartsAt", "lockedUntil", "lockouts", "updatedAt") VALUES (?, 0, ?, NULL, 0, ?) ON CONFLICT ("email") DO NOTHING`,
      [key, now, now],
    );
    const row = yield* q.row(
      `SELECT "failures", "windowStartsAt", "lockedUntil", "lockouts", "updatedAt" FROM "SignInThrottle" WHERE "email" = ?${forUpdate(dialect)}`,
      [key],
      ThrottleRow,
    );
    const current: ThrottleState | undefined = row && row.failures + row.lockouts > 0 ? row : undefined;
    const next = afterFailure(current, now);
    yield* q.run(`UPDATE "SignInThrottle" SET "failures" = ?, "windowStartsAt" = ?, "lockedUntil" = ?, "lockouts" = ?, "updatedAt" = ? WHERE "email" = ?`, [
      next.failures,
      next.windowStartsAt,
      next.lockedUntil,
      next.lockouts,
      next.updatedAt,
      key,
    ]);
    return next;
  });
}

/** A successful sign-in forgets the email's failures and lockouts. */
export async function recordSignInSuccess(sql: SqlDatabase, { email }: { email: string }): Promise<void> {
  await sql.run(`DELETE FROM "SignInThrottle" WHERE "email" = ?`, [throttleKey(email)]);
}

/**
 * Removes rows that no longer remember anything (attempts on unknown emails would pile up): 24
 * hours after the last failure, since no lock outlasts that.
 */
export function purgeSignInThrottles(sql: SqlDatabase, now: Date): Promise<number> {
  return sql.run(`DELETE FROM "SignInThrottle" WHERE "updatedAt" < ?`, [new Date(now.getTime() - LOCKOUT_MEMORY_MS)]);
}
