// Admin center > Trackers (R-TRACK-1/2, R-ZERO-1/2): the company's AI trackers with their
// status in words and controls, and "New tracker". Admins only: members may draft trackers
// through the domain, but never see the Admin center. No route-level loading.tsx: it would make
// a refused visit answer 200 instead of 403.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { NewTrackerDialog } from "@/components/trackers/new-tracker-dialog";
import { TrackersTable } from "@/components/trackers/trackers-table";
import { Announcement, Announcer } from "@/components/ui/announcer";
import { Card } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/page";
import { getDatabase } from "@/lib/db";
import { listTeamNames } from "@/lib/teams";
import { listTrackers } from "@/lib/trackers";

export const metadata: Metadata = { title: "Trackers" };

const PATH = "/admin-center/trackers";
const CREDITS_PATH = "/admin-center/settings/credits";

export default async function TrackersPage() {
  // Statuses change under the page (the ledger pauses trackers at zero): never prerendered.
  await connection();
  const { actingCompanyId } = await requirePermission(PATH, "trackers.write");
  const db = getDatabase();
  const [trackers, teams] = await Promise.all([listTrackers(db, { companyId: actingCompanyId }), listTeamNames(db.prisma, { companyId: actingCompanyId })]);

  return (
    <Announcer>
      <div className="flex max-w-6xl flex-col gap-6">
        <div>
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div className="min-w-0 flex-1 basis-80">
              <h1 className="text-2xl font-semibold text-neutral-900">Trackers</h1>
              <p className="mt-1 text-sm text-neutral-600">
                Question-based trackers use credits for each call and email they process; pretrained trackers are free. See what they use on{" "}
                <Link href={CREDITS_PATH} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
                  Gong credits
                </Link>
                .
              </p>
            </div>
            <NewTrackerDialog teams={teams} />
          </div>
          <Announcement />
        </div>
        <Card className="overflow-hidden">
          <TrackersTable trackers={trackers} teams={teams} />
        </Card>
      </div>
    </Announcer>
  );
}
