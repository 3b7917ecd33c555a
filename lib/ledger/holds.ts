// Holds (R-HOLD-1): a charged API or MCP request sets its credits aside before it processes,
// drawn FEFO and recorded per grant, so nobody else can spend them; on success the hold is
// captured into a charge (the same split, where its grants are still open), on failure it is
// released and nothing is charged. Capture and release are idempotent. A hold whose process
// died is released by the ledger job once it expires (HOLD_TTL_MS after it was placed).
// Budgets count held credits, so requests in flight cannot together pass a limit.
import assert from "node:assert/strict";
import { AppError } from "../errors";
import { createId } from "../ids";
import { type Query, q, type SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";
import { formatLocalDate } from "../time/zoned";
import { Account } from "./account";
import { BudgetGuard } from "./budgets";
import { KeyReplays, type LedgerOptions, validateCharge } from "./charge";
import type { Allocation, ChargeOutcome, ChargeRequest, FeatureType, UsageDescriptor } from "./types";
import { UsageBuffer } from "./usage";

/**
 * How long a hold lives before the ledger job takes its process for dead and releases it: 9
 * minutes, so that with the job every minute a dead process's hold is released within 10
 * (R-HOLD-1).
 */
export const HOLD_TTL_MS = 9 * 60_000;

export type HoldOutcome =
  | { outcome: "held"; holdId: string; amountMilli: bigint }
  | Extract<ChargeOutcome, { outcome: "exists" | "exists_with_different_body" | "exceeds_credits" | "exceeds_budget" }>;

/**
 * Sets `request.amountMilli` aside for the request; nothing is charged yet. What settling brought
 * due (a new contract year's grant, an expiry) is written first, with what follows from it.
 */
export async function placeHold(
  db: SqlDatabase,
  companyId: string,
  request: ChargeRequest,
  now: Date,
  { ttlMs = HOLD_TTL_MS, afterChange }: { ttlMs?: number } & LedgerOptions = {},
): Promise<HoldOutcome> {
  validateCharge(request);
  return db.transaction(function* (dialect): Query<HoldOutcome> {
    const [account, replays] = yield* q.parallel(Account.open(dialect, companyId), KeyReplays.load(companyId, [request], { openHolds: true }));
    account.settle(now);
    const budgets = yield* BudgetGuard.load(account, now);
    const decided = decideHold(account, replays, budgets, request);
    if (!Array.isArray(decided)) {
      if (decided.outcome === "held") yield* renewHold(decided.holdId, now, ttlMs);
      return decided;
    }
    // The grants first: a hold may be on a grant settle() issued in this transaction.
    const change = yield* account.flush(now);
    if (afterChange) yield* afterChange(change);
    const holdId = createId("hold", now);
    yield* insertHold(holdId, companyId, request, decided, now, ttlMs);
    return { outcome: "held", holdId, amountMilli: request.amountMilli };
  });
}

/** A hold taken over by a retry lives on from the retry's instant. */
function* renewHold(holdId: string, now: Date, ttlMs: number): Query<void> {
  yield* q.write(`UPDATE "Hold" SET "expiresAt" = ? WHERE "id" = ? AND "state" = 'held'`, [new Date(now.getTime() + ttlMs), holdId]);
}

/**
 * A request's refusal (a replay of its key, too little to spend, a budget it would pass), the
 * open hold of an earlier run of the same request (same key, body and price) that it takes over,
 * or the allocations it now holds in `account` and counts in `budgets`.
 */
function decideHold(account: Account, replays: KeyReplays, budgets: BudgetGuard, request: ChargeRequest): HoldOutcome | Allocation[] {
  const replay = replays.of(request);
  if (replay) return replay as HoldOutcome;
  // A retry of a request whose process died before capturing takes that run's hold over, rather
  // than holding the price a second time until the first expires (with little left, it would be
  // refused for credits its own earlier run holds).
  const earlier = replays.openHold(request);
  if (earlier) return { outcome: "held", holdId: earlier.holdId, amountMilli: earlier.amountMilli };
  const allocations = account.allocate(request.amountMilli);
  if (!allocations) return { outcome: "exceeds_credits", requiredMilli: request.amountMilli, availableMilli: account.spendableMilli };
  const overBudget = budgets.check(request.usage, request.amountMilli);
  if (overBudget) return { outcome: "exceeds_budget", ...overBudget };
  account.hold(allocations);
  budgets.hold(request.usage, request.amountMilli);
  return allocations;
}

/** Writes a hold placed in this transaction and its allocations. */
function* insertHold(holdId: string, companyId: string, request: ChargeRequest, allocations: readonly Allocation[], now: Date, ttlMs: number): Query<void> {
  const u = request.usage;
  yield* q.write(
    `INSERT INTO "Hold" ("id", "companyId", "amountMilli", "state", "createdAt", "expiresAt", "action", "ledgerKey", "requestHash", "actorUserId",
                       "featureType", "featureName", "usageAction", "integration", "apiKeyId", "teamId", "calls", "emails", "requests")
   VALUES (?, ?, ?, 'held', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      holdId,
      companyId,
      request.amountMilli,
      now,
      new Date(now.getTime() + ttlMs),
      request.action,
      request.idempotencyKey ?? null,
      request.requestHash ?? "",
      request.actorUserId ?? null,
      u.featureType,
      u.featureName,
      u.usageAction,
      u.integration ?? "",
      u.apiKeyId ?? "",
      u.teamId ?? "",
      u.calls ?? 0,
      u.emails ?? 0,
      u.requests ?? 0,
    ],
  );
  for (const a of allocations)
    yield* q.write(`INSERT INTO "HoldAllocation" ("holdId", "grantId", "amountMilli") VALUES (?, ?, ?)`, [holdId, a.grantId, a.amountMilli]);
}

const HoldRow = shape({
  state: col.oneOf(["held", "captured", "released"] as const),
  amountMilli: col.bigint,
  entryId: col.textOrNull,
  action: col.text,
  ledgerKey: col.textOrNull,
  requestHash: col.text,
  actorUserId: col.textOrNull,
  featureType: col.text,
  featureName: col.text,
  usageAction: col.text,
  integration: col.text,
  apiKeyId: col.text,
  teamId: col.text,
  calls: col.int,
  emails: col.int,
  requests: col.int,
});
type HoldRecord = ReturnType<typeof HoldRow> & { allocations: Allocation[] };
const AllocationRow = shape({ grantId: col.text, amountMilli: col.bigint });

/** The hold and its allocations, in one round trip; read after the account's lock, under which holds change. */
function* readHold(companyId: string, holdId: string): Query<HoldRecord> {
  const [hold, allocations] = yield* q.parallel(
    q.row(
      `SELECT "state", "amountMilli", "entryId", "action", "ledgerKey", "requestHash", "actorUserId", "featureType", "featureName", "usageAction", "integration", "apiKeyId", "teamId", "calls", "emails", "requests"
         FROM "Hold" WHERE "id" = ? AND "companyId" = ?`,
      [holdId, companyId],
      HoldRow,
    ),
    q.rows(`SELECT "grantId", "amountMilli" FROM "HoldAllocation" WHERE "holdId" = ? ORDER BY "grantId"`, [holdId], AllocationRow),
  );
  if (!hold) throw new AppError("not_found", `Your company has no hold ${holdId}.`);
  return { ...hold, allocations };
}

/** What a hold's charge is for, as the hold recorded it. */
function usageOf(hold: HoldRecord): UsageDescriptor {
  return {
    featureType: hold.featureType as FeatureType,
    featureName: hold.featureName,
    usageAction: hold.usageAction,
    integration: hold.integration,
    userId: hold.actorUserId ?? "",
    apiKeyId: hold.apiKeyId,
    teamId: hold.teamId,
    calls: hold.calls,
    emails: hold.emails,
    requests: hold.requests,
  };
}

/** Charges a captured hold's split: its entry, its usage (into `buffer`), the hold marked captured; answers the entry's id. */
function* bookCapture(
  account: Account,
  buffer: UsageBuffer,
  holdId: string,
  hold: HoldRecord,
  allocations: readonly Allocation[],
  at: Date,
  referenceId: string | undefined,
): Query<string> {
  const usage = usageOf(hold);
  const entryId = account.draw(allocations, {
    kind: "used",
    at,
    action: hold.action,
    idempotencyKey: hold.ledgerKey ?? undefined,
    requestHash: hold.requestHash,
    actorUserId: hold.actorUserId ?? undefined,
    usage,
    referenceId,
  });
  buffer.add(usage, hold.amountMilli, at);
  yield* settleHold(holdId, "captured", at, entryId);
  return entryId;
}

function* settleHold(holdId: string, state: "captured" | "released", now: Date, entryId: string | null): Query<void> {
  yield* q.write(`UPDATE "Hold" SET "state" = ?, "settledAt" = ?, "entryId" = ? WHERE "id" = ?`, [state, now, entryId, holdId]);
}

export type CaptureOptions = LedgerOptions & {
  /** The id the charged answer carries. */
  referenceId?: string;
  /** More work in the same transaction, given the outcome (the idempotency record's response). */
  alsoInTransaction?: (outcome: ChargeOutcome) => Query<void>;
};

/**
 * Captures a hold into a charge. Captured already: answers that charge again (`exists`). Another
 * hold under the same key captured first: answers that charge and releases this one. Released
 * meanwhile (the ledger job took its process for dead): charged afresh if it still fits the
 * balance and the budgets.
 */
export async function captureHold(db: SqlDatabase, companyId: string, holdId: string, now: Date, options: CaptureOptions = {}): Promise<ChargeOutcome> {
  return db.transaction(function* (dialect): Query<ChargeOutcome> {
    // The lock, the hold and any charge under its key: one round trip on PostgreSQL.
    const [account, hold, replays] = yield* q.parallel(
      Account.open(dialect, companyId),
      readHold(companyId, holdId),
      KeyReplays.loadForHold(companyId, holdId),
    );
    account.settle(now);
    const usage = usageOf(hold);
    const giveBack = function* (): Query<void> {
      if (hold.state !== "held") return;
      account.release(hold.allocations);
      yield* settleHold(holdId, "released", now, null);
    };
    let outcome: ChargeOutcome;
    if (hold.state === "captured") {
      assert.ok(hold.entryId, "a captured hold names its charge");
      // What the charge was booked under: read with it when the hold has a key; otherwise only
      // the request that placed the hold captures it again, under its own reference.
      const earlier = hold.ledgerKey ? replays.of({ idempotencyKey: hold.ledgerKey, requestHash: hold.requestHash }) : undefined;
      const referenceId = earlier?.outcome === "exists" ? earlier.referenceId : (options.referenceId ?? "");
      outcome = { outcome: "exists", entryId: hold.entryId, referenceId, amountMilli: hold.amountMilli, balanceAfterMilli: account.balanceMilli };
    } else {
      const key = hold.ledgerKey ?? undefined;
      const replay = key ? replays.of({ idempotencyKey: key, requestHash: hold.requestHash }) : undefined;
      // A released hold no longer counts toward its budgets: they are checked again.
      const overBudget = !replay && hold.state === "released" ? (yield* BudgetGuard.load(account, now)).check(usage, hold.amountMilli) : undefined;
      const allocations = replay || overBudget ? undefined : hold.state === "held" ? account.captureHeld(hold.allocations) : account.allocate(hold.amountMilli);
      if (replay) {
        yield* giveBack();
        outcome = replay;
      } else if (overBudget) {
        outcome = { outcome: "exceeds_budget", ...overBudget };
      } else if (!allocations) {
        yield* giveBack();
        outcome = { outcome: "exceeds_credits", requiredMilli: hold.amountMilli, availableMilli: account.spendableMilli };
      } else {
        const buffer = new UsageBuffer(account.company.timeZone);
        const entryId = yield* bookCapture(account, buffer, holdId, hold, allocations, now, options.referenceId);
        yield* buffer.flush(companyId);
        outcome = { outcome: "charged", entryId, amountMilli: hold.amountMilli, balanceAfterMilli: account.balanceMilli, allocations };
      }
    }
    // Budgets stand as they did with the hold counted; read them again for the alerts.
    const budgets = outcome.outcome === "charged" ? yield* BudgetGuard.load(account, now, { countHeld: false }) : BudgetGuard.none;
    if (outcome.outcome === "charged") budgets.touch(usage);
    const change = yield* account.flush(now, budgets.standings());
    if (options.afterChange) yield* options.afterChange(change);
    if (options.alsoInTransaction) yield* options.alsoInTransaction(outcome);
    return outcome;
  });
}

/** One request of a batch of holds: its own instant and lifetime. */
export type HoldInput = { request: ChargeRequest; now: Date; ttlMs?: number };

/**
 * Holds for several requests of one company in one transaction, in order, as placeHold would
 * place them one after another: one that does not fit does not stop the rest, and each is
 * checked against the balance and the budgets with the ones before it held. The transaction
 * takes the requests of the first one's local date (see batchOf) and settles the account at the
 * latest of their instants; any other is answered undefined, for placeHold to take after this
 * commits.
 */
export async function placeHolds(
  db: SqlDatabase,
  companyId: string,
  inputs: readonly HoldInput[],
  { afterChange }: LedgerOptions = {},
): Promise<(HoldOutcome | undefined)[]> {
  const requests = inputs.map((i) => i.request);
  requests.forEach(validateCharge);
  return db.transaction(function* (dialect): Query<(HoldOutcome | undefined)[]> {
    const [account, replays] = yield* q.parallel(Account.open(dialect, companyId), KeyReplays.load(companyId, requests, { openHolds: true }));
    const { taken, now } = batchOf(inputs, account.company.timeZone);
    account.settle(now);
    const budgets = yield* BudgetGuard.load(account, now);
    // Each request's refusal, or what it holds under a new hold's id (written once the grants
    // are). A new hold counts as open from here, so the same request again in this batch takes it
    // over as it would after this commits.
    const decided = requests.map((request, index) => {
      if (!taken[index]) return undefined;
      const d = decideHold(account, replays, budgets, request);
      if (!Array.isArray(d)) return d;
      const holdId = createId("hold", inputs[index]!.now);
      replays.rememberHold(request, holdId);
      return { holdId, allocations: d };
    });
    const change = yield* account.flush(now);
    if (afterChange) yield* afterChange(change);
    const outcomes: (HoldOutcome | undefined)[] = [];
    for (const [index, d] of decided.entries()) {
      const { request, now: at, ttlMs = HOLD_TTL_MS } = inputs[index]!;
      if (d === undefined || "outcome" in d) {
        // A hold taken over lives on from this request; it was written before it (in order).
        if (d?.outcome === "held") yield* renewHold(d.holdId, at, ttlMs);
        outcomes.push(d);
        continue;
      }
      yield* insertHold(d.holdId, companyId, request, d.allocations, at, ttlMs);
      outcomes.push({ outcome: "held", holdId: d.holdId, amountMilli: request.amountMilli });
    }
    return outcomes;
  });
}

/** One capture of a batch: the hold, its instant, and what its caller writes with it. */
export type CaptureInput = { holdId: string; now: Date } & Pick<CaptureOptions, "referenceId" | "alsoInTransaction">;

/**
 * Captures several holds of one company in one transaction, in order. It takes the plain case
 * only, a hold still held whose parts still fit and whose key has no charge yet (here or earlier
 * in the batch), once, on the first capture's local date (see batchOf): such a capture answers
 * "charged". Any other is left alone and answered undefined, for captureHold to take after this
 * commits (a replay, a hold released meanwhile or named twice, a part whose grant closed and does
 * not fit elsewhere, another date). Each capture's `alsoInTransaction` runs with its outcome,
 * after the ledger's writes.
 */
export async function captureHolds(
  db: SqlDatabase,
  companyId: string,
  inputs: readonly CaptureInput[],
  { afterChange }: LedgerOptions = {},
): Promise<(ChargeOutcome | undefined)[]> {
  return db.transaction(function* (dialect): Query<(ChargeOutcome | undefined)[]> {
    // The lock, every hold and any charge under each hold's key: one round trip on PostgreSQL.
    const [account, reads] = yield* q.parallel(
      Account.open(dialect, companyId),
      q.parallel(...inputs.map((i) => q.parallel(readHold(companyId, i.holdId), KeyReplays.loadForHold(companyId, i.holdId)))),
    );
    const { taken, now } = batchOf(inputs, account.company.timeZone);
    account.settle(now);
    const buffer = new UsageBuffer(account.company.timeZone);
    const keys = new Set<string>();
    // Every copy of a hold read the same row: only the first may capture it.
    const seen = new Set<string>();
    const outcomes: (ChargeOutcome | undefined)[] = [];
    const charged: UsageDescriptor[] = [];
    for (const [index, input] of inputs.entries()) {
      const [hold, replays] = reads[index]!;
      const first = !seen.has(input.holdId);
      seen.add(input.holdId);
      const key = hold.ledgerKey ?? undefined;
      const plain =
        taken[index] && first && hold.state === "held" && !(key && (keys.has(key) || replays.of({ idempotencyKey: key, requestHash: hold.requestHash })));
      const allocations = plain ? account.captureHeld(hold.allocations) : undefined;
      if (!allocations) {
        outcomes.push(undefined);
        continue;
      }
      if (key) keys.add(key);
      const entryId = yield* bookCapture(account, buffer, input.holdId, hold, allocations, input.now, input.referenceId);
      outcomes.push({ outcome: "charged", entryId, amountMilli: hold.amountMilli, balanceAfterMilli: account.balanceMilli, allocations });
      charged.push(usageOf(hold));
    }
    yield* buffer.flush(companyId);
    // Budgets stand as they did with the holds counted; read them again for the alerts.
    const budgets = charged.length > 0 ? yield* BudgetGuard.load(account, now, { countHeld: false }) : BudgetGuard.none;
    for (const usage of charged) budgets.touch(usage);
    const change = yield* account.flush(now, budgets.standings());
    if (afterChange) yield* afterChange(change);
    for (const [index, input] of inputs.entries()) {
      const outcome = outcomes[index];
      if (outcome && input.alsoInTransaction) yield* input.alsoInTransaction(outcome);
    }
    return outcomes;
  });
}

/**
 * Which of a batch's requests it takes, and the instant it runs at: the requests on the first
 * one's local date in the company's zone, at the latest of their instants. Budget periods,
 * contract years and the days usage is booked on all turn at local midnight, so each request is
 * decided in the periods its own instant falls in, as it would be alone; a request of another
 * date (a batch across midnight) is left to run alone after the batch.
 */
function batchOf(inputs: readonly { now: Date }[], timeZone: string): { taken: boolean[]; now: Date } {
  if (inputs.length === 0) throw new TypeError("a batch needs at least one request");
  const date = formatLocalDate(inputs[0]!.now, timeZone);
  const taken = inputs.map((i) => formatLocalDate(i.now, timeZone) === date);
  const now = inputs.reduce((max, i, index) => (taken[index] && i.now > max ? i.now : max), inputs[0]!.now);
  return { taken, now };
}

/** Gives a hold's credits back; nothing is charged. Released or captured already: does nothing. */
export async function releaseHold(
  db: SqlDatabase,
  companyId: string,
  holdId: string,
  now: Date,
  options: LedgerOptions = {},
): Promise<"released" | "captured" | "already_released"> {
  return db.transaction(function* (dialect): Query<"released" | "captured" | "already_released"> {
    const [account, hold] = yield* q.parallel(Account.open(dialect, companyId), readHold(companyId, holdId));
    account.settle(now);
    if (hold.state === "captured") return "captured";
    if (hold.state === "released") return "already_released";
    account.release(hold.allocations);
    yield* settleHold(holdId, "released", now, null);
    const change = yield* account.flush(now);
    if (options.afterChange) yield* options.afterChange(change);
    return "released";
  });
}

const ExpiredRow = shape({ id: col.text, companyId: col.text });

/**
 * The ledger job's part: releases holds whose processes died (past their expiry). A hold whose
 * release fails does not keep the others held: each is tried, then the failures are thrown
 * together (an AggregateError).
 */
export async function releaseExpiredHolds(db: SqlDatabase, now: Date, options: LedgerOptions = {}): Promise<number> {
  const expired = await db.rows(`SELECT "id", "companyId" FROM "Hold" WHERE "state" = 'held' AND "expiresAt" <= ? ORDER BY "expiresAt"`, [now], ExpiredRow);
  let released = 0;
  const failures: Error[] = [];
  for (const h of expired) {
    try {
      if ((await releaseHold(db, h.companyId, h.id, now, options)) === "released") released++;
    } catch (error) {
      failures.push(new Error(`releasing expired hold ${h.id} of company ${h.companyId} failed`, { cause: error }));
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `released ${released} of ${expired.length} expired holds; ${failures.length} failed`);
  return released;
}
