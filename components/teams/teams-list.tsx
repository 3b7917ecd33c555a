// The company's teams, each with its members and the controls that apply: Add member, Rename,
// Delete, and Remove beside each member. A region per team, named by the team, so people and
// tests find a team's controls by its name.
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import type { TeamCandidate, TeamWithMembers } from "@/lib/teams";
import { AddMemberDialog, type MemberChoice } from "./add-member-dialog";
import { DeleteTeamDialog } from "./delete-team-dialog";
import { RemoveMemberButton } from "./remove-member-button";
import { RenameTeamDialog } from "./team-name-dialog";

export function TeamsList({ teams, candidates }: { teams: TeamWithMembers[]; candidates: TeamCandidate[] }) {
  if (teams.length === 0) {
    return (
      <Card>
        <EmptyState title="No teams yet">
          Create one with “New team”, then add its members. Budgets and tracker filters can then name a team, and the usage chart can show one.
        </EmptyState>
      </Card>
    );
  }
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  return (
    <div className="flex flex-col gap-4">
      {teams.map((team) => {
        const choices: MemberChoice[] = candidates
          .filter((c) => c.teamId !== team.id)
          .map((c) => ({ id: c.id, name: c.name, email: c.email, teamName: c.teamId ? (teamNames.get(c.teamId) ?? null) : null }));
        const headingId = `team-${team.id}`;
        return (
          <Card key={team.id}>
            <section aria-labelledby={headingId}>
              <div className="flex flex-wrap items-center justify-between gap-3 px-5 pt-4 pb-3">
                <div className="min-w-0">
                  <h2 id={headingId} className="text-base font-semibold text-neutral-900">
                    {team.name}
                  </h2>
                  <p className="text-sm text-neutral-600">{membersWords(team.members.length)}</p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <AddMemberDialog team={team} choices={choices} />
                  <RenameTeamDialog team={team} />
                  <DeleteTeamDialog team={{ ...team, memberCount: team.members.length }} />
                </div>
              </div>
              {team.members.length === 0 ? (
                <p className="border-t border-neutral-200 px-5 py-4 text-sm text-neutral-600">
                  No members yet. Add the people whose requests, calls and emails belong to this team.
                </p>
              ) : (
                <ul aria-label={`Members of ${team.name}`} className="divide-y divide-neutral-200 border-t border-neutral-200">
                  {team.members.map((m) => (
                    <li key={m.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-5 py-2.5">
                      <div className="min-w-0">
                        <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-neutral-900">
                          {m.name}
                          <Badge>{ROLE_LABELS[m.role as Role] ?? m.role}</Badge>
                        </p>
                        <p className="text-xs wrap-anywhere text-neutral-600">{m.email}</p>
                      </div>
                      <RemoveMemberButton team={team} member={m} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </Card>
        );
      })}
    </div>
  );
}

function membersWords(n: number): string {
  if (n === 0) return "No members";
  return `${n.toLocaleString("en-US")} ${n === 1 ? "member" : "members"}`;
}
