// AI trackers (R-TRACK-*, R-ZERO-*): drafts, the cost estimate shown before publishing, and
// publish, unpublish and resume. Question-based trackers spend credits on the calls and emails
// they process (lib/trackers/worker.ts); pretrained ones are free.
import { z } from "zod";
import { auditData } from "../audit";
import type { Actor } from "../auth/authorize";
import { authorize } from "../auth/authorize";
import { getCreditSummary } from "../billing";
import { callCostMilli, EMAIL_COST_MILLI } from "../costs";
import { formatCredits } from "../credits/amount";
import type { Database } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { passesFilters, splitLines, type TrackerFilters } from "./filters";
import { DAY_MS, ownDomains, type WorkingTracker, windowItems } from "./items";

/** Calls and emails are kept this long; a backfill cannot reach further. */
export const MAX_BACKFILL_DAYS = 365;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Domains typed one per line or separated by commas, as the Tracker row keeps them: one per line, lower case. */
const domainList = (label: string) =>
  z
    .string()
    .max(2000, `${label} are at most 2000 characters.`)
    .default("")
    .transform((text, ctx) => {
      const domains = [
        ...new Set(
          text
            .split(/[\s,]+/)
            .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
            .filter(Boolean),
        ),
      ];
      const bad = domains.find((d) => !DOMAIN.test(d));
      if (bad) ctx.addIssue({ code: "custom", message: `"${bad}" is not a domain (like example.com).` });
      return domains.join("\n");
    });

/** The filters a tracker takes (R-TRACK-3), as its form sends them and its row keeps them. */
export const TrackerFilterFields = {
  teamIds: z
    .array(z.string().min(1))
    .max(100, "Choose at most 100 teams.")
    .default([])
    .transform((ids) => [...new Set(ids)].join("\n")),
  includeDomains: domainList("Domains to include"),
  excludeDomains: domainList("Domains to exclude"),
  externalOnly: z.boolean().default(false),
};

export const TrackerDraft = z
  .object({
    name: z.string().trim().min(1, "Name the tracker.").max(100, "A name is at most 100 characters."),
    type: z.enum(["question", "pretrained"], { message: "Choose Question-based or Pretrained." }),
    question: z.string().trim().max(1000, "A question is at most 1000 characters.").default(""),
    phrases: z.string().trim().max(2000, "Phrases are at most 2000 characters.").default(""),
    includeCalls: z.boolean().default(true),
    includeEmails: z.boolean().default(true),
    minCallSeconds: z.coerce.number().int("Minimum call length is whole seconds.").min(0, "Minimum call length must not be negative.").max(86_400).default(0),
    backfillDays: z.coerce
      .number({ message: "Backfill days must be a number." })
      .int("Backfill days must be a whole number.")
      .min(0, "Backfill days must not be negative.")
      .max(MAX_BACKFILL_DAYS, `Calls and emails are kept for ${MAX_BACKFILL_DAYS} days: backfill at most ${MAX_BACKFILL_DAYS} days.`),
    ...TrackerFilterFields,
  })
  .superRefine((t, ctx) => {
    if (t.type === "question" && t.question === "") ctx.addIssue({ code: "custom", path: ["question"], message: "A question-based tracker needs a question." });
    if (t.type === "pretrained" && t.phrases === "" && t.question === "")
      ctx.addIssue({ code: "custom", path: ["phrases"], message: "A pretrained tracker needs phrases to look for." });
    if (!t.includeCalls && !t.includeEmails) ctx.addIssue({ code: "custom", path: ["includeCalls"], message: "Track calls, emails or both." });
  });
export type TrackerDraftInput = z.output<typeof TrackerDraft>;

export type TrackerRow = Awaited<ReturnType<Database["prisma"]["tracker"]["findFirstOrThrow"]>>;

export async function createDraft(db: Database, actor: Actor, input: TrackerDraftInput, now: Date): Promise<TrackerRow> {
  const companyId = authorize(actor, "trackers.draft");
  const data = { id: createId("tracker", now), companyId, ...input, status: "draft", createdByUserId: actor.userId, createdAt: now };
  const [tracker] = await db.prisma.$transaction([
    db.prisma.tracker.create({ data }),
    db.prisma.auditEntry.create({
      data: auditData(actor, now, { companyId, action: "tracker.create", targetType: "tracker", targetId: data.id, after: input }),
    }),
  ]);
  return tracker;
}

