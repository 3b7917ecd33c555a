// The tracker worker: published trackers process the calls and emails in their scope, new ones
// as they arrive and their backfill, in batches. A question-based tracker charges each item
// the first time any question-based tracker processes it (the idempotency key is the item's,
// shared by all trackers, R-COST-3); every later use is free, and pretrained trackers are free.
// When a charge does not fit, the company's question trackers pause (R-ZERO-1) and keep their
// results; after an admin resumes one, its backlog is processed and charged (R-ZERO-2).
// Two workers at once never charge an item twice: the charge key and the result's primary key
// both make a repeat a no-op.

import { type ChargeRequest, chargesInTransaction, lockAccount } from "../billing";
import { callCostMilli, EMAIL_COST_MILLI } from "../costs";
import type { Database } from "../db";
import { INSTANCE_ID } from "../jobs";
import { type Query, q } from "../sql";
import { col, shape } from "../sql/rows";
import { passesFilters } from "./filters";
import { decodeTracker, ownDomains, TRACKER_COLUMNS, type WindowItem, type WorkingTracker, windowItems, windowStart } from "./items";
import { budgetPausedReason, pausedReasonText, pauseQuestionTrackers } from "./pause";

export const BATCH_SIZE = 500;

type Tracker = WorkingTracker & { publishedAt: Date };

export type WorkerResult = { processed: number; charged: number; paused: number };

/** How long a worker holds a tracker without renewing: longer than a batch ever takes. */
export const LEASE_MS = 2 * 60_000;

/**
 * Runs published trackers until their queues are empty or `maxBatches` batches have run, a batch
 * of each tracker in turn: one company's long backlog (a tracker published with a year of
 * history) does not hold back every other company's new calls until it is done. Each tracker is
 * taken under a row lease for each batch, so workers on several instances never process the same
 * tracker at once (a tracker another worker holds is skipped this turn) and share a backlog batch
 * by batch. A worker that died leaves a lease that lapses after LEASE_MS.
 */
export async function processTrackers(
  db: Database,
  {
    now,
    companyId,
    maxBatches = 50,
    owner = INSTANCE_ID,
    signal,
  }: {
    now: Date;
    companyId?: string;
    maxBatches?: number;
    owner?: string;
    /** Aborted when the process stops: the run ends after the batch in progress (each batch is one transaction). */
    signal?: AbortSignal;
  },
): Promise<WorkerResult> {
  const result: WorkerResult = { processed: 0, charged: 0, paused: 0 };
  await resumeAfterBudgetPeriods(db, now, companyId);
  const domains = new Map<string, Set<string>>();
  let batches = 0;
  // Leases run from the time that has passed since the run began, not from its start.
  const started = performance.now();
  const leaseNow = () => new Date(now.getTime() + Math.round(performance.now() - started));
  // Trackers with nothing more to do this run: caught up, paused or stopped.
  const done = new Set<string>();
  const more = () => batches < maxBatches && !signal?.aborted;
  for (;;) {
    // Read again each turn, so a tracker published during a long run gets its turn in it; each
    // run starts after the tracker the last one served, so none waits behind the same 50.
    const turn = inTurn(
      (await publishedTrackers(db, companyId)).filter((t) => !done.has(t.id)),
      lastServed.get(owner),
    );
    if (turn.length === 0 || !more()) break;
    let served = 0;
    for (const tracker of turn) {
      if (!more()) break;
      // Held by another worker: it is processing this tracker now; tried again next turn.
      if (!(await claimTracker(db, tracker.id, owner, leaseNow()))) continue;
      try {
        const items = await windowItems(db, tracker, { from: windowStart(tracker, now), withoutResultFor: tracker.id, limit: BATCH_SIZE });
        if (items.length < BATCH_SIZE) done.add(tracker.id);
        if (items.length === 0) continue;
        batches++;
        served++;
        lastServed.set(owner, tracker.id);
        if (!domains.has(tracker.companyId)) domains.set(tracker.companyId, await ownDomains(db.sql, tracker.companyId));
        const step = await processBatch(db, tracker, items, domains.get(tracker.companyId)!, now);
        result.processed += step.processed;
        result.charged += step.charged;
        result.paused += step.paused;
        if (step.paused > 0 || step.stopped) done.add(tracker.id);
      } finally {
        // Given back after each batch: another instance may take the tracker's next batch meanwhile.
        await db.sql.run(`UPDATE "Tracker" SET "leaseOwner" = '', "leaseUntil" = NULL WHERE "id" = ? AND "leaseOwner" = ?`, [tracker.id, owner]);
      }
    }
    // Everything left is held by other workers: they have it.
    if (served === 0) break;
  }
  return result;
}

