// API keys (R-AUTH-3): created by their user, shown once, stored as a SHA-256 hash. A key acts
// as its user, with the user's current role; a revoked key, or a key whose user was removed or
// disabled, authenticates nobody.
import { createHash, randomBytes } from "node:crypto";
import { auditData } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import type { SqlReader } from "../sql";
import { col, shape } from "../sql/rows";
import type { Actor } from "./authorize";
import { isRole } from "./roles";

const KEY_PREFIX = "cr_";
export const MAX_KEYS_PER_USER = 20;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Who owns a key: a user of a company (Sales accounts have none). */
export type KeyOwner = { companyId: string; userId: string };

export async function createApiKey(
  prisma: Db,
  { companyId, userId, name, now }: KeyOwner & { name: string; now: Date },
): Promise<{ id: string; name: string; key: string }> {
  const trimmed = name.trim();
  const active = await prisma.apiKey.count({ where: { companyId, userId, revokedAt: null } });
  if (active >= MAX_KEYS_PER_USER)
    throw new AppError("too_large", `You have ${MAX_KEYS_PER_USER} active keys, the most allowed; revoke one first.`, { field: "name" });
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const id = createId("apiKey", now);
  await prisma.$transaction([
    prisma.apiKey.create({
      data: { id, companyId, userId, name: trimmed, keyHash: hashApiKey(key), prefix: key.slice(0, 8), createdAt: now },
    }),
    prisma.auditEntry.create({
      data: auditData({ userId }, now, {
        companyId,
        action: "api_key.create",
        targetType: "api_key",
        targetId: id,
        after: { name: trimmed, prefix: key.slice(0, 8) },
      }),
    }),
  ]);
  return { id, name: trimmed, key };
}

/** Revokes one of the owner's own keys: anyone else's, a colleague's included, is not_found. */
export async function revokeApiKey(prisma: Db, { companyId, userId, keyId, now }: KeyOwner & { keyId: string; now: Date }): Promise<void> {
  const key = await prisma.apiKey.findFirst({ where: { id: keyId, companyId, userId } });
  if (!key) throw new AppError("not_found", "You have no API key with that id.");
  await revoke(prisma, key, { companyId, actorUserId: userId, now });
}

/**
 * Revokes any key of the company, whoever owns it (Settings > API keys, Tech admins): a key that
 * leaked, or a colleague's who left. Another company's key is not_found. The audit entry names
 * the key's owner.
 */
export async function revokeCompanyApiKey(
  prisma: Db,
  { companyId, actorUserId, keyId, now }: { companyId: string; actorUserId: string; keyId: string; now: Date },
): Promise<{ name: string; ownerEmail: string }> {
  const key = await prisma.apiKey.findFirst({ where: { id: keyId, companyId }, include: { user: { select: { email: true } } } });
  if (!key) throw new AppError("not_found", "Your company has no API key with that id.");
  await revoke(prisma, key, { companyId, actorUserId, now, owner: key.user.email });
  return { name: key.name, ownerEmail: key.user.email };
}

/** Marks the key revoked with its audit entry; a key already revoked stays as it was. */
async function revoke(
  prisma: Db,
  key: { id: string; name: string; revokedAt: Date | null },
  { companyId, actorUserId, now, owner }: { companyId: string; actorUserId: string; now: Date; owner?: string },
): Promise<void> {
  if (key.revokedAt) return;
  await prisma.$transaction(async (tx) => {
    // Only the first of two revokes at once changes the key and writes the audit entry.
    const { count } = await tx.apiKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) return;
    await tx.auditEntry.create({
      data: auditData({ userId: actorUserId }, now, {
        companyId,
        action: "api_key.revoke",
        targetType: "api_key",
        targetId: key.id,
        before: { name: key.name, ...(owner ? { owner } : {}), revokedAt: null },
        after: { revokedAt: now.toISOString() },
      }),
    });
  });
}

export async function listApiKeys(prisma: Db, { companyId, userId }: KeyOwner) {
  return prisma.apiKey.findMany({
    where: { companyId, userId },
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

/** The company's keys not revoked (a disabled user's among them), by owner then newest first, and how many are revoked. */
export async function listCompanyApiKeys(prisma: Db, { companyId }: { companyId: string }) {
  const [active, revoked] = await Promise.all([
    prisma.apiKey.findMany({
      where: { companyId, revokedAt: null },
      orderBy: [{ user: { name: "asc" } }, { createdAt: "desc" }],
      include: { user: { select: { name: true, email: true, disabledAt: true } } },
    }),
    prisma.apiKey.count({ where: { companyId, revokedAt: { not: null } } }),
  ]);
  return { active, revoked };
}

const KeyUserRow = shape({
  keyId: col.text,
  keyCompanyId: col.text,
  revokedAt: col.dateOrNull,
  lastUsedAt: col.dateOrNull,
  id: col.text,
  email: col.text,
  name: col.text,
  role: col.text,
  companyId: col.textOrNull,
  teamId: col.textOrNull,
  disabledAt: col.dateOrNull,
});

/**
 * The actor behind an `Authorization: Bearer <key>` value, or null. Not scoped to a company.
 * One driver-level query on every API request (the user is re-read with the key, so a demoted
 * or disabled user's key acts with today's role, or not at all).
 */
export async function unsafeActorFromApiKey(sql: SqlReader, key: string, now: Date): Promise<Actor | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
  const row = await sql.row(
    `SELECT k."id" AS "keyId", k."companyId" AS "keyCompanyId", k."revokedAt", k."lastUsedAt", u."id", u."email", u."name", u."role", u."companyId", u."teamId", u."disabledAt"
       FROM "ApiKey" k JOIN "User" u ON u."id" = k."userId"
      WHERE k."keyHash" = ?`,
    [hashApiKey(key)],
    KeyUserRow,
  );
  if (!row || row.revokedAt !== null || row.disabledAt !== null || !isRole(row.role) || row.role === "sales") return null;
  if (row.companyId === null || row.companyId !== row.keyCompanyId) return null;
  // Touch lastUsedAt at most once a minute: it is for people, not an access log.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await sql.run(`UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ?`, [now, row.keyId]);
  }
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    companyId: row.companyId,
    teamId: row.teamId,
    apiKeyId: row.keyId,
    via: "api_key",
  };
}
