// Trackers for every company user (the spec's Members "create draft trackers"): the company's
// trackers with their status in words, and "New tracker", which saves a draft. Drafts use no
// credits; admins publish them on the Admin center's Trackers page, linked from here for them.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { NewTrackerDialog } from "@/components/trackers/new-tracker-dialog";
import { TrackerSummaryList } from "@/components/trackers/tracker-summary-list";
import { Announcement, Announcer } from "@/components/ui/announcer";
import { Card } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/page";
import { can } from "@/lib/auth/roles";
import { getDatabase } from "@/lib/db";
import { listTeamNames } from "@/lib/teams";
import { listTrackerSummaries } from "@/lib/trackers/queries";

export const metadata: Metadata = { title: "Trackers" };

const ADMIN_TRACKERS = "/admin-center/trackers";

export default async function TrackerDraftsPage() {
  await connection();
  const actor = await requirePermission("/trackers", "trackers.draft");
  const db = getDatabase();
  const [{ trackers, more }, teams] = await Promise.all([
    listTrackerSummaries(db.sql, { companyId: actor.actingCompanyId, limit: 200 }),
    listTeamNames(db.prisma, { companyId: actor.actingCompanyId }),
  ]);
  const admin = can(actor.role, "trackers.write");
  return (
    <Announcer>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-neutral-900">Trackers</h1>
        <NewTrackerDialog teams={teams} canPublish={admin} />
      </div>
      <p className="mt-1 text-sm text-neutral-600">
        Save a tracker as a draft: drafts use no credits. An admin publishes it; question-based trackers then use credits for each call and email they process,
        and pretrained trackers are free.
        {admin ? (
          <>
            {" "}
            <Link href={ADMIN_TRACKERS} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
              Publish and manage trackers
            </Link>
            .
          </>
        ) : null}
      </p>
      <Announcement />
      <Card className="mt-6">
        <TrackerSummaryList trackers={trackers} empty="No trackers yet. Draft one with “New tracker”." />
        {more ? <p className="border-t border-neutral-200 px-5 py-3 text-sm text-neutral-600">Showing the first {trackers.length} by name.</p> : null}
      </Card>
    </Announcer>
  );
}
