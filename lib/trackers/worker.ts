// The tracker worker: published trackers process the calls and emails in their scope, new ones
// as they arrive and their backfill, in batches. A question-based tracker charges each item
// the first time any question-based tracker processes it (the idempotency key is the item's,
// shared by all trackers, R-COST-3); every later use is free, and pretrained trackers are free.
// When a charge does not fit, the company's question trackers pause (R-ZERO-1) and keep their
// results; after an admin resumes one, its backlog is processed and charged (R-ZERO-2).
// Two workers at once never charge an item twice: the charge key and the result's primary key
// both make a repeat a no-op.

import { type ChargeRequest, chargeMany } from "../billing";
import { callCostMilli, EMAIL_COST_MILLI } from "../costs";
import type { Database } from "../db";
import { INSTANCE_ID } from "../jobs";
import { type Query, q, type Row, toDate, toNumber } from "../sql";
import { pausedReasonText, pauseQuestionTrackers } from "./pause";

const DAY_MS = 86_400_000;
export const BATCH_SIZE = 500;

type Tracker = {
  id: string;
  companyId: string;
  name: string;
  type: "question" | "pretrained";
  question: string;
  phrases: string;
  includeCalls: boolean;
  includeEmails: boolean;
  minCallSeconds: number;
  backfillDays: number;
  publishedAt: Date;
  timeZone: string;
};
type Item = { kind: "call" | "email"; id: string; text: string; durationSeconds: number; processed: boolean; occurredAt: Date };

export type WorkerResult = { processed: number; charged: number; paused: number };

/** How long a worker holds a tracker without renewing: longer than a batch ever takes. */
export const LEASE_MS = 2 * 60_000;

/**
 * Runs published trackers until their queues are empty or `maxBatches` batches have run. Each
 * tracker is taken under a row lease first, so workers on several instances never process the
 * same tracker at once (a tracker another worker holds is skipped this round); the lease is
 * renewed with every batch and given back at the end. A worker that died leaves a lease that
 * lapses after LEASE_MS.
 */
export async function processTrackers(
  db: Database,
  { now, companyId, maxBatches = 50, owner = INSTANCE_ID }: { now: Date; companyId?: string; maxBatches?: number; owner?: string },
): Promise<WorkerResult> {
  const result: WorkerResult = { processed: 0, charged: 0, paused: 0 };
  let batches = 0;
  for (const tracker of await publishedTrackers(db, companyId)) {
    if (batches >= maxBatches) break;
    if (!(await claimTracker(db, tracker.id, owner, now))) continue;
    try {
      while (batches < maxBatches) {
        const items = await nextItems(db, tracker, BATCH_SIZE);
        if (items.length === 0) break;
        batches++;
        const step = await processBatch(db, tracker, items, now);
        result.processed += step.processed;
        result.charged += step.charged;
        result.paused += step.paused;
        if (step.paused > 0 || step.stopped) break;
        if (!(await claimTracker(db, tracker.id, owner, now))) break;
      }
    } finally {
      await db.sql.run(`UPDATE "Tracker" SET "leaseOwner" = '', "leaseUntil" = NULL WHERE "id" = ? AND "leaseOwner" = ?`, [tracker.id, owner]);
    }
  }
  return result;
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
  const rows = await db.sql.all(
    `SELECT t."id", t."companyId", t."name", t."type", t."question", t."phrases", t."includeCalls", t."includeEmails", t."minCallSeconds", t."backfillDays", t."publishedAt", c."timeZone"
       FROM "Tracker" t JOIN "Company" c ON c."id" = t."companyId"
      WHERE t."status" = 'published'${companyId ? ` AND t."companyId" = ?` : ""}
      ORDER BY t."companyId", t."type", t."createdAt", t."id"`,
    companyId ? [companyId] : [],
  );
  return rows.map((r) => ({
    id: String(r.id),
    companyId: String(r.companyId),
    name: String(r.name),
    type: r.type as Tracker["type"],
    question: String(r.question),
    phrases: String(r.phrases),
    includeCalls: isTrue(r.includeCalls),
    includeEmails: isTrue(r.includeEmails),
    minCallSeconds: toNumber(r.minCallSeconds),
    backfillDays: toNumber(r.backfillDays),
    publishedAt: toDate(r.publishedAt),
    timeZone: String(r.timeZone),
  }));
}

// PostgreSQL answers booleans as booleans, SQLite as 0 and 1.
const isTrue = (v: unknown) => v === true || v === 1 || v === 1n;

/** The tracker's window: from its backfill start on, items it has no result for yet, oldest first. */
async function nextItems(db: Database, t: Tracker, limit: number): Promise<Item[]> {
  const from = new Date(t.publishedAt.getTime() - t.backfillDays * DAY_MS);
  const items: Item[] = [];
  if (t.includeCalls) {
    const calls = await db.sql.all(
      `SELECT c."id", c."title", c."transcript", c."durationSeconds", c."aiProcessedAt", c."startedAt" FROM "Call" c
        WHERE c."companyId" = ? AND c."startedAt" >= ? AND c."durationSeconds" >= ?
          AND NOT EXISTS (SELECT 1 FROM "TrackerResult" r WHERE r."trackerId" = ? AND r."itemType" = 'call' AND r."itemId" = c."id")
        ORDER BY c."startedAt", c."id" LIMIT ?`,
      [t.companyId, from, t.minCallSeconds, t.id, limit],
    );
    items.push(...calls.map((c) => item("call", c, `${c.title}. ${c.transcript}`, toNumber(c.durationSeconds), c.startedAt)));
  }
  if (t.includeEmails && items.length < limit) {
    const emails = await db.sql.all(
      `SELECT e."id", e."subject", e."body", e."aiProcessedAt", e."sentAt" FROM "Email" e
        WHERE e."companyId" = ? AND e."sentAt" >= ?
          AND NOT EXISTS (SELECT 1 FROM "TrackerResult" r WHERE r."trackerId" = ? AND r."itemType" = 'email' AND r."itemId" = e."id")
        ORDER BY e."sentAt", e."id" LIMIT ?`,
      [t.companyId, from, t.id, limit - items.length],
    );
    items.push(...emails.map((e) => item("email", e, `${e.subject}. ${e.body}`, 0, e.sentAt)));
  }
  return items;
}

