// Admin center > Settings > Teams (R-TEAM-1, Tech admins): the company's teams with their
// members, "New team", and per team Add member, Rename, Delete and Remove. No route-level
// loading.tsx: it would make a refused visit answer 200 instead of 403.
import type { Metadata } from "next";
import { connection } from "next/server";
import { NewTeamDialog } from "@/components/teams/team-name-dialog";
import { TeamsList } from "@/components/teams/teams-list";
import { Announcement, Announcer } from "@/components/ui/announcer";
import { requirePermission } from "@/lib/auth/page";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { listTeamCandidates, listTeams } from "@/lib/teams";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  await connection();
  const { actingCompanyId } = await requirePermission("/admin-center/settings/teams", "teams.manage");
  const { prisma } = getDatabase();
  const [company, teams, candidates] = await Promise.all([
    getCompanyProfile(prisma, { companyId: actingCompanyId }),
    listTeams(prisma, { companyId: actingCompanyId }),
    listTeamCandidates(prisma, { companyId: actingCompanyId }),
  ]);

  return (
    <Announcer>
      <div className="flex max-w-5xl flex-col gap-6">
        <div>
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div className="min-w-0 flex-1 basis-80">
              <h1 className="text-2xl font-semibold text-neutral-900">Teams</h1>
              <p className="mt-1 text-sm text-neutral-600">
                {company.name}&rsquo;s teams. Each user is in one team at most. Requests a member makes through the API or MCP, and tracker charges for the
                calls and emails they own, count toward their team, which budgets, tracker filters and the usage chart can name.
              </p>
            </div>
            <NewTeamDialog />
          </div>
          <Announcement />
        </div>
        <TeamsList teams={teams} candidates={candidates} />
      </div>
    </Announcer>
  );
}
