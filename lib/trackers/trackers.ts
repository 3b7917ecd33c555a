// AI trackers (R-TRACK-*, R-ZERO-*): drafts, the cost estimate shown before publishing, and
// publish, unpublish and resume. Question-based trackers spend credits on the calls and emails
// they process (lib/trackers/worker.ts); pretrained ones are free. The caller has authorized
// the acting user for `companyId`; `userId` is who acts, for the audit log.
import { auditData, auditStatement } from "../audit";
import { getCreditSummary, lockAccount } from "../billing";
import { callCostMilli, EMAIL_COST_MILLI } from "../costs";
import { formatCredits } from "../credits/amount";
import type { Database } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { type Query, q } from "../sql";
import { unknownTeamIds } from "../teams/teams";
import { passesFilters, splitLines, type TrackerFilters } from "./filters";
import { DAY_MS, ownDomains, type WorkingTracker, windowItems } from "./items";
import type { TrackerDraftInput, TrackerFiltersInput } from "./schemas";

export type TrackerRow = Awaited<ReturnType<Database["prisma"]["tracker"]["findFirstOrThrow"]>>;

/** A new draft in `companyId`: any company user may draft; it uses no credits until published. */
export async function createDraft(
  db: Database,
  { companyId, userId, draft, now }: { companyId: string; userId: string; draft: TrackerDraftInput; now: Date },
): Promise<TrackerRow> {
  await refuseUnknownTeams(db, companyId, draft.teamIds);
  const data = { id: createId("tracker", now), companyId, ...draft, status: "draft", createdByUserId: userId, createdAt: now };
  const [tracker] = await db.prisma.$transaction([
    db.prisma.tracker.create({ data }),
    db.prisma.auditEntry.create({
      data: auditData({ userId }, now, { companyId, action: "tracker.create", targetType: "tracker", targetId: data.id, after: draft }),
    }),
  ]);
  return tracker;
}

/** A filter names teams by id, one per line: each must be a team of the company. */
async function refuseUnknownTeams(db: Database, companyId: string, teamIds: string) {
  const unknown = await unknownTeamIds(db.prisma, { companyId, teamIds: splitLines(teamIds) });
  if (unknown.length > 0) throw new AppError("not_found", "Your company has no team with that id.", { field: "teamIds" });
}

async function findTracker(db: Database, companyId: string, trackerId: string): Promise<TrackerRow> {
  const tracker = await db.prisma.tracker.findFirst({ where: { id: trackerId, companyId } });
  if (!tracker) throw new AppError("not_found", "Your company has no tracker with that id.");
  return tracker;
}

export type Estimate = {
  backfillDays: number;
  backfillMilli: bigint;
  backfillItems: number;
  monthMilli: bigint;
  monthItems: number;
  remainingMilli: bigint;
  free: boolean;
};

type TrackerScope = Pick<
  TrackerRow,
  "type" | "includeCalls" | "includeEmails" | "minCallSeconds" | "backfillDays" | "teamIds" | "includeDomains" | "excludeDomains" | "externalOnly"
>;

/**
 * What publishing one of the company's trackers will cost (R-TRACK-1): the backfill's calls and
 * emails not yet processed by any question tracker (R-COST-3), and a month of new data at the
 * rate of the last 30 days; both count exactly the items the tracker's filters let through
 * (R-TRACK-3), by the predicate the worker uses.
 */
export async function estimateTracker(db: Database, { companyId, trackerId, now }: { companyId: string; trackerId: string; now: Date }): Promise<Estimate> {
  return estimateScope(db, companyId, await findTracker(db, companyId, trackerId), now);
}

