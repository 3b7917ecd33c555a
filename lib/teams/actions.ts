"use server";
// The Teams page's actions (R-TEAM-1), Tech admins only: create, rename and delete a team, and
// add or remove a member. The company is always the acting user's own; the browser sends only
// ids, and another company's team or user is not_found.
import { authedAction } from "../actions/client";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { CreateTeamInput, RenameTeamInput, TeamIdInput, TeamMemberInput } from "./schemas";
import { addTeamMember, createTeam, deleteTeam, removeTeamMember, renameTeam } from "./teams";

export const createTeamAction = authedAction
  .metadata({ action: "teams.create", permission: "teams.manage" })
  .inputSchema(CreateTeamInput)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId, now: systemClock.now() };
    return createTeam(getDatabase(), { ...change, name: parsedInput.name });
  });

export const renameTeamAction = authedAction
  .metadata({ action: "teams.rename", permission: "teams.manage" })
  .inputSchema(RenameTeamInput)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId, now: systemClock.now() };
    return renameTeam(getDatabase(), { ...change, teamId: parsedInput.teamId, name: parsedInput.name });
  });

export const deleteTeamAction = authedAction
  .metadata({ action: "teams.delete", permission: "teams.manage" })
  .inputSchema(TeamIdInput)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId, now: systemClock.now() };
    return deleteTeam(getDatabase(), { ...change, teamId: parsedInput.teamId });
  });

export const addTeamMemberAction = authedAction
  .metadata({ action: "teams.add_member", permission: "teams.manage" })
  .inputSchema(TeamMemberInput)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId, now: systemClock.now() };
    return addTeamMember(getDatabase(), { ...change, teamId: parsedInput.teamId, memberId: parsedInput.userId });
  });

export const removeTeamMemberAction = authedAction
  .metadata({ action: "teams.remove_member", permission: "teams.manage" })
  .inputSchema(TeamMemberInput)
  .action(async ({ parsedInput, ctx }) => {
    const change = { companyId: ctx.authorizeCompany(), userId: ctx.actor.userId, now: systemClock.now() };
    return removeTeamMember(getDatabase(), { ...change, teamId: parsedInput.teamId, memberId: parsedInput.userId });
  });
