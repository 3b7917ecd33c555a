// Idempotency-Key for charged requests: the first request with a key runs; a repeat with the
// same body gets the first response again, byte for byte, and charges nothing; the same key
// with another body is refused (409), as is a repeat while the first still runs. Keys are kept
// per company for at least 24 hours. Only a success is kept: a refused request (402 and other
// errors) charged nothing, so its key may be used again.
import { createHash, randomUUID } from "node:crypto";
import { type Clock, systemClock } from "../clock";
import { AppError } from "../errors";
import { type Query, q, type SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";
/**
 * A running first request holds its key for this long and renews it every RENEW_EVERY_MS, so a
 * request whose process died stops counting as running within LEASE_MS (the spec: 60 seconds).
 */
export const LEASE_MS = 30_000;
const RENEW_EVERY_MS = 10_000;

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

const KeyRow = shape({
  requestHash: col.text,
  state: col.oneOf(["in_progress", "done"]),
  responseStatus: col.int,
  responseBody: col.text,
  createdAt: col.date,
  leaseUntil: col.dateOrNull,
});

type KeyArgs = { companyId: string; key: string; hash: string; now: Date };

/** A running first request's hold on its key: what its renewals, answer and removal name. */
export type Lease = { companyId: string; key: string; token: string };

/**
 * Takes the key for a first run: answers its lease, or the stored response of a finished first
 * request. Refuses another body (409 idempotency_conflict) and a first request still running
 * (409 idempotency_in_progress); a first request whose lease lapsed (its process died) is taken
 * over, by one caller only, under a new token.
 */
export async function claimIdempotencyKey(sql: SqlDatabase, { companyId, key, hash, now }: KeyArgs): Promise<{ lease: Lease } | { stored: StoredResponse }> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const lease = { companyId, key, token: randomUUID() };
  for (;;) {
    const claimed = await sql.run(
      `INSERT INTO "IdempotentRequest" ("companyId", "key", "requestHash", "state", "responseStatus", "responseBody", "createdAt", "leaseUntil", "leaseToken") VALUES (?, ?, ?, 'in_progress', 0, '', ?, ?, ?)
       ON CONFLICT ("companyId", "key") DO NOTHING`,
      [companyId, key, hash, now, leaseUntil, lease.token],
    );
    if (claimed === 1) return { lease };
    const row = await sql.row(
      `SELECT "requestHash", "state", "responseStatus", "responseBody", "createdAt", "leaseUntil" FROM "IdempotentRequest" WHERE "companyId" = ? AND "key" = ?`,
      [companyId, key],
      KeyRow,
    );
    if (!row) continue; // removed meanwhile (a first request that failed): claim it again
    if (row.requestHash !== hash) {
      throw new AppError("idempotency_conflict", "This Idempotency-Key was already used with a different request body; use a new key for a new request.", {
        field: "Idempotency-Key",
      });
    }
    if (row.state === "done") return { stored: { status: row.responseStatus, body: row.responseBody } };
    const lapsesAt = row.leaseUntil ?? new Date(row.createdAt.getTime() + LEASE_MS);
    if (lapsesAt > now) {
      throw new AppError("idempotency_in_progress", "The first request with this Idempotency-Key is still running; retry in a moment.", {
        field: "Idempotency-Key",
      });
    }
    const takenOver = await sql.run(
      `UPDATE "IdempotentRequest" SET "leaseUntil" = ?, "leaseToken" = ? WHERE "companyId" = ? AND "key" = ? AND "state" = 'in_progress' AND ("leaseUntil" IS NULL OR "leaseUntil" <= ?)`,
      [leaseUntil, lease.token, companyId, key, now],
    );
    if (takenOver === 1) return { lease };
  }
}

/**
 * Records the finished first request's response; run inside the transaction that charges it.
 * Only the lease's holder records: a request that outlived its lease and finished after another
 * took its key over leaves the key to that one (its charge is the same, by the ledger's key).
 */
export function* completeIdempotentRequest({ companyId, key, token }: Lease, response: StoredResponse): Query<void> {
  yield* q.write(
    `UPDATE "IdempotentRequest" SET "state" = 'done', "responseStatus" = ?, "responseBody" = ?, "leaseUntil" = NULL, "leaseToken" = NULL
      WHERE "companyId" = ? AND "key" = ? AND "leaseToken" = ?`,
    [response.status, response.body, companyId, key, token],
  );
}

/**
 * Runs `run` once per key: the first request runs, renewing its lease while it does; a repeat
 * with the same body gets the first response again. `run` is given `complete`, to record its
 * response inside the transaction that charges for it, so a charge and its stored answer commit
 * together and a replay can never charge twice; a response `run` did not record that way (a
 * request that charged nothing) is recorded after it returns. Only a success is kept: a refused
 * request (402 and other errors) charged nothing, so its key may be used again.
 */
export async function withIdempotency(
  sql: SqlDatabase,
  args: KeyArgs & { clock?: Clock },
  run: (complete: (response: StoredResponse) => Query<void>) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const { clock = systemClock } = args;
  const claim = await claimIdempotencyKey(sql, args);
  if ("stored" in claim) return claim.stored;
  const { lease } = claim;
  const renew = setInterval(() => {
    sql
      .run(`UPDATE "IdempotentRequest" SET "leaseUntil" = ? WHERE "companyId" = ? AND "key" = ? AND "leaseToken" = ?`, [
        new Date(clock.now().getTime() + LEASE_MS),
        lease.companyId,
        lease.key,
        lease.token,
      ])
      .catch((error) => console.error("renewing an idempotency lease failed:", error));
  }, RENEW_EVERY_MS);
  let recorded = false;
  try {
    const response = await run(function* (res) {
      yield* completeIdempotentRequest(lease, res);
      recorded = true;
    });
    // `recorded` is set only inside a transaction that then committed (run returned).
    if (!recorded) await sql.transaction(() => completeIdempotentRequest(lease, response));
    return response;
  } catch (error) {
    // Frees the key for a new try, unless another request took it over meanwhile.
    await releaseLease(sql, lease);
    throw error;
  } finally {
    clearInterval(renew);
  }
}

/** Gives a key back after its first request failed (it charged nothing); a no-op once taken over. */
export function releaseLease(sql: SqlDatabase, { companyId, key, token }: Lease): Promise<number> {
  return sql.run(`DELETE FROM "IdempotentRequest" WHERE "companyId" = ? AND "key" = ? AND "leaseToken" = ?`, [companyId, key, token]);
}

/** Keys are remembered at least 24 hours; records older than `keepMs` (7 days) are removed. */
export function purgeIdempotencyRecords(sql: SqlDatabase, now: Date, keepMs = 7 * 24 * 3_600_000): Promise<number> {
  return sql.run(`DELETE FROM "IdempotentRequest" WHERE "createdAt" < ? AND "state" = 'done'`, [new Date(now.getTime() - keepMs)]);
}