async function findTracker(db: Database, companyId: string, trackerId: string): Promise<TrackerRow> {
  const tracker = await db.prisma.tracker.findFirst({ where: { id: trackerId, companyId } });
  if (!tracker) throw new AppError("not_found", "Your company has no tracker with that id.");
  return tracker;
}

export type Estimate = { backfillMilli: bigint; backfillItems: number; monthMilli: bigint; monthItems: number; remainingMilli: bigint; free: boolean };

/**
 * What publishing will cost (R-TRACK-1): the backfill's calls and emails not yet processed by
 * any question tracker (R-COST-3), and a month of new data at the rate of the last 30 days;
 * both count exactly the items the tracker's filters let through (R-TRACK-3), by the predicate
 * the worker uses.
 */
export async function estimateTracker(
  db: Database,
  companyId: string,
  t: Pick<
    TrackerRow,
    "type" | "includeCalls" | "includeEmails" | "minCallSeconds" | "backfillDays" | "teamIds" | "includeDomains" | "excludeDomains" | "externalOnly"
  >,
  now: Date,
): Promise<Estimate> {
  const { remainingMilli } = await getCreditSummary(db.sql, { companyId, now });
  if (t.type === "pretrained") return { backfillMilli: 0n, backfillItems: 0, monthMilli: 0n, monthItems: 0, remainingMilli, free: true };
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
  return { backfillMilli: backfill.milli, backfillItems: backfill.items, monthMilli: month.milli, monthItems: month.items, remainingMilli, free: false };
}

async function changeStatus(db: Database, actor: Actor, tracker: TrackerRow, data: Partial<TrackerRow>, action: string, now: Date): Promise<TrackerRow> {
  const before = { status: tracker.status, pausedReason: tracker.pausedReason };
  const [updated] = await db.prisma.$transaction([
    db.prisma.tracker.update({ where: { id: tracker.id }, data }),
    db.prisma.auditEntry.create({
      data: auditData(actor, now, {
        companyId: tracker.companyId,
        action,
        targetType: "tracker",
        targetId: tracker.id,
        before,
        after: { status: data.status, pausedReason: data.pausedReason ?? "" },
      }),
    }),
  ]);
  return updated;
}

export async function publishTracker(db: Database, actor: Actor, trackerId: string, now: Date): Promise<TrackerRow> {
  const companyId = authorize(actor, "trackers.write");
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
  return changeStatus(db, actor, tracker, { status: "published", publishedAt: now, pausedReason: "", pausedAt: null }, "tracker.publish", now);
}

export async function unpublishTracker(db: Database, actor: Actor, trackerId: string, now: Date): Promise<TrackerRow> {
  const companyId = authorize(actor, "trackers.write");
  const tracker = await findTracker(db, companyId, trackerId);
  if (tracker.status !== "published" && tracker.status !== "paused")
    throw new AppError("invalid_request", `"${tracker.name}" is not published, so there is nothing to unpublish.`);
  return changeStatus(db, actor, tracker, { status: "unpublished", pausedReason: "", pausedAt: null }, "tracker.unpublish", now);
}

/** Resumes a paused tracker; it then processes its backlog (what arrived while paused). */
export async function resumeTracker(db: Database, actor: Actor, trackerId: string, now: Date): Promise<TrackerRow> {
  const companyId = authorize(actor, "trackers.write");
  const tracker = await findTracker(db, companyId, trackerId);
  if (tracker.status !== "paused") throw new AppError("invalid_request", `"${tracker.name}" is not paused, so there is nothing to resume.`);
  const { remainingMilli } = await getCreditSummary(db.sql, { companyId, now });
  if (tracker.type === "question" && remainingMilli === 0n)
    throw new AppError("insufficient_credits", "No credits remain: add credits, then resume the tracker.", { details: { required: "0.1", available: "0" } });
  return changeStatus(db, actor, tracker, { status: "published", pausedReason: "", pausedAt: null, resumesAt: null }, "tracker.resume", now);
}
