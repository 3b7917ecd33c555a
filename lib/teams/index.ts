// lib/teams: a company's teams and their members (R-TEAM-1). A user is in at most one team;
// charges are attributed to the team of the user who makes them (API, MCP) or of the owner of
// each call and email (trackers, automated briefs).
//   CreateTeamInput, RenameTeamInput, TeamIdInput, TeamMemberInput   what the page sends (schemas.ts, zod only)
//   listTeams, listTeamCandidates, listTeamNames                    the Teams page, filters, budgets, the chart
//   createTeam, renameTeam, deleteTeam                               Tech admins; audited, names unique per company
//   addTeamMember, removeTeamMember                                  adding moves a user out of their other team
//   unknownTeamIds                                                   which of some ids the company has no team for
//   ownerJoin                                                        a call's or email's owner in SQL, for the team its charges count toward
// The server actions (actions.ts) authorize the caller, then call one of these.
export { CreateTeamInput, RenameTeamInput, TEAM_NAME_MAX, TeamIdInput, TeamMemberInput } from "./schemas";
export {
  addTeamMember,
  createTeam,
  deleteTeam,
  listTeamCandidates,
  listTeamNames,
  listTeams,
  type MembershipChange,
  ownerJoin,
  removeTeamMember,
  renameTeam,
  type TeamCandidate,
  type TeamMember,
  type TeamWithMembers,
  unknownTeamIds,
} from "./teams";
