// Charges: soonest expiry first, split across grants and recorded (R-LEDGER-4), refused whole
// when they do not fit what can be spent or a budget that applies (R-LEDGER-7, R-BUDGET-2), and
// charged once per idempotency key (R-LEDGER-8). The key, the balance and the budgets are all
// checked inside the one transaction that holds the company's account lock.
import { AppError } from "../errors";
import { type Dialect, placeholders, type Query, q, type SqlDatabase, TextsByCount } from "../sql";
import { col, shape } from "../sql/rows";
import { Account } from "./account";
import { BudgetGuard } from "./budgets";
import type { AfterChange, ChargeOutcome, ChargeRequest } from "./types";
import { UsageBuffer } from "./usage";

/** The most charges one transaction takes: a limit on how long the account lock is held. */
export const MAX_CHARGES_PER_BATCH = 5_000;
const MAX_KEY_LENGTH = 255;

export type LedgerOptions = {
  /** Runs inside the transaction after the ledger's writes (lib/billing passes the app's). */
  afterChange?: AfterChange;
};

export async function charge(db: SqlDatabase, companyId: string, request: ChargeRequest, now: Date, options: LedgerOptions = {}): Promise<ChargeOutcome> {
  const [outcome] = await chargeMany(db, companyId, [request], now, options);
  return outcome!;
}

/** Charges in one transaction, each on its own: one that does not fit does not stop the rest. */
export async function chargeMany(
  db: SqlDatabase,
  companyId: string,
  requests: readonly ChargeRequest[],
  now: Date,
  options: LedgerOptions = {},
): Promise<ChargeOutcome[]> {
  if (requests.length > MAX_CHARGES_PER_BATCH)
    throw new AppError("too_large", `At most ${MAX_CHARGES_PER_BATCH} charges go in one batch (got ${requests.length}).`);
  return db.transaction((dialect) => chargesInTransaction(dialect, companyId, requests, now, options));
}

/**
 * Charges inside the caller's transaction, so that what they pay for (a brief's new version,
 * say) commits or rolls back with them: a crash between the two can then never charge twice or
 * leave a charge without its result.
 */
export function* chargesInTransaction(
  dialect: Dialect,
  companyId: string,
  requests: readonly ChargeRequest[],
  now: Date,
  options: LedgerOptions = {},
): Query<ChargeOutcome[]> {
  requests.forEach(validateCharge);
  const [account, replays] = yield* q.parallel(Account.open(dialect, companyId), KeyReplays.load(companyId, requests));
  account.settle(now);
  const budgets = yield* BudgetGuard.load(account, now);
  const usage = new UsageBuffer(account.company.timeZone);
  const outcomes: ChargeOutcome[] = [];
  for (const request of requests) {
    const replay = replays.of(request);
    if (replay) {
      outcomes.push(replay);
      continue;
    }
    const allocations = account.allocate(request.amountMilli);
    if (!allocations) {
      outcomes.push({ outcome: "exceeds_credits", requiredMilli: request.amountMilli, availableMilli: account.spendableMilli });
      continue;
    }
    const overBudget = budgets.check(request.usage, request.amountMilli);
    if (overBudget) {
      outcomes.push({ outcome: "exceeds_budget", ...overBudget });
      continue;
    }
    const entryId = account.draw(allocations, {
      kind: "used",
      at: now,
      action: request.action,
      idempotencyKey: request.idempotencyKey,
      requestHash: request.requestHash ?? "",
      actorUserId: request.actorUserId,
      usage: request.usage,
      referenceId: request.referenceId,
    });
    const charged: ChargeOutcome = { outcome: "charged", entryId, amountMilli: request.amountMilli, balanceAfterMilli: account.balanceMilli, allocations };
    replays.remember(request, charged);
    budgets.add(request.usage, request.amountMilli);
    usage.add(request.usage, request.amountMilli, now);
    outcomes.push(charged);
  }
  yield* usage.flush(companyId);
  const change = yield* account.flush(now, budgets.standings());
  if (options.afterChange) yield* options.afterChange(change);
  return outcomes;
}

const KEYS_PER_QUERY = 500;
const StoredKeyRow = shape({
  kind: col.oneOf(["charge", "hold"] as const),
  id: col.text,
  idempotencyKey: col.text,
  requestHash: col.textOrNull,
  referenceId: col.text,
  amountMilli: col.bigint,
  balanceAfterMilli: col.bigint,
});
const chargesUnder = (count: number) =>
  `SELECT 'charge' AS "kind", "id", "idempotencyKey", "requestHash", "referenceId", "amountMilli", "balanceAfterMilli" FROM "LedgerEntry"
    WHERE "companyId" = ? AND "idempotencyKey" IN (${placeholders(count)})`;
const STORED_KEYS = new TextsByCount(chargesUnder);
// With the holds still held under the same keys, oldest first, in the same statement.
const STORED_KEYS_AND_HOLDS = new TextsByCount(
  (count) => `${chargesUnder(count)}
   UNION ALL
   SELECT 'hold', "id", "ledgerKey", "requestHash", '', "amountMilli", 0 FROM "Hold"
    WHERE "companyId" = ? AND "state" = 'held' AND "ledgerKey" IN (${placeholders(count)})
   ORDER BY "kind", "id"`,
);
type Earlier = { entryId: string; requestHash: string; referenceId: string; amountMilli: bigint; balanceAfterMilli: bigint };
/** A hold still held under a key: a retry of its request takes it over (lib/ledger/holds.ts). */
export type OpenHold = { holdId: string; requestHash: string; amountMilli: bigint };

/**
 * The charges already booked under the requests' keys, and those booked by this transaction; for
 * holds, also the holds still held under those keys.
 */
