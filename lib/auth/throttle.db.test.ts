// Sign-in throttling against real databases, with the clock set by each test: 5 wrong passwords
// within 15 minutes lock the email for a growing delay, across instances.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { createId } from "../ids";
import { col, shape } from "../sql/rows";
import { checkCredentials } from "./credentials";
import { hashPassword } from "./password";
import { purgeSignInThrottles, recordSignInFailure, recordSignInSuccess, signInLockedUntil } from "./throttle";

const T0 = new Date("2026-05-04T09:00:00.000Z");
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const at = (ms: number) => new Date(T0.getTime() + ms);
const PASSWORD = "right horse battery staple";

describe.each(PROVIDERS)("sign-in throttle on %s", (provider) => {
  // Two handles on one database: two app instances sharing it.
  let db: Database;
  let other: Database;
  let passwordHash: string;
  let companyId: string;
  beforeAll(async () => {
    const url = await freshDatabaseUrl(provider);
    db = openDatabase(databaseConfig(url));
    other = openDatabase(databaseConfig(url));
    passwordHash = await hashPassword(PASSWORD);
    ({ companyId } = await makeCompany(db.sql, T0));
  });
  afterAll(async () => {
    await db?.close();
    await other?.close();
  });

  const freshEmail = () => `throttle-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@example.test`;
  async function makeUser(): Promise<string> {
    const email = freshEmail();
    await db.prisma.user.create({ data: { id: createId("user", T0), email, name: "Throttled", role: "member", companyId, passwordHash } });
    return email;
  }
  const attempt = (email: string, password: string, now: Date) => checkCredentials(db, { email, password, now });
  async function row(email: string) {
    return db.sql.row(`SELECT "failures", "lockouts" FROM "SignInThrottle" WHERE "email" = ?`, [email], shape({ failures: col.int, lockouts: col.int }));
  }

  it("locks after 5 wrong passwords, refuses the right one while locked, and lets it in after the delay", async () => {
    const email = await makeUser();
    for (let i = 0; i < 4; i++) expect(await attempt(email, "wrong", at(i * MINUTE))).toEqual({ outcome: "wrong" });
    const fifth = await attempt(email, "wrong", at(4 * MINUTE));
    const lockedUntil = at(4 * MINUTE + 30 * SECOND);
    expect(fifth).toEqual({ outcome: "locked", lockedUntil });
    expect(await attempt(email, PASSWORD, at(4 * MINUTE + 10 * SECOND))).toEqual({ outcome: "locked", lockedUntil });
    // The address is looked up as users are: case and spaces do not escape the lock.
    expect(await attempt(` ${email.toUpperCase()} `, PASSWORD, new Date(lockedUntil.getTime() - 1))).toEqual({ outcome: "locked", lockedUntil });
    expect(await attempt(email, PASSWORD, lockedUntil)).toMatchObject({ outcome: "signed_in", user: { email } });
    // A success forgets the failures: four more wrong and the right one still signs in.
    expect(await row(email)).toBeUndefined();
    for (let i = 0; i < 4; i++) expect((await attempt(email, "wrong", at(5 * MINUTE + i * SECOND))).outcome).toBe("wrong");
    expect((await attempt(email, PASSWORD, at(6 * MINUTE))).outcome).toBe("signed_in");
  });

  it("grows the delay with each lockout (30 s, 1, 2, 4, 8, then 15 minutes at most) until a sign-in succeeds", async () => {
    const email = freshEmail();
    let now = T0.getTime();
    const delays: number[] = [];
    for (let lockout = 0; lockout < 7; lockout++) {
      let state = await recordSignInFailure(db.sql, { email, now: new Date(now) });
      for (let i = 1; i < 5; i++) state = await recordSignInFailure(db.sql, { email, now: new Date(now + i * SECOND) });
      const lockedAt = now + 4 * SECOND;
      expect(state.lockedUntil).not.toBeNull();
      delays.push(state.lockedUntil!.getTime() - lockedAt);
      expect(await signInLockedUntil(db.sql, { email, now: new Date(state.lockedUntil!.getTime() - 1) })).toEqual(state.lockedUntil);
      expect(await signInLockedUntil(db.sql, { email, now: state.lockedUntil! })).toBeUndefined();
      now = state.lockedUntil!.getTime();
    }
    expect(delays).toEqual([30 * SECOND, MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 15 * MINUTE, 15 * MINUTE]);
    await recordSignInSuccess(db.sql, { email });
    let state = await recordSignInFailure(db.sql, { email, now: new Date(now) });
    for (let i = 1; i < 5; i++) state = await recordSignInFailure(db.sql, { email, now: new Date(now + i * SECOND) });
    expect(state.lockedUntil!.getTime() - (now + 4 * SECOND)).toBe(30 * SECOND);
  });

  it("forgets lockouts after 24 quiet hours", async () => {
    const email = freshEmail();
    const lockAt = async (start: number) => {
      let state = await recordSignInFailure(db.sql, { email, now: new Date(start) });
      for (let i = 1; i < 5; i++) state = await recordSignInFailure(db.sql, { email, now: new Date(start + i) });
      return state.lockedUntil!.getTime() - (start + 4);
    };
    expect(await lockAt(T0.getTime())).toBe(30 * SECOND);
    expect(await lockAt(T0.getTime() + MINUTE)).toBe(MINUTE);
    expect(await lockAt(T0.getTime() + 25 * 60 * MINUTE)).toBe(30 * SECOND);
  });

  it("counts failures within 15 minutes only: 4, then one 16 minutes later, does not lock", async () => {
    const email = await makeUser();
    for (let i = 0; i < 4; i++) expect((await attempt(email, "wrong", at(i * SECOND))).outcome).toBe("wrong");
    expect((await attempt(email, "wrong", at(16 * MINUTE))).outcome).toBe("wrong");
    expect(await signInLockedUntil(db.sql, { email, now: at(16 * MINUTE) })).toBeUndefined();
    expect((await attempt(email, PASSWORD, at(16 * MINUTE + SECOND))).outcome).toBe("signed_in");
    // The window starts at its first failure: 5 within 15 minutes of it lock.
    for (let i = 0; i < 4; i++) expect((await attempt(email, "wrong", at(20 * MINUTE + i * 3 * MINUTE))).outcome).toBe("wrong");
    expect((await attempt(email, "wrong", at(20 * MINUTE + 15 * MINUTE - 1))).outcome).toBe("locked");
  });

  it("throttles an email nobody has, the same way", async () => {
    const email = freshEmail();
    for (let i = 0; i < 4; i++) expect(await attempt(email, PASSWORD, at(i * SECOND))).toEqual({ outcome: "wrong" });
    expect(await attempt(email, PASSWORD, at(4 * SECOND))).toEqual({ outcome: "locked", lockedUntil: at(34 * SECOND) });
  });

  it("counts concurrent failures from two instances exactly", async () => {
    const emails = Array.from({ length: 8 }, freshEmail);
    // Four failures per email at once, half through each instance: none may be lost.
    await Promise.all(emails.flatMap((email) => [0, 1, 2, 3].map((i) => recordSignInFailure(i % 2 ? other.sql : db.sql, { email, now: at(i) }))));
    for (const email of emails) {
      expect((await row(email))!.failures).toBe(4);
      expect(await signInLockedUntil(db.sql, { email, now: at(MINUTE) })).toBeUndefined();
    }
    // Six more at once for the first: the fifth failure locks it once, and for 30 s.
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => recordSignInFailure(i % 2 ? other.sql : db.sql, { email: emails[0]!, now: at(MINUTE) })));
    expect(results.filter((r) => r.lockedUntil).length).toBeGreaterThan(0);
    expect((await row(emails[0]!))!.lockouts).toBe(1);
    expect(await signInLockedUntil(other.sql, { email: emails[0]!, now: at(MINUTE) })).toEqual(at(MINUTE + 30 * SECOND));
  });

  it("purges rows that neither lock nor remember anything", async () => {
    const quiet = freshEmail();
    await recordSignInFailure(db.sql, { email: quiet, now: T0 });
    await purgeSignInThrottles(db.sql, at(24 * 60 * MINUTE - 1));
    expect(await row(quiet)).toBeDefined();
    await purgeSignInThrottles(db.sql, at(24 * 60 * MINUTE + 1));
    expect(await row(quiet)).toBeUndefined();
  });
});
