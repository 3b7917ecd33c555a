// Reading a company's trackers: all of them for the Trackers page, each published or paused one
// with how far it has got; and the first few, by name, for the credits page.
import type { Database } from "../db";
import type { SqlReader } from "../sql";
import { col, shape } from "../sql/rows";
import { TRACKER_STATUSES } from "./status";
import { trackerProgress } from "./worker";

export type TrackerListItem = {
  id: string;
  name: string;
  type: string;
  status: string;
  pausedReason: string;
  question: string;
  phrases: string;
  includeCalls: boolean;
  includeEmails: boolean;
  minCallSeconds: number;
  backfillDays: number;
  /** Filters (R-TRACK-3), one value per line as stored: team ids and domains. */
  teamIds: string;
  includeDomains: string;
  excludeDomains: string;
  externalOnly: boolean;
  /** Only for published and paused trackers: items with a result, of the items in its window. */
  progress?: { processed: number; total: number };
};

export async function listTrackers(db: Database, { companyId }: { companyId: string }): Promise<TrackerListItem[]> {
  const rows = await db.prisma.tracker.findMany({
    where: { companyId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      type: true,
      status: true,
      pausedReason: true,
      question: true,
      phrases: true,
      includeCalls: true,
      includeEmails: true,
      minCallSeconds: true,
      backfillDays: true,
      teamIds: true,
      includeDomains: true,
      excludeDomains: true,
      externalOnly: true,
    },
  });
  // Progress only for trackers that run or have run until paused; each is three counts.
  return Promise.all(
    rows.map(async (row) =>
      row.status === "published" || row.status === "paused" ? { ...row, progress: await trackerProgress(db, { companyId, trackerId: row.id }) } : row,
    ),
  );
}

const TrackerSummaryRow = shape({
  id: col.text,
  name: col.text,
  type: col.oneOf(["question", "pretrained"]),
  status: col.oneOf(TRACKER_STATUSES),
  pausedReason: col.text,
  includeCalls: col.bool,
  includeEmails: col.bool,
});

/** A tracker as the credits page lists it. */
export type TrackerSummary = ReturnType<typeof TrackerSummaryRow>;

/** The credits page lists this many trackers; the Trackers page has them all. */
export const TRACKERS_SHOWN = 25;

/** Up to `limit` trackers by name, and whether there are more. */
export async function listTrackerSummaries(
  sql: SqlReader,
  { companyId, limit = TRACKERS_SHOWN }: { companyId: string; limit?: number },
): Promise<{ trackers: TrackerSummary[]; more: boolean }> {
  const rows = await sql.rows(
    `SELECT "id", "name", "type", "status", "pausedReason", "includeCalls", "includeEmails" FROM "Tracker"
      WHERE "companyId" = ? ORDER BY "name", "id" LIMIT ?`,
    [companyId, limit + 1],
    TrackerSummaryRow,
  );
  return {
    trackers: rows.slice(0, limit),
    more: rows.length > limit,
  };
}
