// Accounts on SQLite and PostgreSQL: a user added with a temporary password (stored only as a
// hash, never in the audit log), one account per email across companies even when two adds race,
// and a user changing their own password after proving the current one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { verifyPassword } from "../auth/password";
import type { Database } from "../db";
import { addCompanyUser, changeOwnPassword, resetUserPassword } from "./accounts";
import { AddUserInput, ChangePasswordInput } from "./schemas";

const NOW = new Date("2026-03-10T15:00:00.000Z");

describe("the inputs", () => {
  it("lowercase the email, name a bad field, and ask for 12 to 200 characters of new password", () => {
    expect(AddUserInput.parse({ name: " Ada ", email: " Ada@Example.COM ", role: "member" })).toEqual({
      name: "Ada",
      email: "ada@example.com",
      role: "member",
    });
    expect(AddUserInput.safeParse({ name: "Ada", email: "ada@", role: "member" }).error?.issues[0]?.path).toEqual(["email"]);
    expect(AddUserInput.safeParse({ name: "Ada", email: "ada@example.com", role: "sales" }).error?.issues[0]?.path).toEqual(["role"]);
    expect(AddUserInput.safeParse({ name: "  ", email: "ada@example.com", role: "member" }).error?.issues[0]?.path).toEqual(["name"]);
    expect(ChangePasswordInput.safeParse({ current: "x", next: "short" }).error?.issues[0]?.message).toBe("Use at least 12 characters.");
    expect(ChangePasswordInput.safeParse({ current: "x", next: "x".repeat(201) }).success).toBe(false);
  });
});

describe.each(PROVIDERS)("accounts on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("adds a user with a temporary password kept only as a hash, and audits it without the password", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const email = `ada-${companyId.toLowerCase()}@example.com`;
    const added = await addCompanyUser(db, { userId: null }, { companyId, name: "Ada Lovelace", email, role: "tech_admin" }, NOW);
    expect(added.temporaryPassword).toMatch(/^[\w-]{24}$/);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: added.userId }, omit: { passwordHash: false } });
    expect(user).toMatchObject({ email, name: "Ada Lovelace", role: "tech_admin", companyId, disabledAt: null });
    expect(user.passwordHash).not.toContain(added.temporaryPassword);
    expect(await verifyPassword(added.temporaryPassword, user.passwordHash!)).toBe(true);
    const entry = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: "user.create", targetId: added.userId } });
    expect(entry.actorUserId).toBeNull();
    expect(JSON.parse(entry.after)).toEqual({ name: "Ada Lovelace", email, role: "tech_admin" });
    expect(`${entry.before}${entry.after}`).not.toContain(added.temporaryPassword);

    // The email is taken, in this company (said so) and in any other (not said whose).
    await expect(addCompanyUser(db, { userId: added.userId }, { companyId, name: "Ada", email, role: "member" }, NOW)).rejects.toMatchObject({
      message: `${email} is already a user of your company.`,
    });
    const other = await makeCompany(db.sql, NOW);
    await expect(addCompanyUser(db, { userId: added.userId }, { companyId: other.companyId, name: "Ada", email, role: "member" }, NOW)).rejects.toMatchObject({
      code: "invalid_request",
      field: "email",
      message: `${email} cannot be used for a new account: choose another address.`,
    });
  });

  it("makes one account of two adds of the same email at once", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const email = `twice-${companyId.toLowerCase()}@example.com`;
    const outcomes = await Promise.allSettled([
      addCompanyUser(db, { userId: null }, { companyId, name: "One", email, role: "member" }, NOW),
      addCompanyUser(db, { userId: null }, { companyId, name: "Two", email, role: "member" }, NOW),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "invalid_request", field: "email" });
    expect(await db.prisma.user.count({ where: { email } })).toBe(1);
  });

  it("changes a password only with the current one, to a different one", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const added = await addCompanyUser(
      db,
      { userId: null },
      { companyId, name: "Bo", email: `bo-${companyId.toLowerCase()}@example.com`, role: "member" },
      NOW,
    );
    const change = { companyId, userId: added.userId, now: NOW };
    await expect(changeOwnPassword(db, { ...change, current: "not it at all", next: "a brand new passphrase" })).rejects.toMatchObject({
      code: "invalid_request",
      field: "current",
    });
    await expect(changeOwnPassword(db, { ...change, current: added.temporaryPassword, next: added.temporaryPassword })).rejects.toMatchObject({
      field: "next",
    });
    await changeOwnPassword(db, { ...change, current: added.temporaryPassword, next: "a brand new passphrase" });
    const { passwordHash } = await db.prisma.user.findUniqueOrThrow({ where: { id: added.userId }, omit: { passwordHash: false } });
    expect(await verifyPassword("a brand new passphrase", passwordHash!)).toBe(true);
    expect(await verifyPassword(added.temporaryPassword, passwordHash!)).toBe(false);
    const entries = await db.prisma.auditEntry.findMany({ where: { action: "user.change_password", targetId: added.userId } });
    // Wrong current passwords count toward the sign-in throttle: the fifth locks the account.
    for (let i = 0; i < 4; i++)
      await expect(changeOwnPassword(db, { ...change, current: `guess ${i}`, next: "another passphrase!" })).rejects.toMatchObject({
        code: "invalid_request",
        field: "current",
      });
    for (const current of ["guess 4", "a brand new passphrase"])
      await expect(changeOwnPassword(db, { ...change, current, next: "another passphrase!" })).rejects.toMatchObject({
        code: "rate_limited",
        field: "current",
      });
    // Refused while locked, even with the right password: nothing changed, nothing more audited.
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: added.userId }, omit: { passwordHash: false } });
    expect(after.passwordHash).toBe(passwordHash);
    expect(await db.prisma.auditEntry.count({ where: { action: "user.change_password", targetId: added.userId } })).toBe(1);
    expect(after.sessionsValidAfter).toEqual(NOW);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: added.userId, before: "", after: "" });
  });

  it("resets a user's password to a new temporary one, for another user of the company only", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const admin = await addCompanyUser(
      db,
      { userId: null },
      { companyId, name: "Ada", email: `ada-r-${companyId.toLowerCase()}@example.com`, role: "tech_admin" },
      NOW,
    );
    const user = await addCompanyUser(db, { userId: null }, { companyId, name: "Cy", email: `cy-${companyId.toLowerCase()}@example.com`, role: "member" }, NOW);
    const reset = await resetUserPassword(db, { userId: admin.userId }, { companyId, userId: user.userId }, NOW);
    expect(reset).toMatchObject({ userId: user.userId, name: "Cy" });
    const { passwordHash } = await db.prisma.user.findUniqueOrThrow({ where: { id: user.userId }, omit: { passwordHash: false } });
    expect(await verifyPassword(reset.temporaryPassword, passwordHash!)).toBe(true);
    expect(await verifyPassword(user.temporaryPassword, passwordHash!)).toBe(false);
    expect(await db.prisma.auditEntry.count({ where: { action: "user.reset_password", targetId: user.userId, actorUserId: admin.userId } })).toBe(1);

    await expect(resetUserPassword(db, { userId: admin.userId }, { companyId, userId: admin.userId }, NOW)).rejects.toMatchObject({ code: "invalid_request" });
    const other = await makeCompany(db.sql, NOW);
    await expect(resetUserPassword(db, { userId: admin.userId }, { companyId: other.companyId, userId: user.userId }, NOW)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
