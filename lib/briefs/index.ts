// Briefs (R-COST-2, R-COST-3, R-ZERO-1): a brief has sections; a section built on a tracker's
// results is free, a section that processes calls or emails directly is charged at every
// generation. Generating from the UI is a manual action and free; automated briefs run on a
// schedule, are charged for their direct sections, and are skipped, with the reason kept, when
// credits have run out. The last version always stays readable.
import { z } from "zod";
import { builtinProcessor, type ProcessedItem, type Processor } from "../ai/processor";
import { auditStatement } from "../audit";
import type { Actor } from "../auth/authorize";
import { type ChargeOutcome, type ChargeRequest, chargesInTransaction, getCreditSummary } from "../billing";
import { itemsCostMilli } from "../costs";
import { formatCredits } from "../credits/amount";
import type { Database } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { INSTANCE_ID } from "../jobs";
import { placeholders, type Query, q } from "../sql";
import { col, shape } from "../sql/rows";
import { ownerJoin } from "../teams/teams";
import { insertBriefVersion } from "./store";

export const BriefSectionInput = z.discriminatedUnion("source", [
  z.object({ source: z.literal("tracker"), heading: z.string().trim().min(1).max(200), trackerId: z.string().min(1) }),
  z.object({
    source: z.literal("direct"),
    heading: z.string().trim().min(1).max(200),
    callIds: z.array(z.string()).max(200).default([]),
    emailIds: z.array(z.string()).max(200).default([]),
  }),
]);
export const NewBrief = z.object({
  title: z.string().trim().min(1).max(200),
  automated: z.boolean().default(false),
  intervalHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 31)
    .default(24),
  sections: z.array(BriefSectionInput).min(1).max(20),
});

const IdRow = shape({ id: col.text });

/** The first of `ids` that is not the company's in `table` (its trackers by id, its calls and emails by their external ids). */
async function firstMissing(db: Database, companyId: string, table: "Tracker" | "Call" | "Email", ids: readonly string[]): Promise<string | undefined> {
  const unique = [...new Set(ids)];
  const column = table === "Tracker" ? `"id"` : `"externalId"`;
  const found = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db.sql.rows(
      `SELECT ${column} AS "id" FROM "${table}" WHERE "companyId" = ? AND ${column} IN (${placeholders(chunk.length)})`,
      [companyId, ...chunk],
      IdRow,
    );
    for (const r of rows) found.add(r.id);
  }
  return unique.find((id) => !found.has(id));
}

type BriefTerms = z.output<typeof NewBrief>;

/** Refuses the first tracker, call or email the sections name that is not the company's, by id, at its field ("sections.2.callIds"). */
async function requireOwnItems(db: Database, companyId: string, sections: BriefTerms["sections"]): Promise<void> {
  const FIELD = { tracker: "trackerId", call: "callIds", email: "emailIds" } as const;
  const named = (kind: "tracker" | "call" | "email") =>
    sections.map((s) =>
      s.source === "tracker" ? (kind === "tracker" ? [s.trackerId] : []) : kind === "call" ? s.callIds : kind === "email" ? s.emailIds : [],
    );
  for (const [kind, table] of [
    ["tracker", "Tracker"],
    ["call", "Call"],
    ["email", "Email"],
  ] as const) {
    const perSection = named(kind);
    const missing = await firstMissing(db, companyId, table, perSection.flat());
    if (missing === undefined) continue;
    const section = perSection.findIndex((ids) => ids.includes(missing));
    throw new AppError("not_found", `Your company has no ${kind} with the id “${missing}”.`, { field: `sections.${section}.${FIELD[kind]}` });
  }
}

