// Teams (R-TEAM-1): a company's teams and who is in them. A user is in at most one team, so
// adding a user to a team moves them out of any other; charges the user makes from then on are
// attributed to the new team. Names are unique per company, whatever their case. Every change
// writes its audit entry in the same transaction. Every function is scoped to one company: a
// team or user of another company is not_found, whoever asks; `userId` is who acts.
import { auditData } from "../audit";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { isUniqueViolation } from "../prisma-errors";
import { splitLines } from "../trackers/filters";

export type TeamMember = { id: string; name: string; email: string; role: string };
export type TeamWithMembers = { id: string; name: string; members: TeamMember[] };
/** A company user as "Add member" offers them: with the team they are in now, if any. */
export type TeamCandidate = TeamMember & { teamId: string | null };

type Change = { companyId: string; userId: string; now: Date };

/** The company's teams by name, each with its members by name. */
export async function listTeams(db: Db | Tx, { companyId }: { companyId: string }): Promise<TeamWithMembers[]> {
  return db.team.findMany({
    where: { companyId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      members: { select: { id: true, name: true, email: true, role: true }, orderBy: [{ name: "asc" }, { email: "asc" }] },
    },
  });
}

/** The company's active users, by name, with their team: who "Add member" may choose from. */
export async function listTeamCandidates(db: Db | Tx, { companyId }: { companyId: string }): Promise<TeamCandidate[]> {
  return db.user.findMany({
    where: { companyId, disabledAt: null },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true, role: true, teamId: true },
  });
}

