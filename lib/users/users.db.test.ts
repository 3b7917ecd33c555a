// The profile's API-key actions and the user-management actions, called as each role the way
// the browser calls them (runAsActor stands in for the session), against a fresh database; and
// the role-change and audit-log functions on SQLite and PostgreSQL.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import type { Actor } from "../auth/authorize";
import type { Role } from "../auth/roles";
import type { Database, Db } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { setUserDisabled } from "./users";

const NOW = new Date("2026-03-10T15:00:00.000Z");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function addUser(prisma: Db, companyId: string | null, role: Role, name: string = role): Promise<string> {
  const id = createId("user", NOW);
  const email = `${role}-${Date.now()}-${randomBytes(3).toString("hex")}@users.test`;
  await prisma.user.create({ data: { id, email, name: `${name} ${email}`, role, companyId } });
  return id;
}

describe("API key and role actions, as each role (SQLite)", () => {
  let database: Database;
  let prisma: Db;
  let actions: typeof import("./actions");
  let session: typeof import("../auth/session");
  let loadActor: typeof import("../auth/actors").loadActor;
  let unsafeActorFromApiKey: typeof import("../auth/api-keys").unsafeActorFromApiKey;
  let listApiKeys: typeof import("../auth/api-keys").listApiKeys;
  let listCompanyApiKeys: typeof import("../auth/api-keys").listCompanyApiKeys;

  beforeAll(async () => {
    // getDatabase() reads DATABASE_URL once, on first use: set it before anything opens it.
    process.env.DATABASE_URL = await freshDatabaseUrl("sqlite");
    database = (await import("../db")).getDatabase();
    prisma = database.prisma;
    actions = await import("./actions");
    session = await import("../auth/session");
    ({ loadActor } = await import("../auth/actors"));
    ({ unsafeActorFromApiKey, listApiKeys, listCompanyApiKeys } = await import("../auth/api-keys"));
  });
  afterAll(async () => {
    await database?.close();
  });

  async function actorFor(userId: string): Promise<Actor> {
    const actor = await loadActor(prisma, userId, "session");
    if (!actor) throw new Error(`no actor for ${userId}`);
    return actor;
  }
  const as = <T>(actor: Actor | null, fn: () => Promise<T>) => session.runAsActor(actor, fn);

  async function company() {
    const { companyId } = await makeCompany(database.sql, NOW);
    const ids = {
      tech: await addUser(prisma, companyId, "tech_admin"),
      business: await addUser(prisma, companyId, "business_admin"),
      member: await addUser(prisma, companyId, "member"),
    };
    return { companyId, ...ids };
  }
  const roleOf = async (userId: string) => (await prisma.user.findUniqueOrThrow({ where: { id: userId } })).role;
  const auditCount = (companyId: string) => prisma.auditEntry.count({ where: { companyId } });

  describe("API keys", () => {
    it("creates a key, returns it once and stores only its SHA-256 hash; lists it; revokes it", async () => {
      const acme = await company();
      const member = await actorFor(acme.member);
      const created = await as(member, () => actions.createApiKeyAction({ name: "  CI key  " }));
      expect(created.serverError).toBeUndefined();
      const key = created.data!.key;
      expect(key).toMatch(/^cr_[A-Za-z0-9_-]{32}$/);
      expect(created.data!.name).toBe("CI key");

      const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.data!.id }, omit: { keyHash: false } });
      expect(row).toMatchObject({ userId: acme.member, companyId: acme.companyId, name: "CI key", prefix: key.slice(0, 8), revokedAt: null });
      expect(row.keyHash).toBe(sha256(key));
      expect(Object.values(row)).not.toContain(key);
      const audit = await prisma.auditEntry.findFirstOrThrow({ where: { companyId: acme.companyId, action: "api_key.create", targetId: row.id } });
      expect(audit.actorUserId).toBe(acme.member);
      expect(audit.after).not.toContain(key);

      const listed = await listApiKeys(prisma, { companyId: acme.companyId, userId: acme.member });
      expect(listed.map((k) => k.id)).toEqual([row.id]);
      expect(listed[0]).not.toHaveProperty("keyHash");
      expect((await unsafeActorFromApiKey(database.sql, key, NOW))?.userId).toBe(acme.member);

      const revoked = await as(member, () => actions.revokeApiKeyAction({ keyId: row.id }));
      expect(revoked.serverError).toBeUndefined();
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull();
      expect(await unsafeActorFromApiKey(database.sql, key, NOW)).toBeNull();
      expect(await prisma.auditEntry.count({ where: { action: "api_key.revoke", targetId: row.id } })).toBe(1);
    });

    it("refuses to revoke someone else's key (not_found), even a Tech admin of the same company", async () => {
      const acme = await company();
      const created = await as(await actorFor(acme.member), () => actions.createApiKeyAction({ name: "Member's key" }));
      const keyId = created.data!.id;
      for (const other of [acme.business, acme.tech, (await company()).tech]) {
        const result = await as(await actorFor(other), () => actions.revokeApiKeyAction({ keyId }));
        expect(result.serverError?.code).toBe("not_found");
      }
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: keyId } })).revokedAt).toBeNull();
    });

    it("lets a Tech admin list and revoke any key of their company, naming its owner in the audit entry; nobody else", async () => {
      const acme = await company();
      const member = await actorFor(acme.member);
      const created = await as(member, () => actions.createApiKeyAction({ name: "Leaked key" }));
      const { id: keyId, key } = created.data!;
      const old = await as(member, () => actions.createApiKeyAction({ name: "Old key" }));
      await as(member, () => actions.revokeApiKeyAction({ keyId: old.data!.id }));
      const listed = await listCompanyApiKeys(prisma, { companyId: acme.companyId });
      expect(listed.active.map((k) => [k.name, k.user.email])).toEqual([
        ["Leaked key", (await prisma.user.findUniqueOrThrow({ where: { id: acme.member } })).email],
      ]);
      expect(listed.revoked).toBe(1);

      // Business admins, Members, Sales and another company's Tech admin are refused; the key still works.
      for (const other of [acme.business, acme.member, await addUser(prisma, null, "sales"), (await company()).tech]) {
        const result = await as(await actorFor(other), () => actions.revokeCompanyApiKeyAction({ keyId }));
        expect(result.serverError?.code).toMatch(/^(forbidden|not_found)$/);
      }
      expect((await unsafeActorFromApiKey(database.sql, key, NOW))?.userId).toBe(acme.member);

      const revoked = await as(await actorFor(acme.tech), () => actions.revokeCompanyApiKeyAction({ keyId }));
      expect(revoked.data).toMatchObject({ keyId, name: "Leaked key" });
      expect(await unsafeActorFromApiKey(database.sql, key, NOW)).toBeNull();
      const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "api_key.revoke", targetId: keyId } });
      expect(entry.actorUserId).toBe(acme.tech);
      expect(JSON.parse(entry.before)).toMatchObject({ name: "Leaked key", owner: expect.stringContaining("@") });
      // Revoking it again changes nothing.
      expect((await as(await actorFor(acme.tech), () => actions.revokeCompanyApiKeyAction({ keyId }))).serverError).toBeUndefined();
      expect(await prisma.auditEntry.count({ where: { action: "api_key.revoke", targetId: keyId } })).toBe(1);
    });

    it("asks for a name of 1 to 100 characters, next to the field", async () => {
      const acme = await company();
      const member = await actorFor(acme.member);
      for (const name of ["", "   ", "x".repeat(101)]) {
        const result = await as(member, () => actions.createApiKeyAction({ name }));
        expect(result.validationErrors?.fieldErrors.name?.[0]).toMatch(/name for the key|at most 100 characters/);
        expect(result.data).toBeUndefined();
      }
      expect(await prisma.apiKey.count({ where: { userId: acme.member } })).toBe(0);
      const longest = await as(member, () => actions.createApiKeyAction({ name: "x".repeat(100) }));
      expect(longest.data?.name).toHaveLength(100);
    });

    it("gives Sales no API keys, and a signed-out caller nothing", async () => {
      const sales = await actorFor(await addUser(prisma, null, "sales"));
      expect((await as(sales, () => actions.createApiKeyAction({ name: "Sales key" }))).serverError?.code).toBe("forbidden");
      expect((await as(null, () => actions.createApiKeyAction({ name: "Nobody's key" }))).serverError?.code).toBe("unauthorized");
      expect(await prisma.apiKey.count({ where: { name: { in: ["Sales key", "Nobody's key"] } } })).toBe(0);
    });
  });

  describe("roles", () => {
    it("lets a Tech admin change a role in their company, with an audit entry of before and after", async () => {
      const acme = await company();
      const result = await as(await actorFor(acme.tech), () => actions.changeRoleAction({ userId: acme.member, role: "business_admin" }));
      expect(result.serverError).toBeUndefined();
      expect(result.data).toEqual({ userId: acme.member, before: "member", after: "business_admin", changed: true });
      expect(await roleOf(acme.member)).toBe("business_admin");
      const entry = await prisma.auditEntry.findFirstOrThrow({ where: { companyId: acme.companyId, action: "user.change_role" } });
      expect(entry).toMatchObject({ actorUserId: acme.tech, targetType: "user", targetId: acme.member });
      expect(JSON.parse(entry.before)).toEqual({ role: "member" });
      expect(JSON.parse(entry.after)).toEqual({ role: "business_admin" });
      // The demoted-or-promoted user's next request sees the new role.
      expect((await actorFor(acme.member)).role).toBe("business_admin");
    });

    it("writes nothing when the role is unchanged", async () => {
      const acme = await company();
      const before = await auditCount(acme.companyId);
      const result = await as(await actorFor(acme.tech), () => actions.changeRoleAction({ userId: acme.member, role: "member" }));
      expect(result.data?.changed).toBe(false);
      expect(await auditCount(acme.companyId)).toBe(before);
    });

    it("refuses Business admins, Members and Sales (forbidden), and changes nothing", async () => {
      const acme = await company();
      const sales = await addUser(prisma, null, "sales");
      for (const caller of [acme.business, acme.member, sales]) {
        const result = await as(await actorFor(caller), () => actions.changeRoleAction({ userId: acme.member, role: "tech_admin" }));
        expect(result.serverError?.code).toBe("forbidden");
      }
      expect(await roleOf(acme.member)).toBe("member");
      expect(await prisma.auditEntry.count({ where: { companyId: acme.companyId, action: "user.change_role" } })).toBe(0);
    });

    it("refuses a Tech admin of company B changing a user of company A, and changes nothing", async () => {
      const acme = await company();
      const globex = await company();
      const before = await auditCount(acme.companyId);
      const result = await as(await actorFor(globex.tech), () => actions.changeRoleAction({ userId: acme.member, role: "tech_admin" }));
      expect(result.serverError?.code).toBe("not_found");
      expect(await roleOf(acme.member)).toBe("member");
      expect(await auditCount(acme.companyId)).toBe(before);
      expect(await prisma.auditEntry.count({ where: { companyId: globex.companyId, action: "user.change_role" } })).toBe(0);
    });

    it("never makes a company user Sales", async () => {
      const acme = await company();
      const result = await as(await actorFor(acme.tech), () => actions.changeRoleAction({ userId: acme.member, role: "sales" as "member" }));
      expect(result.validationErrors?.fieldErrors.role?.[0]).toMatch(/Tech admin, Business admin or Member/);
      expect(await roleOf(acme.member)).toBe("member");
    });

    it("does not demote the company's last Tech admin, with a message that says why", async () => {
      const acme = await company();
      const tech = await actorFor(acme.tech);
      const refused = await as(tech, () => actions.changeRoleAction({ userId: acme.tech, role: "member" }));
      expect(refused.serverError).toMatchObject({ code: "invalid_request", field: "role" });
      expect(refused.serverError?.message).toMatch(/only Tech admin/);
      expect(await roleOf(acme.tech)).toBe("tech_admin");

      // With a second Tech admin, one may step down; then the other is the last one.
      expect((await as(tech, () => actions.changeRoleAction({ userId: acme.business, role: "tech_admin" }))).data?.changed).toBe(true);
      expect((await as(tech, () => actions.changeRoleAction({ userId: acme.tech, role: "member" }))).data?.changed).toBe(true);
      // The demoted admin lost the permission at once.
      expect((await as(await actorFor(acme.tech), () => actions.changeRoleAction({ userId: acme.business, role: "member" }))).serverError?.code).toBe(
        "forbidden",
      );
      const second = await actorFor(acme.business);
      expect((await as(second, () => actions.changeRoleAction({ userId: acme.business, role: "member" }))).serverError?.code).toBe("invalid_request");
      expect(await roleOf(acme.business)).toBe("tech_admin");
    });

    it("does not count a disabled Tech admin as the one who remains", async () => {
      const acme = await company();
      const disabled = await addUser(prisma, acme.companyId, "tech_admin", "Disabled admin");
      await prisma.user.update({ where: { id: disabled }, data: { disabledAt: NOW } });
      const result = await as(await actorFor(acme.tech), () => actions.changeRoleAction({ userId: acme.tech, role: "business_admin" }));
      expect(result.serverError?.code).toBe("invalid_request");
      expect(await roleOf(acme.tech)).toBe("tech_admin");
    });
  });

  describe("disable and enable", () => {
    it("disables a user at once, sessions and API keys alike, and enables them again, with audit entries", async () => {
      const acme = await company();
      const member = await actorFor(acme.member);
      const { key } = (await as(member, () => actions.createApiKeyAction({ name: "Script" }))).data!;
      const tech = await actorFor(acme.tech);

      const disabled = await as(tech, () => actions.setUserDisabledAction({ userId: acme.member, disabled: true }));
      expect(disabled.data).toMatchObject({ userId: acme.member, disabled: true, changed: true });
      expect(await loadActor(prisma, acme.member, "session")).toBeNull();
      expect(await unsafeActorFromApiKey(database.sql, key, NOW)).toBeNull();
      // (A session is the user's id: loadActor, which every request runs, answers null now.)
      // Disabling again changes nothing.
      expect((await as(tech, () => actions.setUserDisabledAction({ userId: acme.member, disabled: true }))).data?.changed).toBe(false);

      const enabled = await as(tech, () => actions.setUserDisabledAction({ userId: acme.member, disabled: false }));
      expect(enabled.data).toMatchObject({ disabled: false, changed: true });
      expect((await unsafeActorFromApiKey(database.sql, key, NOW))?.userId).toBe(acme.member);
      // A session signed in before the disable stays ended; one signed in after it works.
      const disabledAt = (await prisma.user.findUniqueOrThrow({ where: { id: acme.member } })).sessionsValidAfter!.getTime();
      expect(await loadActor(prisma, acme.member, "session", disabledAt - 1)).toBeNull();
      expect(await loadActor(prisma, acme.member, "session")).toBeNull();
      expect((await loadActor(prisma, acme.member, "session", disabledAt))?.userId).toBe(acme.member);
      const entries = await prisma.auditEntry.findMany({
        where: { targetId: acme.member, action: { in: ["user.disable", "user.enable"] } },
        orderBy: { id: "asc" },
      });
      expect(entries.map((e) => [e.action, e.actorUserId])).toEqual([
        ["user.disable", acme.tech],
        ["user.enable", acme.tech],
      ]);
    });

    it("refuses one's own account, the last active Tech admin, other roles and other companies", async () => {
      const acme = await company();
      const tech = await actorFor(acme.tech);
      expect((await as(tech, () => actions.setUserDisabledAction({ userId: acme.tech, disabled: true }))).serverError).toMatchObject({
        code: "invalid_request",
        message: "You cannot disable or enable your own account; ask another Tech admin.",
      });
      const second = await addUser(prisma, acme.companyId, "tech_admin");
      const result = await as(await actorFor(second), () => actions.setUserDisabledAction({ userId: acme.tech, disabled: true }));
      expect(result.data?.changed).toBe(true);
      // Now `second` is the only active Tech admin (a disabled one does not count): nobody may disable them.
      const third = await addUser(prisma, acme.companyId, "tech_admin");
      await prisma.user.update({ where: { id: third }, data: { disabledAt: NOW } });
      await expect(setUserDisabled(database, { userId: third }, { companyId: acme.companyId, userId: second, disabled: true }, NOW)).rejects.toMatchObject({
        code: "invalid_request",
        message: expect.stringContaining("is the company's only Tech admin"),
      });
      for (const other of [acme.business, acme.member, (await company()).tech]) {
        const refused = await as(await actorFor(other), () => actions.setUserDisabledAction({ userId: acme.member, disabled: true }));
        expect(refused.serverError?.code).toMatch(/^(forbidden|not_found)$/);
      }
      expect((await prisma.user.findUniqueOrThrow({ where: { id: acme.member } })).disabledAt).toBeNull();
    });
  });
});

