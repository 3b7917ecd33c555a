// What the Teams page sends (R-TEAM-1), checked by the server actions and named field by field,
// so each message lands beside its field. Zod only: safe to import anywhere.
import { z } from "zod";

export const TEAM_NAME_MAX = 60;

const teamName = z
  .string({ error: "Name the team." })
  .trim()
  .min(1, "Name the team, such as “Enterprise”.")
  .max(TEAM_NAME_MAX, `A team name is at most ${TEAM_NAME_MAX} characters.`);
const teamId = z.string().trim().min(1, "Choose a team.").max(100, "That is not a team id.");
const userId = z.string().trim().min(1, "Choose a user.").max(100, "That is not a user id.");

export const CreateTeamInput = z.object({ name: teamName });
export const RenameTeamInput = z.object({ teamId, name: teamName });
export const TeamIdInput = z.object({ teamId });
export const TeamMemberInput = z.object({ teamId, userId });