async function estimateScope(db: Database, companyId: string, t: TrackerScope, now: Date): Promise<Estimate> {
  const { remainingMilli } = await getCreditSummary(db.sql, { companyId, now });
  if (t.type === "pretrained")
    return { backfillDays: t.backfillDays, backfillMilli: 0n, backfillItems: 0, monthMilli: 0n, monthItems: 0, remainingMilli, free: true };
  const filters: TrackerFilters = {
    includeCalls: t.includeCalls,
    includeEmails: t.includeEmails,
    minCallSeconds: t.minCallSeconds,
    teamIds: splitLines(t.teamIds),
    includeDomains: splitLines(t.includeDomains),
    excludeDomains: splitLines(t.excludeDomains),
    externalOnly: t.externalOnly,
  };
  const domains = await ownDomains(db.sql, companyId);
  const tracker = { ...filters, companyId, publishedAt: now, backfillDays: 0 } as WorkingTracker;
  const cost = async (from: Date, notAiProcessed: boolean) => {
    const items = (await windowItems(db, tracker, { from, notAiProcessed, withText: false })).filter((i) => passesFilters(i, filters, domains));
    const milli = items.reduce((sum, i) => sum + (i.kind === "call" ? callCostMilli(i.durationSeconds) : EMAIL_COST_MILLI), 0n);
    return { milli, items: items.length };
  };
  const backfill = t.backfillDays > 0 ? await cost(new Date(now.getTime() - t.backfillDays * DAY_MS), true) : { milli: 0n, items: 0 };
  const month = await cost(new Date(now.getTime() - 30 * DAY_MS), false);
  return {
    backfillDays: t.backfillDays,
    backfillMilli: backfill.milli,
    backfillItems: backfill.items,
    monthMilli: month.milli,
    monthItems: month.items,
    remainingMilli,
    free: false,
  };
}

/** Which tracker of which company, who acts (for the audit log) and when. */
export type TrackerChange = { companyId: string; trackerId: string; userId: string; now: Date };

/** Refused when the tracker's status changed since it was read (another admin, the worker). */
function changedMeanwhile(tracker: TrackerRow): AppError {
  return new AppError("invalid_request", `"${tracker.name}" changed while you were looking at it. Reload the page and try again.`);
}

/**
 * Writes the new status only if the tracker still has the status it was read with, so two admins
 * (or an admin and the worker) never undo each other's change unseen: a resume read while paused
 * does not publish again a tracker unpublished meanwhile.
 */
async function changeStatus(db: Database, userId: string, tracker: TrackerRow, data: Partial<TrackerRow>, action: string, now: Date): Promise<TrackerRow> {
  return db.prisma.$transaction(async (tx) => {
    const { count } = await tx.tracker.updateMany({ where: { id: tracker.id, status: tracker.status }, data });
    if (count !== 1) throw changedMeanwhile(tracker);
    await tx.auditEntry.create({ data: auditData({ userId }, now, statusAudit(tracker, action, data)) });
    return tx.tracker.findUniqueOrThrow({ where: { id: tracker.id } });
  });
}

/** A status change as the audit log keeps it: the status and pause reason before and after. */
function statusAudit(tracker: TrackerRow, action: string, after: Partial<TrackerRow>) {
  return {
    companyId: tracker.companyId,
    action,
    targetType: "tracker",
    targetId: tracker.id,
    before: { status: tracker.status, pausedReason: tracker.pausedReason },
    after: { status: after.status, pausedReason: after.pausedReason ?? "" },
  };
}

/** Publishing a question-based tracker is refused at zero (R-ZERO-1). */
export async function publishTracker(db: Database, { companyId, trackerId, userId, now }: TrackerChange): Promise<TrackerRow> {
  const tracker = await findTracker(db, companyId, trackerId);
  if (tracker.status === "published") throw new AppError("invalid_request", `"${tracker.name}" is already published.`);
  if (tracker.status === "paused") throw new AppError("invalid_request", `"${tracker.name}" is paused: resume it instead.`);
  if (tracker.type === "question") {
    const { remainingMilli } = await getCreditSummary(db.sql, { companyId, now });
    if (remainingMilli === 0n)
      throw new AppError("insufficient_credits", "No credits remain, so question-based trackers cannot be published. Add credits first.", {
        details: { required: "0.1", available: formatCredits(remainingMilli) },
      });
  }
  return changeStatus(db, userId, tracker, { status: "published", publishedAt: now, pausedReason: "", pausedAt: null }, "tracker.publish", now);
}

