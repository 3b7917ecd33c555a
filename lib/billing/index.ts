// Billing: the ledger as the app uses it. Every change of balance goes through lib/ledger, which
// knows nothing of notifications or trackers; here each ledger operation is given what follows
// from a change, to run in the same transaction: usage alerts (R-NOTIFY-1), the pause of
// question trackers at zero (R-ZERO-1) and budget alerts (R-BUDGET-2). Feature areas and
// scripts charge, record and correct through this module, never through lib/ledger's writes.

import type { AfterChange, ChargeOutcome, ChargeRequest, HoldOutcome } from "../ledger";
import * as ledger from "../ledger";
import { evaluateBudgetAlerts } from "../notify/budget-alerts";
import { evaluateThresholds } from "../notify/thresholds";
import type { Dialect, SqlDatabase } from "../sql";
import { pausedReasonText, pauseQuestionTrackers } from "../trackers/pause";
import { GroupCommit } from "./group-commit";

export const afterAccountChange: AfterChange = function* (change) {
  if (change.entriesAppended === 0) return;
  yield* evaluateThresholds({
    companyId: change.companyId,
    companyName: change.companyName,
    before: { remainingMilli: change.balanceBeforeMilli, totalMilli: change.totalBeforeMilli },
    remainingMilli: change.balanceMilli,
    totalMilli: change.totalMilli,
    now: change.at,
  });
  if (change.reachedZero) yield* pauseQuestionTrackers(change.companyId, pausedReasonText(change.at, change.timeZone), change.at);
  if (change.budgets.length > 0) yield* evaluateBudgetAlerts(change.companyId, change.budgets, change.at);
};

const effects = { afterChange: afterAccountChange };

export function charge(db: SqlDatabase, companyId: string, request: ChargeRequest, now: Date) {
  return ledger.charge(db, companyId, request, now, effects);
}

export function chargeMany(db: SqlDatabase, companyId: string, requests: readonly ChargeRequest[], now: Date) {
  return ledger.chargeMany(db, companyId, requests, now, effects);
}

export { lockAccount } from "../ledger";

export function chargesInTransaction(dialect: Dialect, companyId: string, requests: readonly ChargeRequest[], now: Date) {
  return ledger.chargesInTransaction(dialect, companyId, requests, now, effects);
}

/**
 * Captures a hold. On PostgreSQL, captures on one company that arrive while one is running are
 * grouped into one transaction (GroupCommit); on SQLite a transaction runs to its end without
 * waiting, and each runs alone.
 */
export function captureHold(
  db: SqlDatabase,
  companyId: string,
  holdId: string,
  now: Date,
  options: Omit<ledger.CaptureOptions, "afterChange"> = {},
): Promise<ChargeOutcome> {
  if (db.dialect === "postgresql") return groupsOf(db).captures.submit(companyId, { holdId, now, ...options });
  return ledger.captureHold(db, companyId, holdId, now, { ...options, ...effects });
}

/** Holds credits for a request; grouped on PostgreSQL as captures are. */
export function placeHold(db: SqlDatabase, companyId: string, request: ChargeRequest, now: Date, options: { ttlMs?: number } = {}): Promise<HoldOutcome> {
  if (db.dialect === "postgresql") return groupsOf(db).holds.submit(companyId, { request, now, ...options });
  return ledger.placeHold(db, companyId, request, now, { ...options, ...effects });
}

/** The most holds, or captures, one grouped transaction takes: a bound on how long it holds the lock. */
export const MAX_GROUPED = 64;

type Groups = { holds: GroupCommit<ledger.HoldInput, HoldOutcome>; captures: GroupCommit<ledger.CaptureInput, ChargeOutcome> };
const groups = new WeakMap<SqlDatabase, Groups>();

function groupsOf(db: SqlDatabase): Groups {
  let g = groups.get(db);
  if (g) return g;
  g = {
    holds: new GroupCommit({
      maxBatch: MAX_GROUPED,
      one: (companyId, { request, now, ttlMs }) => ledger.placeHold(db, companyId, request, now, { ttlMs, ...effects }),
      many: (companyId, inputs) => ledger.placeHolds(db, companyId, inputs, effects),
    }),
    captures: new GroupCommit({
      maxBatch: MAX_GROUPED,
      one: (companyId, { holdId, now, ...options }) => ledger.captureHold(db, companyId, holdId, now, { ...options, ...effects }),
      many: (companyId, inputs) => ledger.captureHolds(db, companyId, inputs, effects),
    }),
  };
  groups.set(db, g);
  return g;
}

/** How grouping went on this database handle: transactions and operations, per kind. */
export function groupStats(db: SqlDatabase) {
  const g = groups.get(db);
  return { holds: g?.holds.stats, captures: g?.captures.stats };
}

export function releaseHold(db: SqlDatabase, companyId: string, holdId: string, now: Date) {
  return ledger.releaseHold(db, companyId, holdId, now, effects);
}

export function releaseExpiredHolds(db: SqlDatabase, now: Date) {
  return ledger.releaseExpiredHolds(db, now, effects);
}

export function recordPurchase(db: SqlDatabase, input: ledger.PurchaseInput, now: Date, alsoInTransaction?: Parameters<typeof ledger.recordPurchase>[3]) {
  return ledger.recordPurchase(db, input, now, alsoInTransaction, effects);
}

export function adjustCredits(
  db: SqlDatabase,
  input: ledger.AdjustmentInput,
  now: Date,
  alsoInTransaction?: (result: ledger.AdjustmentResult) => ledger.LedgerQuery,
) {
  return ledger.adjustCredits(db, input, now, { ...effects, alsoInTransaction });
}

export function refundCharge(db: SqlDatabase, input: ledger.RefundInput, now: Date, alsoInTransaction?: (result: ledger.RefundResult) => ledger.LedgerQuery) {
  return ledger.refundCharge(db, input, now, { ...effects, alsoInTransaction });
}

export function voidPurchase(db: SqlDatabase, input: ledger.VoidInput, now: Date, alsoInTransaction?: (result: ledger.VoidResult) => ledger.LedgerQuery) {
  return ledger.voidPurchase(db, input, now, { ...effects, alsoInTransaction });
}

export function settleDueAccounts(db: SqlDatabase, now: Date) {
  return ledger.settleDueAccounts(db, now, effects);
}

export function settleAccount(db: SqlDatabase, companyId: string, now: Date) {
  return ledger.settleAccount(db, companyId, now, effects);
}

// Operations with nothing to follow up, and reads.
export {
  type AccountChange,
  type Allocation,
  BUDGET_PERIODS,
  BUDGET_SCOPE_KINDS,
  type BudgetPeriod,
  type BudgetRefusal,
  type BudgetScopeKind,
  budgetPeriod,
  budgetScope,
  type ChargeOutcome,
  type ChargeRequest,
  type CreditSummary,
  createCompany,
  ENTRY_KINDS,
  FEATURE_TYPES,
  type FeatureType,
  GRANT_KINDS,
  type GrantKind,
  type GrantLineage,
  type GrantView,
  getCreditSummary,
  grantLineage,
  HOLD_TTL_MS,
  type HoldOutcome,
  type LineageLine,
  listCurrentGrants,
  MAX_CHARGES_PER_BATCH,
  type NewCompany,
  type PurchaseInput,
  type PurchaseResult,
  type UsageDescriptor,
} from "../ledger";