/** The company's teams by name, without members (for filters, budgets and the chart). */
export async function listTeamNames(db: Db | Tx, { companyId }: { companyId: string }): Promise<Array<{ id: string; name: string }>> {
  return db.team.findMany({ where: { companyId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}

async function findTeam(tx: Tx, companyId: string, teamId: string) {
  const team = await tx.team.findFirst({ where: { id: teamId, companyId } });
  if (!team) throw new AppError("not_found", "Your company has no team with that id.", { field: "teamId" });
  return team;
}

async function refuseTakenName(tx: Tx, companyId: string, name: string, exceptTeamId?: string) {
  const teams = await tx.team.findMany({ where: { companyId }, select: { id: true, name: true } });
  const taken = teams.find((t) => t.id !== exceptTeamId && t.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new AppError("invalid_request", `There is already a team named “${taken.name}”: choose another name.`, { field: "name" });
}

export async function createTeam(prisma: Db, { companyId, userId, name, now }: Change & { name: string }): Promise<{ id: string; name: string }> {
  return uniqueName(() =>
    prisma.$transaction(async (tx) => {
      await refuseTakenName(tx, companyId, name);
      const team = await tx.team.create({ data: { id: createId("team", now), companyId, name, createdAt: now }, select: { id: true, name: true } });
      await tx.auditEntry.create({
        data: auditData({ userId }, now, { companyId, action: "team.create", targetType: "team", targetId: team.id, after: { name } }),
      });
      return team;
    }),
  );
}

export async function renameTeam(
  prisma: Db,
  { companyId, userId, teamId, name, now }: Change & { teamId: string; name: string },
): Promise<{ id: string; name: string; changed: boolean }> {
  return uniqueName(() =>
    prisma.$transaction(async (tx) => {
      const team = await findTeam(tx, companyId, teamId);
      if (team.name === name) return { id: team.id, name, changed: false };
      await refuseTakenName(tx, companyId, name, team.id);
      await tx.team.update({ where: { id: team.id }, data: { name } });
      await tx.auditEntry.create({
        data: auditData({ userId }, now, {
          companyId,
          action: "team.rename",
          targetType: "team",
          targetId: team.id,
          before: { name: team.name },
          after: { name },
        }),
      });
      return { id: team.id, name, changed: true };
    }),
  );
}

/**
 * Deletes a team; its members stay in the company, in no team. Refused while a budget applies
 * to the team or a tracker filters on it: deleting would silently widen or void them, so the
 * message names what to change first.
 */
export async function deleteTeam(prisma: Db, { companyId, userId, teamId, now }: Change & { teamId: string }): Promise<{ id: string; name: string }> {
  return prisma.$transaction(async (tx) => {
    const team = await findTeam(tx, companyId, teamId);
    const budget = await tx.budget.findFirst({ where: { companyId, scopeKind: "team", scopeValue: team.id }, select: { name: true } });
    if (budget)
      throw new AppError("invalid_request", `The budget “${budget.name}” applies to ${team.name}: remove it, or point it elsewhere, before deleting the team.`);
    const trackers = await tx.tracker.findMany({ where: { companyId, teamIds: { contains: team.id } }, select: { name: true, teamIds: true } });
    const filtering = trackers.find((t) => splitLines(t.teamIds).includes(team.id));
    if (filtering)
      throw new AppError(
        "invalid_request",
        `The tracker “${filtering.name}” takes only calls and emails of ${team.name}: edit its filters before deleting the team.`,
      );
    const members = await tx.user.findMany({ where: { companyId, teamId: team.id }, select: { id: true } });
    await tx.user.updateMany({ where: { companyId, teamId: team.id }, data: { teamId: null } });
    await tx.team.delete({ where: { id: team.id } });
    await tx.auditEntry.create({
      data: auditData({ userId }, now, {
        companyId,
        action: "team.delete",
        targetType: "team",
        targetId: team.id,
        before: { name: team.name, members: members.map((m) => m.id) },
      }),
    });
    return { id: team.id, name: team.name };
  });
}

export type MembershipChange = { userId: string; userName: string; teamName: string; fromTeam: string | null; changed: boolean };

/** Puts a company user in the team, moving them out of the team they were in (one team each). */
export async function addTeamMember(
  prisma: Db,
  { companyId, userId, teamId, memberId, now }: Change & { teamId: string; memberId: string },
): Promise<MembershipChange> {
  return prisma.$transaction(async (tx) => {
    const team = await findTeam(tx, companyId, teamId);
    const user = await tx.user.findFirst({
      where: { id: memberId, companyId },
      select: { id: true, name: true, teamId: true, team: { select: { name: true } } },
    });
    if (!user) throw new AppError("not_found", "Your company has no user with that id.", { field: "userId" });
    const fromTeam = user.team?.name ?? null;
    if (user.teamId === team.id) return { userId: user.id, userName: user.name, teamName: team.name, fromTeam, changed: false };
    await tx.user.update({ where: { id: user.id }, data: { teamId: team.id } });
    await tx.auditEntry.create({
      data: auditData({ userId }, now, {
        companyId,
        action: "team.add_member",
        targetType: "user",
        targetId: user.id,
        before: { teamId: user.teamId, team: fromTeam },
        after: { teamId: team.id, team: team.name },
      }),
    });
    return { userId: user.id, userName: user.name, teamName: team.name, fromTeam, changed: true };
  });
}

/** Takes a user out of the team; they stay in the company, in no team. */
export async function removeTeamMember(
  prisma: Db,
  { companyId, userId, teamId, memberId, now }: Change & { teamId: string; memberId: string },
): Promise<MembershipChange> {
  return prisma.$transaction(async (tx) => {
    const team = await findTeam(tx, companyId, teamId);
    const user = await tx.user.findFirst({ where: { id: memberId, companyId }, select: { id: true, name: true, teamId: true } });
    if (!user) throw new AppError("not_found", "Your company has no user with that id.", { field: "userId" });
    if (user.teamId !== team.id) throw new AppError("invalid_request", `${user.name} is not in ${team.name}.`, { field: "userId" });
    await tx.user.update({ where: { id: user.id }, data: { teamId: null } });
    await tx.auditEntry.create({
      data: auditData({ userId }, now, {
        companyId,
        action: "team.remove_member",
        targetType: "user",
        targetId: user.id,
        before: { teamId: team.id, team: team.name },
        after: { teamId: null },
      }),
    });
    return { userId: user.id, userName: user.name, teamName: team.name, fromTeam: team.name, changed: true };
  });
}

/** Team ids the company does not have, of `teamIds` (for tracker filters and budgets). */
export async function unknownTeamIds(db: Db | Tx, { companyId, teamIds }: { companyId: string; teamIds: readonly string[] }): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const found = await db.team.findMany({ where: { companyId, id: { in: [...teamIds] } }, select: { id: true } });
  const known = new Set(found.map((t) => t.id));
  return teamIds.filter((id) => !known.has(id));
}

/**
 * Two admins naming two teams alike at once: the loser's insert hits the (companyId, name)
 * unique index; it gets the same message as the check.
 */
async function uniqueName<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("invalid_request", "There is already a team with that name: choose another name.", { field: "name" });
    throw error;
  }
}