/** Unpublishing stops a tracker at once (R-TRACK-2); its results are kept. */
export async function unpublishTracker(db: Database, { companyId, trackerId, userId, now }: TrackerChange): Promise<TrackerRow> {
  const tracker = await findTracker(db, companyId, trackerId);
  if (tracker.status !== "published" && tracker.status !== "paused")
    throw new AppError("invalid_request", `"${tracker.name}" is not published, so there is nothing to unpublish.`);
  // Under the company's account lock, as the worker's charges are: once this commits, no batch
  // that read the tracker as published is still to charge (R-TRACK-2, "stops consumption at once").
  await db.sql.transaction(function* (dialect): Query<void> {
    yield* lockAccount(dialect, companyId);
    const changed = yield* q.run(
      `UPDATE "Tracker" SET "status" = 'unpublished', "pausedReason" = '', "pausedAt" = NULL, "resumesAt" = NULL WHERE "id" = ? AND "status" = ?`,
      [tracker.id, tracker.status],
    );
    if (changed !== 1) throw changedMeanwhile(tracker);
    yield* auditStatement({ userId }, now, statusAudit(tracker, "tracker.unpublish", { status: "unpublished", pausedReason: "" }));
  });
  return findTracker(db, companyId, trackerId);
}

/** Resumes a paused tracker; it then processes its backlog (what arrived while paused). */
export async function resumeTracker(db: Database, { companyId, trackerId, userId, now }: TrackerChange): Promise<TrackerRow> {
  const tracker = await findTracker(db, companyId, trackerId);
  if (tracker.status !== "paused") throw new AppError("invalid_request", `"${tracker.name}" is not paused, so there is nothing to resume.`);
  const { remainingMilli } = await getCreditSummary(db.sql, { companyId, now });
  if (tracker.type === "question" && remainingMilli === 0n)
    throw new AppError("insufficient_credits", "No credits remain: add credits, then resume the tracker.", { details: { required: "0.1", available: "0" } });
  return changeStatus(db, userId, tracker, { status: "published", pausedReason: "", pausedAt: null, resumesAt: null }, "tracker.resume", now);
}

const FILTER_KEYS = ["includeCalls", "includeEmails", "minCallSeconds", "teamIds", "includeDomains", "excludeDomains", "externalOnly"] as const;

/**
 * Changes a tracker's filters (R-TRACK-3), in any status. They apply to new data and to the
 * backlog alike: the items its old filters left out are forgotten, so the worker looks at them
 * again with the new filters (within the tracker's window); items it already took keep their
 * results and are never charged again. Its backfill (R-TRACK-1's scope) changes only while it is
 * a draft or unpublished, where publishing shows the new estimate first: a published tracker
 * would otherwise take (and charge for) more history unasked.
 */
export async function updateTrackerFilters(
  db: Database,
  { companyId, trackerId, userId, filters, now }: TrackerChange & { filters: TrackerFiltersInput },
): Promise<TrackerRow & { changed: boolean }> {
  const tracker = await findTracker(db, companyId, trackerId);
  await refuseUnknownTeams(db, companyId, filters.teamIds);
  const backfillChanges = filters.backfillDays !== undefined && filters.backfillDays !== tracker.backfillDays;
  const keys: ReadonlyArray<(typeof FILTER_KEYS)[number] | "backfillDays"> = backfillChanges ? [...FILTER_KEYS, "backfillDays"] : FILTER_KEYS;
  if (backfillChanges && (tracker.status === "published" || tracker.status === "paused")) {
    throw new AppError(
      "invalid_request",
      `The backfill of "${tracker.name}" changes only while it is a draft or unpublished: unpublish it first, then publish it again with the new estimate.`,
      { field: "backfillDays" },
    );
  }
  const before = Object.fromEntries(keys.map((k) => [k, tracker[k]]));
  const after = Object.fromEntries(keys.map((k) => [k, filters[k]]));
  if (keys.every((k) => tracker[k] === filters[k])) return { ...tracker, changed: false };
  const [updated] = await db.prisma.$transaction([
    db.prisma.tracker.update({ where: { id: tracker.id }, data: after }),
    db.prisma.trackerResult.deleteMany({ where: { trackerId: tracker.id, filteredOut: true } }),
    db.prisma.auditEntry.create({
      data: auditData({ userId }, now, { companyId, action: "tracker.update_filters", targetType: "tracker", targetId: tracker.id, before, after }),
    }),
  ]);
  return { ...updated, changed: true };
}