export class KeyReplays {
  private constructor(
    private readonly earlier: Map<string, Earlier>,
    private readonly open: Map<string, OpenHold>,
  ) {}

  /** One query per 500 keys; none when no request has a key. `openHolds`: the held holds too. */
  static *load(companyId: string, requests: readonly Pick<ChargeRequest, "idempotencyKey">[], { openHolds = false } = {}): Query<KeyReplays> {
    const keys = [...new Set(requests.map((r) => r.idempotencyKey).filter((k): k is string => k !== undefined))];
    const found = new Map<string, Earlier>();
    const open = new Map<string, OpenHold>();
    for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
      const chunk = keys.slice(i, i + KEYS_PER_QUERY);
      const rows = openHolds
        ? yield* q.rows(STORED_KEYS_AND_HOLDS.of(chunk.length), [companyId, ...chunk, companyId, ...chunk], StoredKeyRow)
        : yield* q.rows(STORED_KEYS.of(chunk.length), [companyId, ...chunk], StoredKeyRow);
      KeyReplays.#add(found, open, rows);
    }
    return new KeyReplays(found, open);
  }

  /**
   * The charge booked under a hold's key, read by the hold's id: it goes out in the same round
   * trip as the hold itself, before its key is known here.
   */
  static *loadForHold(companyId: string, holdId: string): Query<KeyReplays> {
    const rows = yield* q.rows(
      `SELECT 'charge' AS "kind", e."id", e."idempotencyKey", e."requestHash", e."referenceId", e."amountMilli", e."balanceAfterMilli"
         FROM "Hold" h JOIN "LedgerEntry" e ON e."companyId" = h."companyId" AND e."idempotencyKey" = h."ledgerKey"
        WHERE h."id" = ? AND h."companyId" = ?`,
      [holdId, companyId],
      StoredKeyRow,
    );
    const found = new Map<string, Earlier>();
    const open = new Map<string, OpenHold>();
    KeyReplays.#add(found, open, rows);
    return new KeyReplays(found, open);
  }

  /** Each charge under its key, and the oldest hold still held under each key (rows come oldest first). */
  static #add(found: Map<string, Earlier>, open: Map<string, OpenHold>, rows: readonly ReturnType<typeof StoredKeyRow>[]): void {
    for (const row of rows) {
      if (row.kind === "hold") {
        if (!open.has(row.idempotencyKey)) open.set(row.idempotencyKey, { holdId: row.id, requestHash: row.requestHash ?? "", amountMilli: row.amountMilli });
        continue;
      }
      found.set(row.idempotencyKey, {
        entryId: row.id,
        requestHash: row.requestHash ?? "",
        referenceId: row.referenceId,
        amountMilli: -row.amountMilli,
        balanceAfterMilli: row.balanceAfterMilli,
      });
    }
  }

  /** A repeated key: the same request again (exists) or another one (exists_with_different_body). */
  of(request: Pick<ChargeRequest, "idempotencyKey" | "requestHash">): ChargeOutcome | undefined {
    if (!request.idempotencyKey) return undefined;
    const earlier = this.earlier.get(request.idempotencyKey);
    if (!earlier) return undefined;
    if (earlier.requestHash !== (request.requestHash ?? "")) return { outcome: "exists_with_different_body", entryId: earlier.entryId };
    return {
      outcome: "exists",
      entryId: earlier.entryId,
      referenceId: earlier.referenceId,
      amountMilli: earlier.amountMilli,
      balanceAfterMilli: earlier.balanceAfterMilli,
    };
  }

  /** The open hold of an earlier run of the same request: same key, body and price. */
  openHold(request: Pick<ChargeRequest, "idempotencyKey" | "requestHash" | "amountMilli">): OpenHold | undefined {
    if (!request.idempotencyKey) return undefined;
    const hold = this.open.get(request.idempotencyKey);
    return hold && hold.requestHash === (request.requestHash ?? "") && hold.amountMilli === request.amountMilli ? hold : undefined;
  }

  /** A hold placed in this transaction, open to the same request later in it. */
  rememberHold(request: Pick<ChargeRequest, "idempotencyKey" | "requestHash" | "amountMilli">, holdId: string): void {
    if (!request.idempotencyKey || this.open.has(request.idempotencyKey)) return;
    this.open.set(request.idempotencyKey, { holdId, requestHash: request.requestHash ?? "", amountMilli: request.amountMilli });
  }

  remember(request: Pick<ChargeRequest, "idempotencyKey" | "requestHash" | "referenceId">, charged: Extract<ChargeOutcome, { outcome: "charged" }>): void {
    if (!request.idempotencyKey) return;
    this.earlier.set(request.idempotencyKey, {
      entryId: charged.entryId,
      requestHash: request.requestHash ?? "",
      referenceId: request.referenceId ?? "",
      amountMilli: charged.amountMilli,
      balanceAfterMilli: charged.balanceAfterMilli,
    });
  }
}

export function validateCharge(request: ChargeRequest) {
  if (typeof request.amountMilli !== "bigint" || request.amountMilli <= 0n) {
    throw new AppError("invalid_request", `A charge must be a positive amount of credits (got ${String(request.amountMilli)} milli-credits).`);
  }
  const key = request.idempotencyKey;
  if (key !== undefined && (key.length < 1 || key.length > MAX_KEY_LENGTH || !/^[\x20-\x7e]+$/.test(key))) {
    throw new AppError("invalid_request", "An idempotency key is 1 to 255 printable ASCII characters.", { field: "Idempotency-Key" });
  }
  if (!request.action.trim()) throw new AppError("invalid_request", "A charge must say what it is for.");
}