/** Per worker (owner), the tracker its last batch was of: the next run starts after it. */
const lastServed = new Map<string, string>();

/** The trackers in the worker's order, starting after `after` and coming round to it. */
function inTurn(trackers: Tracker[], after: string | undefined): Tracker[] {
  const at = after === undefined ? -1 : trackers.findIndex((t) => t.id === after);
  return at < 0 ? trackers : [...trackers.slice(at + 1), ...trackers.slice(0, at + 1)];
}

/** Takes or renews the tracker's lease for `owner`; false when another worker holds it. */
async function claimTracker(db: Database, trackerId: string, owner: string, now: Date): Promise<boolean> {
  const claimed = await db.sql.run(
    `UPDATE "Tracker" SET "leaseOwner" = ?, "leaseUntil" = ?
      WHERE "id" = ? AND ("leaseOwner" = ? OR "leaseOwner" = '' OR "leaseUntil" IS NULL OR "leaseUntil" < ?)`,
    [owner, new Date(now.getTime() + LEASE_MS), trackerId, owner, now],
  );
  return claimed === 1;
}

async function publishedTrackers(db: Database, companyId?: string): Promise<Tracker[]> {
  const rows = await db.sql.rows(
    `SELECT ${TRACKER_COLUMNS}
       FROM "Tracker" t JOIN "Company" c ON c."id" = t."companyId"
      WHERE t."status" = 'published'${companyId ? ` AND t."companyId" = ?` : ""}
      ORDER BY t."companyId", t."type", t."createdAt", t."id"`,
    companyId ? [companyId] : [],
    decodeTracker,
  );
  return rows.filter((t): t is Tracker => t.publishedAt !== null);
}

/**
 * Trackers a budget paused resume by themselves when the budget's next period starts
 * (R-BUDGET-2), and then process their backlog; a pause at zero credits waits for an admin.
 */
export async function resumeAfterBudgetPeriods(db: Database, now: Date, companyId?: string): Promise<number> {
  return db.sql.run(
    `UPDATE "Tracker" SET "status" = 'published', "pausedReason" = '', "pausedAt" = NULL, "resumesAt" = NULL
      WHERE "status" = 'paused' AND "resumesAt" IS NOT NULL AND "resumesAt" <= ?${companyId ? ` AND "companyId" = ?` : ""}`,
    companyId ? [now, companyId] : [now],
  );
}

const STOPPED = { processed: 0, charged: 0, paused: 0, stopped: true };
const StatusRow = shape({ status: col.text });

async function processBatch(
  db: Database,
  t: Tracker,
  items: WindowItem[],
  domains: ReadonlySet<string>,
  now: Date,
): Promise<{ processed: number; charged: number; paused: number; stopped: boolean }> {
  // Unpublishing stops consumption at once: the status is read again under the company's account
  // lock, which unpublishing takes too, in the transaction that charges. A batch either charges
  // before the unpublish commits (which waits for it), or sees it and charges nothing.
  const STATUS = `SELECT "status" FROM "Tracker" WHERE "id" = ?`;
  const isPublished = function* (): Query<boolean> {
    return (yield* q.row(STATUS, [t.id], StatusRow))?.status === "published";
  };
  if ((await db.sql.row(STATUS, [t.id], StatusRow))?.status !== "published") return STOPPED;
  const kept = items.filter((i) => passesFilters(i, t, domains));
  const filteredOut = items.filter((i) => !passesFilters(i, t, domains));
  let done = kept;
  let charged = 0;
  let paused = 0;
  if (t.type === "question") {
    const toCharge = kept.filter((i) => !i.aiProcessed);
    const outcomes = toCharge.length
      ? await db.sql.transaction(function* (dialect) {
          yield* lockAccount(dialect, t.companyId);
          if (!(yield* isPublished())) return null;
          return yield* chargesInTransaction(
            dialect,
            t.companyId,
            toCharge.map((i) => chargeFor(t, i)),
            now,
          );
        })
      : [];
    if (outcomes === null) return STOPPED;
    const refused = new Set(
      toCharge.filter((_, n) => outcomes[n]!.outcome === "exceeds_credits" || outcomes[n]!.outcome === "exceeds_budget").map((i) => i.id),
    );
    charged = outcomes.filter((o) => o.outcome === "charged").length;
    done = kept.filter((i) => !refused.has(i.id));
    const overBudget = outcomes.find((o) => o.outcome === "exceeds_budget");
    if (outcomes.some((o) => o.outcome === "exceeds_credits")) {
      paused = await db.sql.transaction(function* (): Query<number> {
        return yield* pauseQuestionTrackers(t.companyId, pausedReasonText(now, t.timeZone, "short"), now);
      });
    } else if (overBudget?.outcome === "exceeds_budget") {
      paused = await db.sql.run(
        `UPDATE "Tracker" SET "status" = 'paused', "pausedReason" = ?, "pausedAt" = ?, "resumesAt" = ? WHERE "id" = ? AND "status" = 'published'`,
        [budgetPausedReason(overBudget.name), now, overBudget.resumesAt, t.id],
      );
    }
  }
  await recordResults(db, t, done, filteredOut, now);
  return { processed: done.length + filteredOut.length, charged, paused, stopped: false };
}