function item(kind: Item["kind"], r: Row, text: string, durationSeconds: number, occurredAt: unknown): Item {
  return {
    kind,
    id: String(r.id),
    text,
    durationSeconds,
    processed: r.aiProcessedAt !== null && r.aiProcessedAt !== undefined,
    occurredAt: toDate(occurredAt),
  };
}

async function processBatch(
  db: Database,
  t: Tracker,
  items: Item[],
  now: Date,
): Promise<{ processed: number; charged: number; paused: number; stopped: boolean }> {
  // Unpublishing stops consumption at once: re-read the status right before charging.
  const current = await db.sql.get(`SELECT "status" FROM "Tracker" WHERE "id" = ?`, [t.id]);
  if (current?.status !== "published") return { processed: 0, charged: 0, paused: 0, stopped: true };
  let done = items;
  let charged = 0;
  let paused = 0;
  if (t.type === "question") {
    const toCharge = items.filter((i) => !i.processed);
    const outcomes = toCharge.length
      ? await chargeMany(
          db.sql,
          t.companyId,
          toCharge.map((i) => chargeFor(t, i)),
          now,
        )
      : [];
    const refused = new Set(toCharge.filter((_, n) => outcomes[n]!.outcome === "exceeds_credits").map((i) => i.id));
    charged = outcomes.filter((o) => o.outcome === "charged").length;
    done = items.filter((i) => !refused.has(i.id));
    if (refused.size > 0) {
      paused = await db.sql.transaction(function* (): Query<number> {
        return yield* pauseQuestionTrackers(t.companyId, pausedReasonText(now, t.timeZone, "short"), now);
      });
    }
  }
  await recordResults(db, t, done, now);
  return { processed: done.length, charged, paused, stopped: false };
}

function chargeFor(t: Tracker, i: Item): ChargeRequest {
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
      calls: i.kind === "call" ? 1 : 0,
      emails: i.kind === "email" ? 1 : 0,
    },
  };
}

function matchTerms(t: Tracker): string[] {
  const source = t.type === "pretrained" && t.phrases ? t.phrases.split("\n") : (t.question.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []);
  return source.map((s) => s.trim().toLowerCase()).filter(Boolean);
}

async function recordResults(db: Database, t: Tracker, items: Item[], now: Date) {
  if (items.length === 0) return;
  const terms = matchTerms(t);
  await db.sql.transaction(function* (): Query<void> {
    for (const i of items) {
      const lower = i.text.toLowerCase();
      const hit = terms.find((term) => lower.includes(term));
      yield* q.run(
        `INSERT INTO "TrackerResult" ("trackerId", "itemType", "itemId", "matched", "snippet", "processedAt") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("trackerId", "itemType", "itemId") DO NOTHING`,
        [t.id, i.kind, i.id, hit !== undefined, hit ? snippet(i.text, lower.indexOf(hit)) : "", now],
      );
      if (t.type === "question" && !i.processed) {
        yield* q.run(`UPDATE "${i.kind === "call" ? "Call" : "Email"}" SET "aiProcessedAt" = ? WHERE "id" = ? AND "aiProcessedAt" IS NULL`, [now, i.id]);
      }
    }
  });
}

function snippet(text: string, at: number): string {
  const start = Math.max(0, at - 60);
  return `${start > 0 ? "…" : ""}${text.slice(start, at + 140)}${at + 140 < text.length ? "…" : ""}`;
}

/** How far along a tracker of this company is: items with a result, of the items in its window. */
export async function trackerProgress(
  db: Database,
  { companyId, trackerId }: { companyId: string; trackerId: string },
): Promise<{ processed: number; total: number }> {
  const t = await db.sql.get(
    `SELECT "companyId", "includeCalls", "includeEmails", "minCallSeconds", "backfillDays", "publishedAt" FROM "Tracker" WHERE "id" = ? AND "companyId" = ?`,
    [trackerId, companyId],
  );
  if (!t || t.publishedAt === null) return { processed: 0, total: 0 };
  const from = new Date(toDate(t.publishedAt).getTime() - toNumber(t.backfillDays) * DAY_MS);
  const calls = isTrue(t.includeCalls)
    ? Number(
        (await db.sql.get(`SELECT COUNT(*) AS n FROM "Call" WHERE "companyId" = ? AND "startedAt" >= ? AND "durationSeconds" >= ?`, [
          String(t.companyId),
          from,
          toNumber(t.minCallSeconds),
        ]))!.n,
      )
    : 0;
  const emails = isTrue(t.includeEmails)
    ? Number((await db.sql.get(`SELECT COUNT(*) AS n FROM "Email" WHERE "companyId" = ? AND "sentAt" >= ?`, [String(t.companyId), from]))!.n)
    : 0;
  const processed = Number((await db.sql.get(`SELECT COUNT(*) AS n FROM "TrackerResult" WHERE "trackerId" = ?`, [trackerId]))!.n);
  return { processed, total: calls + emails };
}
