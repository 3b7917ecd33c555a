// The calls and emails a tracker looks at: its window (from its backfill start on), read with what
// the filters need (the owner's team, the participants) and what the worker needs (the text,
// whether question-based AI processed the item already). Shared by the worker, the estimate and
// the progress count, so all three see the same items.
import type { Database } from "../db";
import type { SqlReader, SqlValue } from "../sql";
import { col, shape } from "../sql/rows";
import { ownerJoin } from "../teams/teams";
import { domainOf, type FilterableItem, splitLines, type TrackerFilters } from "./filters";

export const DAY_MS = 86_400_000;

export const TRACKER_COLUMNS = `t."id", t."companyId", t."name", t."type", t."question", t."phrases", t."includeCalls", t."includeEmails", t."minCallSeconds", t."backfillDays",
  t."teamIds", t."includeDomains", t."excludeDomains", t."externalOnly", t."publishedAt", c."timeZone"`;

const TrackerRow = shape({
  id: col.text,
  companyId: col.text,
  name: col.text,
  type: col.oneOf(["question", "pretrained"] as const),
  question: col.text,
  phrases: col.text,
  includeCalls: col.bool,
  includeEmails: col.bool,
  minCallSeconds: col.int,
  backfillDays: col.int,
  teamIds: col.text,
  includeDomains: col.text,
  excludeDomains: col.text,
  externalOnly: col.bool,
  publishedAt: col.dateOrNull,
  timeZone: col.text,
});

export type WorkingTracker = Omit<ReturnType<typeof TrackerRow>, "teamIds" | "includeDomains" | "excludeDomains"> & TrackerFilters;

/** A tracker row (with its company's zone) as the worker and the estimate use it. */
export function decodeTracker(row: Record<string, unknown>): WorkingTracker {
  const t = TrackerRow(row);
  return {
    ...t,
    teamIds: splitLines(t.teamIds),
    includeDomains: splitLines(t.includeDomains).map((d) => d.toLowerCase()),
    excludeDomains: splitLines(t.excludeDomains).map((d) => d.toLowerCase()),
  };
}

/** The company's own email domains: those of its users. "External" is any other. */
export async function ownDomains(sql: SqlReader, companyId: string): Promise<Set<string>> {
  const users = await sql.rows(`SELECT "email" FROM "User" WHERE "companyId" = ?`, [companyId], shape({ email: col.text }));
  return new Set(users.map((u) => domainOf(u.email)));
}

export type WindowItem = FilterableItem & { id: string; text: string; aiProcessed: boolean; occurredAt: Date };

const CallRow = shape({
  id: col.text,
  title: col.text,
  transcript: col.text,
  durationSeconds: col.int,
  aiProcessedAt: col.dateOrNull,
  startedAt: col.date,
  participants: col.text,
  ownerTeamId: col.textOrNull,
});
const EmailRow = shape({
  id: col.text,
  subject: col.text,
  body: col.text,
  aiProcessedAt: col.dateOrNull,
  sentAt: col.date,
  participants: col.text,
  ownerTeamId: col.textOrNull,
});

type WindowQuery = {
  from: Date;
  /** Only items this tracker has no result for yet. */
  withoutResultFor?: string;
  /** Only items question-based AI has not processed. */
  notAiProcessed?: boolean;
  /** Leave out the text (counting needs none). */
  withText?: boolean;
  limit?: number;
};

/** The company's calls and emails in `t`'s window, oldest first, before the people filters. */
export async function windowItems(db: Database, t: WorkingTracker, w: WindowQuery): Promise<WindowItem[]> {
  const items: WindowItem[] = [];
  const limit = w.limit ?? Number.MAX_SAFE_INTEGER;
  const conditions = (alias: string, itemType: "call" | "email") => {
    const sql: string[] = [];
    const params: SqlValue[] = [];
    if (w.withoutResultFor) {
      sql.push(`AND NOT EXISTS (SELECT 1 FROM "TrackerResult" r WHERE r."trackerId" = ? AND r."itemType" = '${itemType}' AND r."itemId" = ${alias}."id")`);
      params.push(w.withoutResultFor);
    }
    if (w.notAiProcessed) sql.push(`AND ${alias}."aiProcessedAt" IS NULL`);
    return { sql: sql.join(" "), params };
  };
  const text = w.withText ?? true;
  if (t.includeCalls) {
    const c = conditions("c", "call");
    const rows = await db.sql.rows(
      `SELECT c."id", ${text ? `c."title", c."transcript"` : `'' AS "title", '' AS "transcript"`}, c."durationSeconds", c."aiProcessedAt", c."startedAt", c."participants", u."teamId" AS "ownerTeamId"
         FROM "Call" c ${ownerJoin("c")}
        WHERE c."companyId" = ? AND c."startedAt" >= ? AND c."durationSeconds" >= ? ${c.sql}
        ORDER BY c."startedAt", c."id"${w.limit ? " LIMIT ?" : ""}`,
      [t.companyId, w.from, t.minCallSeconds, ...c.params, ...(w.limit ? [w.limit] : [])],
      CallRow,
    );
    for (const r of rows) {
      items.push({
        kind: "call",
        id: r.id,
        text: text ? `${r.title}. ${r.transcript}` : "",
        durationSeconds: r.durationSeconds,
        aiProcessed: r.aiProcessedAt !== null,
        occurredAt: r.startedAt,
        ownerTeamId: r.ownerTeamId,
        participants: splitLines(r.participants),
      });
    }
  }
  if (t.includeEmails && items.length < limit) {
    const e = conditions("e", "email");
    const rows = await db.sql.rows(
      `SELECT e."id", ${text ? `e."subject", e."body"` : `'' AS "subject", '' AS "body"`}, e."aiProcessedAt", e."sentAt", e."participants", u."teamId" AS "ownerTeamId"
         FROM "Email" e ${ownerJoin("e")}
        WHERE e."companyId" = ? AND e."sentAt" >= ? ${e.sql}
        ORDER BY e."sentAt", e."id"${w.limit ? " LIMIT ?" : ""}`,
      [t.companyId, w.from, ...e.params, ...(w.limit ? [limit - items.length] : [])],
      EmailRow,
    );
    for (const r of rows) {
      items.push({
        kind: "email",
        id: r.id,
        text: text ? `${r.subject}. ${r.body}` : "",
        durationSeconds: 0,
        aiProcessed: r.aiProcessedAt !== null,
        occurredAt: r.sentAt,
        ownerTeamId: r.ownerTeamId,
        participants: splitLines(r.participants),
      });
    }
  }
  return items;
}

/** The start of a published tracker's window: its backfill before it was published. */
export function windowStart(t: Pick<WorkingTracker, "publishedAt" | "backfillDays">, fallback: Date): Date {
  return new Date((t.publishedAt ?? fallback).getTime() - t.backfillDays * DAY_MS);
}