function chargeFor(t: Tracker, i: WindowItem): ChargeRequest {
  const backfill = i.occurredAt < t.publishedAt;
  return {
    amountMilli: i.kind === "call" ? callCostMilli(i.durationSeconds) : EMAIL_COST_MILLI,
    action: `AI tracker: ${t.name}`,
    idempotencyKey: `ai:${i.kind}:${i.id}`,
    requestHash: "",
    usage: {
      featureType: "ai_tracker",
      featureName: t.name,
      usageAction: backfill ? "backfill" : "continuous",
      trackerId: t.id,
      teamId: i.ownerTeamId ?? undefined,
      calls: i.kind === "call" ? 1 : 0,
      emails: i.kind === "email" ? 1 : 0,
    },
  };
}

function matchTerms(t: Tracker): string[] {
  const source = t.type === "pretrained" && t.phrases ? t.phrases.split("\n") : (t.question.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []);
  return source.map((s) => s.trim().toLowerCase()).filter(Boolean);
}

async function recordResults(db: Database, t: Tracker, items: WindowItem[], filteredOut: WindowItem[], now: Date) {
  if (items.length === 0 && filteredOut.length === 0) return;
  const terms = matchTerms(t);
  await db.sql.transaction(function* (): Query<void> {
    for (const i of items) {
      const lower = i.text.toLowerCase();
      const hit = terms.find((term) => lower.includes(term));
      yield* q.run(
        `INSERT INTO "TrackerResult" ("trackerId", "itemType", "itemId", "matched", "snippet", "processedAt") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("trackerId", "itemType", "itemId") DO NOTHING`,
        [t.id, i.kind, i.id, hit !== undefined, hit ? snippet(i.text, lower.indexOf(hit)) : "", now],
      );
      if (t.type === "question" && !i.aiProcessed) {
        yield* q.run(`UPDATE "${i.kind === "call" ? "Call" : "Email"}" SET "aiProcessedAt" = ? WHERE "id" = ? AND "aiProcessedAt" IS NULL`, [now, i.id]);
      }
    }
    // Left out by the filters: looked at once, so the window moves on; nothing charged or matched.
    for (const i of filteredOut) {
      yield* q.run(
        `INSERT INTO "TrackerResult" ("trackerId", "itemType", "itemId", "matched", "snippet", "processedAt", "filteredOut") VALUES (?, ?, ?, ?, '', ?, ?) ON CONFLICT ("trackerId", "itemType", "itemId") DO NOTHING`,
        [t.id, i.kind, i.id, false, now, true],
      );
    }
  });
}

function snippet(text: string, at: number): string {
  const start = Math.max(0, at - 60);
  return `${start > 0 ? "…" : ""}${text.slice(start, at + 140)}${at + 140 < text.length ? "…" : ""}`;
}

const CountRow = shape({ n: col.int });

/**
 * How far along a tracker of this company is: the items it took (not left out by its filters),
 * of those plus the items in its window it has not looked at yet and its filters let through.
 */
export async function trackerProgress(
  db: Database,
  { companyId, trackerId }: { companyId: string; trackerId: string },
): Promise<{ processed: number; total: number }> {
  const tracker = await db.sql.row(
    `SELECT ${TRACKER_COLUMNS} FROM "Tracker" t JOIN "Company" c ON c."id" = t."companyId" WHERE t."id" = ? AND t."companyId" = ?`,
    [trackerId, companyId],
    decodeTracker,
  );
  if (!tracker || tracker.publishedAt === null) return { processed: 0, total: 0 };
  const processed = (await db.sql.row(`SELECT COUNT(*) AS n FROM "TrackerResult" WHERE "trackerId" = ? AND "filteredOut" = ?`, [trackerId, false], CountRow))!
    .n;
  const backlog = await windowItems(db, tracker, { from: windowStart(tracker, tracker.publishedAt), withoutResultFor: trackerId, withText: false });
  const domains = await ownDomains(db.sql, companyId);
  return { processed, total: processed + backlog.filter((i) => passesFilters(i, tracker, domains)).length };
}