describe.each(PROVIDERS)("changeRole and the audit log on %s", (provider) => {
  let db: Database;
  let lib: typeof import("./index");
  beforeAll(async () => {
    db = await freshDatabase(provider);
    lib = await import("./index");
  });
  afterAll(async () => {
    await db?.close();
  });

  it("keeps one Tech admin when two demote each other at the same moment", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const a = await addUser(db.prisma, companyId, "tech_admin");
    const b = await addUser(db.prisma, companyId, "tech_admin");
    const results = await Promise.allSettled([
      lib.changeRole(db, { userId: a }, { companyId, userId: b, role: "member" }, NOW),
      lib.changeRole(db, { userId: b }, { companyId, userId: a, role: "member" }, NOW),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.reason).toBeInstanceOf(AppError);
    expect((rejected as PromiseRejectedResult).reason.code).toBe("invalid_request");
    expect(await db.prisma.user.count({ where: { companyId, role: "tech_admin" } })).toBe(1);
    expect(await db.prisma.auditEntry.count({ where: { companyId, action: "user.change_role" } })).toBe(1);
  });

  it("refuses a user of another company (not_found) and the Sales role (invalid_request)", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const other = await makeCompany(db.sql, NOW);
    const stranger = await addUser(db.prisma, other.companyId, "member");
    const member = await addUser(db.prisma, companyId, "member");
    await expect(lib.changeRole(db, { userId: member }, { companyId, userId: stranger, role: "tech_admin" }, NOW)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(lib.changeRole(db, { userId: member }, { companyId, userId: member, role: "sales" }, NOW)).rejects.toMatchObject({
      code: "invalid_request",
    });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: stranger } })).role).toBe("member");
  });

  it("lists a company's users only", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const other = await makeCompany(db.sql, NOW);
    const mine = [await addUser(db.prisma, companyId, "tech_admin"), await addUser(db.prisma, companyId, "member")];
    await addUser(db.prisma, other.companyId, "member");
    const listed = await lib.listCompanyUsers(db.prisma, { companyId });
    expect(listed.map((u) => u.id).sort()).toEqual([...mine].sort());
  });

  it("pages a company's audit log newest first, 50 a page, naming who acted and on what", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const other = await makeCompany(db.sql, NOW);
    const tech = await addUser(db.prisma, companyId, "tech_admin", "Tess Tech");
    const member = await addUser(db.prisma, companyId, "member");
    const sales = await addUser(db.prisma, null, "sales", "Sam Sales");
    const { auditData } = await import("../audit");
    const at = (i: number) => new Date(NOW.getTime() + i * 1000);
    for (let i = 0; i < 51; i++) {
      await db.prisma.auditEntry.create({
        data: auditData({ userId: sales }, at(i), {
          companyId,
          action: "purchase.record",
          targetType: "purchase",
          targetId: `p${i}`,
          after: { credits: String(i) },
        }),
      });
    }
    await db.prisma.auditEntry.create({
      data: auditData({ userId: tech }, at(100), { companyId: other.companyId, action: "purchase.record", targetType: "purchase", targetId: "elsewhere" }),
    });
    await lib.changeRole(db, { userId: tech }, { companyId, userId: member, role: "business_admin" }, at(60));

    const first = await lib.listAuditEntries(db.prisma, { companyId, page: 1 });
    expect(first).toMatchObject({ total: 52, pageCount: 2, page: 1, pageSize: 50 });
    expect(first.entries).toHaveLength(50);
    const [newest, next] = first.entries;
    expect(newest).toMatchObject({
      action: "user.change_role",
      targetType: "user",
      targetId: member,
      before: `{"role":"member"}`,
      after: `{"role":"business_admin"}`,
    });
    expect(newest!.actor?.name).toBe((await db.prisma.user.findUniqueOrThrow({ where: { id: tech } })).name);
    expect(newest!.targetLabel).toMatch(/@users\.test$/);
    expect(next).toMatchObject({ action: "purchase.record", targetId: "p50", before: "" });
    expect(next!.actor?.name).toMatch(/^Sam Sales/);
    const second = await lib.listAuditEntries(db.prisma, { companyId, page: 2 });
    expect(second.entries.map((e) => e.targetId)).toEqual(["p1", "p0"]);
    expect((await lib.listAuditEntries(db.prisma, { companyId, page: 3 })).entries).toEqual([]);
    expect([...first.entries, ...second.entries].some((e) => e.targetId === "elsewhere")).toBe(false);
  });

  it("reads ?page= leniently: anything but a positive whole number is page 1", () => {
    expect(["2", ["3", "4"], undefined, "", "0", "-1", "1.5", "abc", "1e3"].map((v) => lib.parseAuditPage(v))).toEqual([2, 3, 1, 1, 1, 1, 1, 1, 1]);
  });
});
