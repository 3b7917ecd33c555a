// The Trackers page's read: a company's trackers by name, each published or paused one with how
// far it has got.
import type { Database } from "../db";
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
    },
  });
  // Progress only for trackers that run or have run until paused; each is three counts.
  return Promise.all(
    rows.map(async (row) =>
      row.status === "published" || row.status === "paused" ? { ...row, progress: await trackerProgress(db, { companyId, trackerId: row.id }) } : row,
    ),
  );
}
