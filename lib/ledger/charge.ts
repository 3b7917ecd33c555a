// Charges: soonest expiry first, split across grants and recorded (R-LEDGER-4), refused whole
// when they do not fit (R-LEDGER-7), charged once per idempotency key (R-LEDGER-8). The key is
// checked inside the same transaction that holds the company's account lock.
import { AppError } from "../errors";
import { type Dialect, type Query, q, type SqlDatabase, toBigInt } from "../sql";
import { Account } from "./account";
import { allocateFefo } from "./allocate";
import type { ChargeOutcome, ChargeRequest } from "./types";
import { UsageBuffer } from "./usage";

/** The most charges one transaction takes: a limit on how long the account lock is held. */
export const MAX_CHARGES_PER_BATCH = 5_000;
const MAX_KEY_LENGTH = 255;

export async function charge(db: SqlDatabase, companyId: string, request: ChargeRequest, now: Date): Promise<ChargeOutcome> {
  const [outcome] = await chargeMany(db, companyId, [request], now);
  return outcome!;
}

/** Charges in one transaction, each on its own: one that does not fit does not stop the rest. */
export async function chargeMany(db: SqlDatabase, companyId: string, requests: readonly ChargeRequest[], now: Date): Promise<ChargeOutcome[]> {
  requests.forEach(validateCharge);
  if (requests.length > MAX_CHARGES_PER_BATCH)
    throw new AppError("too_large", `At most ${MAX_CHARGES_PER_BATCH} charges go in one batch (got ${requests.length}).`);
  return db.transaction(function* (dialect) {
    const account = yield* Account.open(dialect, companyId);
    account.settle(now);
    const outcomes = yield* chargeInAccount(account, requests, now);
    yield* account.flush(now);
    return outcomes;
  });
}

/**
 * One charge inside the caller's transaction, so that what it pays for (a brief's new version,
 * say) commits or rolls back with it: a crash between the two can then never charge twice or
 * leave a charge without its result.
 */
export function* chargeInTransaction(dialect: Dialect, companyId: string, request: ChargeRequest, now: Date): Query<ChargeOutcome> {
  validateCharge(request);
  const account = yield* Account.open(dialect, companyId);
  account.settle(now);
  const [outcome] = yield* chargeInAccount(account, [request], now);
  yield* account.flush(now);
  return outcome!;
}

/** The charges themselves, for callers that already hold the account (in one transaction). */
export function* chargeInAccount(account: Account, requests: readonly ChargeRequest[], now: Date): Query<ChargeOutcome[]> {
  const usage = new UsageBuffer(account.company.timeZone);
  const seenKeys = new Map<string, ChargeOutcome & { requestHash: string }>();
  const stored = yield* storedKeys(account.companyId, requests);
  const outcomes: ChargeOutcome[] = [];
  for (const request of requests) {
    const replay = request.idempotencyKey ? replayOf(request, seenKeys, stored) : undefined;
    if (replay) {
      outcomes.push(replay);
      continue;
    }
    const allocations = request.amountMilli <= account.balanceMilli ? allocateFefo(account.drawable(), request.amountMilli) : undefined;
    if (!allocations) {
      outcomes.push({ outcome: "exceeds_credits", requiredMilli: request.amountMilli, availableMilli: account.balanceMilli });
      continue;
    }
    const entryId = yield* account.draw(allocations, {
      kind: "used",
      at: now,
      action: request.action,
      idempotencyKey: request.idempotencyKey,
      requestHash: request.requestHash ?? "",
      actorUserId: request.actorUserId,
    });
    const charged: ChargeOutcome = { outcome: "charged", entryId, amountMilli: request.amountMilli, balanceAfterMilli: account.balanceMilli, allocations };
    if (request.idempotencyKey) seenKeys.set(request.idempotencyKey, { ...charged, requestHash: request.requestHash ?? "" });
    usage.add(request.usage, request.amountMilli, now);
    outcomes.push(charged);
  }
  yield* usage.flush(account.companyId);
  return outcomes;
}

type StoredKey = { entryId: string; requestHash: string; amountMilli: bigint; balanceAfterMilli: bigint };
const KEYS_PER_QUERY = 500;

/** The entries already booked under any of these requests' keys: one query per 500 keys. */
function* storedKeys(companyId: string, requests: readonly ChargeRequest[]): Query<Map<string, StoredKey>> {
  const keys = [...new Set(requests.map((r) => r.idempotencyKey).filter((k): k is string => k !== undefined))];
  const found = new Map<string, StoredKey>();
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const chunk = keys.slice(i, i + KEYS_PER_QUERY);
    const rows = yield* q.all(
      `SELECT "id", "idempotencyKey", "requestHash", "amountMilli", "balanceAfterMilli" FROM "LedgerEntry"
        WHERE "companyId" = ? AND "idempotencyKey" IN (${chunk.map(() => "?").join(", ")})`,
      [companyId, ...chunk],
    );
    for (const row of rows) {
      found.set(String(row.idempotencyKey), {
        entryId: String(row.id),
        requestHash: String(row.requestHash ?? ""),
        amountMilli: -toBigInt(row.amountMilli),
        balanceAfterMilli: toBigInt(row.balanceAfterMilli),
      });
    }
  }
  return found;
}

/** A repeated key: the same request again (exists) or another one (exists_with_different_body). */
function replayOf(
  request: ChargeRequest,
  seenKeys: Map<string, ChargeOutcome & { requestHash: string }>,
  stored: Map<string, StoredKey>,
): ChargeOutcome | undefined {
  const key = request.idempotencyKey!;
  const hash = request.requestHash ?? "";
  const seen = seenKeys.get(key);
  const earlier =
    seen?.outcome === "charged"
      ? { entryId: seen.entryId, requestHash: seen.requestHash, amountMilli: seen.amountMilli, balanceAfterMilli: seen.balanceAfterMilli }
      : stored.get(key);
  if (!earlier) return undefined;
  if (earlier.requestHash !== hash) return { outcome: "exists_with_different_body", entryId: earlier.entryId };
  return { outcome: "exists", entryId: earlier.entryId, amountMilli: earlier.amountMilli, balanceAfterMilli: earlier.balanceAfterMilli };
}

function validateCharge(request: ChargeRequest) {
  if (typeof request.amountMilli !== "bigint" || request.amountMilli <= 0n) {
    throw new AppError("invalid_request", `A charge must be a positive amount of credits (got ${String(request.amountMilli)} milli-credits).`);
  }
  const key = request.idempotencyKey;
  if (key !== undefined && (key.length < 1 || key.length > MAX_KEY_LENGTH || !/^[\x20-\x7e]+$/.test(key))) {
    throw new AppError("invalid_request", "An idempotency key is 1 to 255 printable ASCII characters.", { field: "Idempotency-Key" });
  }
  if (!request.action.trim()) throw new AppError("invalid_request", "A charge must say what it is for.");
}
