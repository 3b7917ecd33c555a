// A company of its own for each API test: made through the ledger on the test server's
// database (no Prisma: see ledger.ts), with a member and an API key, and the credits asked for.
// Named with the worker index and a timestamp, as the browser tests' companies are (world-data.ts).
import { createHash, randomBytes } from "node:crypto";
import { createCompany, recordPurchase } from "../lib/billing";
import type { SqlDatabase } from "../lib/sql";
import { worldTag } from "./world-data";

export type ApiWorld = { companyId: string; userId: string; key: string };

export async function makeApiCompany(sql: SqlDatabase, { credits = 0 }: { credits?: number } = {}): Promise<ApiWorld> {
  const now = new Date();
  // Playwright's worker index (its workers set TEST_WORKER_INDEX); test/instances.db.test.ts
  // makes these companies under Vitest too, where test.info() does not exist.
  const tag = worldTag(Number(process.env.TEST_WORKER_INDEX ?? 0));
  const termEndsAt = new Date(now.getTime() + 365 * 86_400_000);
  const { companyId } = await createCompany(
    sql,
    {
      name: `API test ${tag}`,
      timeZone: "UTC",
      termStartsAt: new Date(now.getTime() - 86_400_000),
      termEndsAt,
      creditsPerCoreSeatMilli: 0n,
      seats: { core: 0 },
    },
    now,
  );
  const userId = `user_api_${tag}`;
  await sql.run(`INSERT INTO "User" ("id", "email", "name", "role", "companyId", "createdAt") VALUES (?, ?, ?, 'member', ?, ?)`, [
    userId,
    `${tag}@api.test`,
    "API member",
    companyId,
    now,
  ]);
  const key = await addKey(sql, { companyId, userId });
  if (credits > 0) await addCredits(sql, companyId, credits);
  return { companyId, userId, key };
}

export async function addKey(sql: SqlDatabase, { companyId, userId }: { companyId: string; userId: string }): Promise<string> {
  const key = `cr_${randomBytes(24).toString("base64url")}`;
  await sql.run(`INSERT INTO "ApiKey" ("id", "companyId", "userId", "name", "keyHash", "prefix", "createdAt") VALUES (?, ?, ?, 'test', ?, ?, ?)`, [
    `key_${randomBytes(8).toString("hex")}`,
    companyId,
    userId,
    createHash("sha256").update(key).digest("hex"),
    key.slice(0, 8),
    new Date(),
  ]);
  return key;
}

export async function addCredits(sql: SqlDatabase, companyId: string, credits: number) {
  const now = new Date();
  await recordPurchase(
    sql,
    {
      companyId,
      creditsMilli: BigInt(Math.round(credits * 1000)),
      orderReference: `API-${companyId}-${randomBytes(4).toString("hex")}`,
      purchasedAt: now,
      availableFrom: now,
    },
    now,
  );
}
