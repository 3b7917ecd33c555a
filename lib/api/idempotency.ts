// Idempotency-Key for charged requests: the first request with a key runs; a repeat with the
// same body gets the first response again, byte for byte, and charges nothing; the same key
// with another body is refused (409), as is a repeat while the first still runs. Keys are kept
// per company for at least 24 hours. Only a success is kept: a refused request (402 and other
// errors) charged nothing, so its key may be used again.
import { createHash } from "node:crypto";
import { AppError } from "../errors";
import { type SqlDatabase, toDate, toNumber } from "../sql";

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";
/** A first request still marked running after this long is taken to have died. */
const ABANDONED_AFTER_MS = 5 * 60 * 1000;

export type StoredResponse = { status: number; body: string };

/** The Idempotency-Key header: absent, or 1 to 255 printable ASCII characters. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (key === null) return undefined;
  if (key.length < 1 || key.length > 255 || !/^[\x20-\x7e]+$/.test(key)) {
    throw new AppError("invalid_request", "The Idempotency-Key header must be 1 to 255 printable ASCII characters.", { field: "Idempotency-Key" });
  }
  return key;
}

export function requestHash(path: string, input: unknown): string {
  return createHash("sha256")
    .update(`${path}\n${JSON.stringify(input)}`)
    .digest("hex");
}

export async function withIdempotency(
  sql: SqlDatabase,
  args: { companyId: string; key: string; hash: string; now: Date },
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const { companyId, key, hash, now } = args;
  const claimed = await sql.run(
    `INSERT INTO "IdempotentRequest" ("companyId", "key", "requestHash", "state", "responseStatus", "responseBody", "createdAt") VALUES (?, ?, ?, 'in_progress', 0, '', ?)
     ON CONFLICT ("companyId", "key") DO NOTHING`,
    [companyId, key, hash, now],
  );
  if (claimed === 0) {
    const row = await sql.get(
      `SELECT "requestHash", "state", "responseStatus", "responseBody", "createdAt" FROM "IdempotentRequest" WHERE "companyId" = ? AND "key" = ?`,
      [companyId, key],
    );
    if (!row) return withIdempotency(sql, args, run); // removed meanwhile: claim it again
    if (row.requestHash !== hash)
      throw new AppError("idempotency_conflict", "This Idempotency-Key was already used with a different request body; use a new key for a new request.", {
        field: "Idempotency-Key",
      });
    if (row.state === "done") return { status: toNumber(row.responseStatus), body: String(row.responseBody) };
    const abandoned = now.getTime() - toDate(row.createdAt).getTime() > ABANDONED_AFTER_MS;
    if (!abandoned)
      throw new AppError("idempotency_in_progress", "The first request with this Idempotency-Key is still running; retry in a moment.", {
        field: "Idempotency-Key",
      });
    await sql.run(`UPDATE "IdempotentRequest" SET "createdAt" = ? WHERE "companyId" = ? AND "key" = ?`, [now, companyId, key]);
  }
  try {
    const response = await run();
    await sql.run(`UPDATE "IdempotentRequest" SET "state" = 'done', "responseStatus" = ?, "responseBody" = ? WHERE "companyId" = ? AND "key" = ?`, [
      response.status,
      response.body,
      companyId,
      key,
    ]);
    return response;
  } catch (error) {
    await sql.run(`DELETE FROM "IdempotentRequest" WHERE "companyId" = ? AND "key" = ? AND "state" = 'in_progress'`, [companyId, key]);
    throw error;
  }
}

/** Keys are remembered at least 24 hours; records older than `keepMs` (7 days) are removed. */
export function purgeIdempotencyRecords(sql: SqlDatabase, now: Date, keepMs = 7 * 24 * 3_600_000): Promise<number> {
  return sql.run(`DELETE FROM "IdempotentRequest" WHERE "createdAt" < ? AND "state" = 'done'`, [new Date(now.getTime() - keepMs)]);
}