function* insertSections(briefId: string, sections: BriefTerms["sections"], now: Date): Query<void> {
  for (const [position, s] of sections.entries()) {
    yield* q.run(
      `INSERT INTO "BriefSection" ("id", "briefId", "position", "heading", "source", "trackerId", "callIds", "emailIds") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        createId("section", now),
        briefId,
        position,
        s.heading,
        s.source,
        s.source === "tracker" ? s.trackerId : null,
        s.source === "direct" ? s.callIds.join("\n") : "",
        s.source === "direct" ? s.emailIds.join("\n") : "",
      ],
    );
  }
}

/** A brief as its audit entries record it. */
const audited = (b: BriefTerms) => ({ title: b.title, automated: b.automated, intervalHours: b.intervalHours, sections: b.sections.length });

/**
 * Makes a brief with its sections, once its trackers, calls and emails are all the company's:
 * the first one that is not is refused by name, at its section's field (not_found, nothing
 * written).
 * Recorded in the audit log when a user made it.
 */
export async function createBrief(
  db: Database,
  { companyId, userId, brief, now }: { companyId: string; userId?: string; brief: z.input<typeof NewBrief>; now: Date },
): Promise<string> {
  const input = NewBrief.parse(brief);
  await requireOwnItems(db, companyId, input.sections);
  const id = createId("brief", now);
  await db.sql.transaction(function* (): Query<void> {
    yield* q.run(
      `INSERT INTO "Brief" ("id", "companyId", "title", "automated", "intervalHours", "lastSkippedReason", "createdByUserId", "createdAt") VALUES (?, ?, ?, ?, ?, '', ?, ?)`,
      [id, companyId, input.title, input.automated, input.intervalHours, userId ?? null, now],
    );
    if (userId) yield* auditStatement({ userId }, now, { companyId, action: "brief.create", targetType: "brief", targetId: id, after: audited(input) });
    yield* insertSections(id, input.sections, now);
  });
  return id;
}

const BriefRow = shape({ id: col.text, title: col.text, automated: col.bool, intervalHours: col.int });
const SectionRow = shape({ heading: col.text, source: col.oneOf(["tracker", "direct"]), trackerId: col.textOrNull, callIds: col.text, emailIds: col.text });
const CallRow = shape({ title: col.text, transcript: col.text, startedAt: col.date, durationSeconds: col.int, ownerTeamId: col.textOrNull });
const EmailRow = shape({ subject: col.text, body: col.text, sentAt: col.date, ownerTeamId: col.textOrNull });
const SnippetRow = shape({ snippet: col.text });
const DueBriefRow = shape({
  id: col.text,
  companyId: col.text,
  intervalHours: col.int,
  createdAt: col.date,
  lastGeneratedAt: col.dateOrNull,
  lastSkippedAt: col.dateOrNull,
});

type Section = Omit<ReturnType<typeof SectionRow>, "callIds" | "emailIds"> & { callIds: string[]; emailIds: string[] };

async function loadBrief(db: Database, companyId: string, briefId: string) {
  const brief = await db.sql.row(
    `SELECT "id", "title", "automated", "intervalHours" FROM "Brief" WHERE "id" = ? AND "companyId" = ?`,
    [briefId, companyId],
    BriefRow,
  );
  if (!brief) throw new AppError("not_found", "Your company has no brief with that id.");
  const sections = (
    await db.sql.rows(
      `SELECT "heading", "source", "trackerId", "callIds", "emailIds" FROM "BriefSection" WHERE "briefId" = ? ORDER BY "position"`,
      [briefId],
      SectionRow,
    )
  ).map(
    (s): Section => ({
      ...s,
      callIds: s.callIds.split("\n").filter(Boolean),
      emailIds: s.emailIds.split("\n").filter(Boolean),
    }),
  );
  return { title: brief.title, sections };
}

/** A direct section's item, with its owner's team: its share of the charge is that team's (R-TEAM-1). */
type BriefItem = ProcessedItem & { ownerTeamId: string | null };

async function directItems(db: Database, companyId: string, s: Section): Promise<BriefItem[]> {
  const items: BriefItem[] = [];
  for (const id of s.callIds) {
    const c = await db.sql.row(
      `SELECT c."title", c."transcript", c."startedAt", c."durationSeconds", u."teamId" AS "ownerTeamId"
         FROM "Call" c ${ownerJoin("c")} WHERE c."companyId" = ? AND c."externalId" = ?`,
      [companyId, id],
      CallRow,
    );
    if (c)
      items.push({
        kind: "call",
        externalId: id,
        title: c.title,
        text: c.transcript,
        at: c.startedAt,
        durationSeconds: c.durationSeconds,
        ownerTeamId: c.ownerTeamId,
      });
  }
  for (const id of s.emailIds) {
    const e = await db.sql.row(
      `SELECT e."subject", e."body", e."sentAt", u."teamId" AS "ownerTeamId" FROM "Email" e ${ownerJoin("e")} WHERE e."companyId" = ? AND e."externalId" = ?`,
      [companyId, id],
      EmailRow,
    );
    if (e) items.push({ kind: "email", externalId: id, title: e.subject, text: e.body, at: e.sentAt, ownerTeamId: e.ownerTeamId });
  }
  return items;
}

/**
 * An automated run's charges: one per owner's team of the items (and one for items whose owner is
 * in no team), each under the slot's key and the team, so each team's budget and usage get their
 * own items' share (R-TEAM-1).
 */
function chargesByTeam(items: readonly BriefItem[], { briefId, slot, title }: { briefId: string; slot: string; title: string }): ChargeRequest[] {
  const byTeam = new Map<string | null, BriefItem[]>();
  for (const item of items) {
    const group = byTeam.get(item.ownerTeamId);
    if (group) group.push(item);
    else byTeam.set(item.ownerTeamId, [item]);
  }
  return [...byTeam].map(([teamId, group]) => {
    const calls = group.filter((i) => i.kind === "call");
    return {
      amountMilli: itemsCostMilli(
        calls.map((c) => c.durationSeconds ?? 0),
        group.length - calls.length,
      ),
      action: `Automated brief: ${title}`,
      idempotencyKey: `brief:${briefId}:${slot}:${teamId ?? "no-team"}`,
      usage: {
        featureType: "automated_brief",
        featureName: title,
        usageAction: "scheduled",
        teamId: teamId ?? undefined,
        calls: calls.length,
        emails: group.length - calls.length,
      },
    };
  });
}

/**
 * Thrown inside a run's transaction when one of its charges is refused, or the slot was charged
 * before (under other teams' keys: an owner changed team between a run and its retry): none of
 * its charges stays.
 */
class RunRefused extends Error {
  constructor(readonly outcome: Exclude<ChargeOutcome, { outcome: "charged" }> | { outcome: "slot_charged" }) {
    super(`an automated brief's charge was refused: ${outcome.outcome}`);
  }
}

/**
 * Whether the slot was charged before under keys other than this run's: a slot's keys are
 * `brief:<id>:<slot>` (before charges were split by team) and `brief:<id>:<slot>:<team>`.
 */
function* slotChargedBefore(companyId: string, slotKey: string, requests: readonly ChargeRequest[]): Query<boolean> {
  const own = requests.map((r) => r.idempotencyKey ?? "");
  const row = yield* q.row(
    `SELECT "id" FROM "LedgerEntry"
      WHERE "companyId" = ? AND ("idempotencyKey" = ? OR ("idempotencyKey" >= ? AND "idempotencyKey" < ?)) AND "idempotencyKey" NOT IN (${placeholders(own.length)})
      LIMIT 1`,
    [companyId, slotKey, `${slotKey}:`, `${slotKey};`, ...own],
    shape({ id: col.text }),
  );
  return row !== undefined;
}

/** A tracker section: the tracker's matched results, already processed, so free to reuse. */
async function trackerSection(db: Database, companyId: string, s: Section): Promise<string> {
  const rows = await db.sql.rows(
    `SELECT r."snippet" FROM "TrackerResult" r JOIN "Tracker" t ON t."id" = r."trackerId" WHERE t."companyId" = ? AND r."trackerId" = ? AND r."matched" = ? ORDER BY r."processedAt" DESC LIMIT 10`,
    [companyId, s.trackerId ?? "", true],
    SnippetRow,
  );
  return [`## ${s.heading}`, ...(rows.length ? rows.map((r) => `- ${r.snippet}`) : ["- No matches yet."])].join("\n");
}

export type GenerateOutcome = { outcome: "generated"; versionId: string; creditsMilli: bigint } | { outcome: "skipped"; reason: string };

/**
 * Generates a new version. `trigger: "ui"` is a manual action and free; "automated" charges the
 * direct sections and is skipped when credits have run out or do not cover them.
 */
export async function generateBriefVersion(
  db: Database,
  args: { companyId: string; briefId: string; trigger: "ui" | "automated"; now: Date; processor?: Processor; slot?: string },
): Promise<GenerateOutcome> {
  const { companyId, briefId, trigger, now } = args;
  // An automated run's scheduled slot names its charge; called directly, the run is its own slot.
  const slot = args.slot ?? `at-${now.toISOString()}`;
  const { title, sections } = await loadBrief(db, companyId, briefId);
  const parts: string[] = [`# ${title}`];
  const processed: BriefItem[] = [];
  for (const s of sections) {
    if (s.source === "tracker") {
      parts.push(await trackerSection(db, companyId, s));
    } else {
      const items = await directItems(db, companyId, s);
      processed.push(...items);
      parts.push((args.processor ?? builtinProcessor).brief(s.heading, items).replace(/^# /, "## "));
    }
  }
  const content = parts.join("\n\n");
  const versionId = createId("version", now);
  const writeVersion = (creditsMilli: bigint) => insertBriefVersion({ id: versionId, briefId, content, creditsMilli, now });
  if (trigger === "ui") {
    await db.sql.transaction(() => writeVersion(0n));
    return { outcome: "generated", versionId, creditsMilli: 0n };
  }

  const skip = async (reason: string): Promise<GenerateOutcome> => {
    await db.sql.run(`UPDATE "Brief" SET "lastSkippedAt" = ?, "lastSkippedReason" = ? WHERE "id" = ?`, [now, reason, briefId]);
    return { outcome: "skipped", reason };
  };
  const { remainingMilli } = await getCreditSummary(db.sql, { companyId, now });
  if (remainingMilli === 0n) return skip("Credits ran out, so this automated brief was not updated. It runs again once credits are added.");
  const calls = processed.filter((i) => i.kind === "call");
  const creditsMilli = itemsCostMilli(
    calls.map((c) => c.durationSeconds ?? 0),
    processed.length - calls.length,
  );
  if (creditsMilli === 0n) {
    await db.sql.transaction(() => writeVersion(0n));
    return { outcome: "generated", versionId, creditsMilli };
  }
  // The charges and the version they pay for commit together, under keys of the scheduled slot: a
  // crash in between leaves none of them, and a second run for the same slot charges nothing. A
  // refused charge (credits, or one team's budget) takes the others back with it.
  let refused: RunRefused["outcome"] | undefined;
  try {
    await db.sql.transaction(function* (dialect) {
      const requests = chargesByTeam(processed, { briefId, slot, title });
      // The ledger answers a request it has seen by its key; a slot charged under other keys is
      // caught here (after the account lock the first charge takes, on PostgreSQL).
      const outcomes = yield* chargesInTransaction(dialect, companyId, requests, now);
      const first = outcomes.find((o) => o.outcome !== "charged");
      if (first) throw new RunRefused(first);
      if (yield* slotChargedBefore(companyId, `brief:${briefId}:${slot}`, requests)) throw new RunRefused({ outcome: "slot_charged" });
      yield* writeVersion(creditsMilli);
    });
  } catch (error) {
    if (!(error instanceof RunRefused)) throw error;
    refused = error.outcome;
  }
  if (refused?.outcome === "exceeds_credits") {
    return skip(`Not enough credits to update this brief (it needs ${formatCredits(creditsMilli)}, ${formatCredits(remainingMilli)} remain).`);
  }
  if (refused?.outcome === "exceeds_budget") {
    return skip(
      `The budget "${refused.name}" is reached, so this brief was not updated. It runs again in the budget's next period, or once an admin raises it.`,
    );
  }
  if (refused) return { outcome: "skipped", reason: "This scheduled run was already generated." };
  return { outcome: "generated", versionId, creditsMilli };
}

/**
 * The scheduled run `now` falls in: how many whole intervals since the brief was made, named
 * with the interval. A run's number only grows for one interval, whereas an interval changed
 * later numbers the runs afresh: with the interval in the name, a run of the new schedule never
 * takes the name (and so the charge) of one the old schedule made.
 */
export function scheduledSlot(brief: { createdAt: Date; intervalHours: number }, now: Date): string {
  return `${brief.intervalHours}h-${Math.floor((now.getTime() - brief.createdAt.getTime()) / (brief.intervalHours * 3_600_000))}`;
}

/** How long an instance holds an automated brief while generating it. */
const BRIEF_LEASE_MS = 5 * 60_000;

/**
 * The scheduler: automated briefs whose interval has passed since they last ran or were
 * skipped. Each is taken under a row lease first, so instances never generate one brief at once.
 * A brief that fails does not stop the others: each is tried, then the failures are thrown
 * together (an AggregateError).
 */
export async function runAutomatedBriefs(db: Database, now: Date, owner = INSTANCE_ID): Promise<{ generated: number; skipped: number }> {
  const DUE_SQL = `SELECT "id", "companyId", "intervalHours", "createdAt", "lastGeneratedAt", "lastSkippedAt" FROM "Brief" WHERE "automated" = ?`;
  const isDue = (b: ReturnType<typeof DueBriefRow>) =>
    now.getTime() - Math.max(b.lastGeneratedAt?.getTime() ?? 0, b.lastSkippedAt?.getTime() ?? 0) >= b.intervalHours * 3_600_000;
  const due = (await db.sql.rows(`${DUE_SQL} ORDER BY "id"`, [true], DueBriefRow)).filter(isDue);
  let generated = 0;
  let skipped = 0;
  const failures: Error[] = [];
  for (const { id } of due) {
    const claimed = await db.sql.run(
      `UPDATE "Brief" SET "leaseOwner" = ?, "leaseUntil" = ? WHERE "id" = ? AND ("leaseOwner" = '' OR "leaseUntil" IS NULL OR "leaseUntil" < ?)`,
      [owner, new Date(now.getTime() + BRIEF_LEASE_MS), id, now],
    );
    if (claimed !== 1) continue;
    try {
      // Read again under the lease: another instance may have generated it, or an edit changed
      // its interval, since the list was read. Its version and lastGeneratedAt commit before
      // that instance lets go of the lease, so this read sees them.
      const b = await db.sql.row(`${DUE_SQL} AND "id" = ?`, [true, id], DueBriefRow);
      if (!b || !isDue(b)) continue;
      const outcome = await generateBriefVersion(db, { companyId: b.companyId, briefId: id, trigger: "automated", now, slot: scheduledSlot(b, now) });
      if (outcome.outcome === "generated") generated++;
      else skipped++;
    } catch (error) {
      // A brief deleted meanwhile is passed by; one that fails does not stop the others' runs.
      if (error instanceof AppError && error.code === "not_found") continue;
      failures.push(new Error(`generating automated brief ${id} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
    } finally {
      await db.sql.run(`UPDATE "Brief" SET "leaseOwner" = '', "leaseUntil" = NULL WHERE "id" = ? AND "leaseOwner" = ?`, [id, owner]);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} automated brief(s) failed: ${failures.map((f) => f.message).join("; ")}`);
  return { generated, skipped };
}

export async function latestVersion(db: Database, companyId: string, briefId: string) {
  await loadBrief(db, companyId, briefId);
  return db.prisma.briefVersion.findFirst({ where: { briefId }, orderBy: { generatedAt: "desc" } });
}

/** The company's briefs with their newest version, for the Briefs page. */
export async function listBriefs(db: Database, companyId: string) {
  return db.prisma.brief.findMany({
    where: { companyId },
    orderBy: { title: "asc" },
    take: 100,
    include: { versions: { orderBy: { generatedAt: "desc" }, take: 1 }, sections: { orderBy: { position: "asc" } } },
  });
}

const CountRow = shape({ n: col.int });
const OwnBriefRow = shape({ id: col.text, title: col.text, automated: col.bool, intervalHours: col.int, createdByUserId: col.textOrNull });

/** Whether `actor` may change or delete a brief: an admin of its company, or whoever made it. */
export function mayChangeBrief(actor: Pick<Actor, "userId" | "role">, brief: { createdByUserId: string | null }): boolean {
  return actor.role === "tech_admin" || actor.role === "business_admin" || brief.createdByUserId === actor.userId;
}

/** One of the company's briefs that `actor` may change; another company's is not_found. */
function* briefToChange(companyId: string, briefId: string, actor: Pick<Actor, "userId" | "role">): Query<ReturnType<typeof OwnBriefRow>> {
  const brief = yield* q.row(
    `SELECT "id", "title", "automated", "intervalHours", "createdByUserId" FROM "Brief" WHERE "id" = ? AND "companyId" = ?`,
    [briefId, companyId],
    OwnBriefRow,
  );
  if (!brief) throw new AppError("not_found", "Your company has no brief with that id.");
  if (!mayChangeBrief(actor, brief)) throw new AppError("forbidden", `Only an admin or the person who made “${brief.title}” can change it.`);
  return brief;
}

type BriefChange = { companyId: string; actor: Pick<Actor, "userId" | "role">; briefId: string; now: Date };

/** Turns automated generation on or off; versions made so far stay. */
export async function setBriefAutomated(db: Database, { companyId, actor, briefId, now, automated }: BriefChange & { automated: boolean }) {
  return db.sql.transaction(function* () {
    const brief = yield* briefToChange(companyId, briefId, actor);
    const sections = yield* q.row(`SELECT COUNT(*) AS "n" FROM "BriefSection" WHERE "briefId" = ?`, [brief.id], CountRow);
    if (automated && !sections?.n) {
      throw new AppError("invalid_request", `“${brief.title}” has no sections to generate: edit it to add one first.`);
    }
    yield* q.run(`UPDATE "Brief" SET "automated" = ? WHERE "id" = ?`, [automated, brief.id]);
    yield* auditStatement(actor, now, {
      companyId,
      action: "brief.automate",
      targetType: "brief",
      targetId: brief.id,
      before: { automated: brief.automated },
      after: { automated },
    });
    return { id: brief.id, title: brief.title, automated, intervalHours: brief.intervalHours };
  });
}

/**
 * Changes a brief's title, automation, interval and sections (replaced whole); its versions stay.
 * The same checks as a new brief's, and only for its maker or an admin.
 */
export async function updateBrief(db: Database, { companyId, actor, briefId, now, brief }: BriefChange & { brief: z.input<typeof NewBrief> }) {
  const input = NewBrief.parse(brief);
  // Whether the caller may change it comes first (and again, with the write).
  await db.sql.transaction(() => briefToChange(companyId, briefId, actor));
  await requireOwnItems(db, companyId, input.sections);
  return db.sql.transaction(function* () {
    const before = yield* briefToChange(companyId, briefId, actor);
    const sectionsBefore = yield* q.rows(`SELECT "id" FROM "BriefSection" WHERE "briefId" = ?`, [before.id], IdRow);
    yield* q.run(`UPDATE "Brief" SET "title" = ?, "automated" = ?, "intervalHours" = ? WHERE "id" = ?`, [
      input.title,
      input.automated,
      input.intervalHours,
      before.id,
    ]);
    yield* q.run(`DELETE FROM "BriefSection" WHERE "briefId" = ?`, [before.id]);
    yield* insertSections(before.id, input.sections, now);
    yield* auditStatement(actor, now, {
      companyId,
      action: "brief.update",
      targetType: "brief",
      targetId: before.id,
      before: { title: before.title, automated: before.automated, intervalHours: before.intervalHours, sections: sectionsBefore.length },
      after: audited(input),
    });
    return { id: before.id, title: input.title };
  });
}

/**
 * Deletes a brief with its sections and versions. What its automated generations were charged
 * stays in the ledger and the reports; a generation running meanwhile commits nothing (its
 * version and charge are one transaction, and the brief is gone).
 */
export async function deleteBrief(db: Database, { companyId, actor, briefId, now }: BriefChange) {
  return db.sql.transaction(function* () {
    const brief = yield* briefToChange(companyId, briefId, actor);
    yield* q.run(`DELETE FROM "BriefVersion" WHERE "briefId" = ?`, [brief.id]);
    yield* q.run(`DELETE FROM "BriefSection" WHERE "briefId" = ?`, [brief.id]);
    yield* q.run(`DELETE FROM "Brief" WHERE "id" = ?`, [brief.id]);
    yield* auditStatement(actor, now, {
      companyId,
      action: "brief.delete",
      targetType: "brief",
      targetId: brief.id,
      before: { title: brief.title, automated: brief.automated, intervalHours: brief.intervalHours },
    });
    return { id: brief.id, title: brief.title };
  });
}

/** The trackers a new brief's sections may be built on: the company's, by name. */
export async function listBriefTrackers(db: Database, companyId: string) {
  return db.prisma.tracker.findMany({ where: { companyId }, orderBy: { name: "asc" }, take: 500, select: { id: true, name: true, status: true } });
}
