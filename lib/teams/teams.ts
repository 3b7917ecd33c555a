// Teams (R-TEAM-1): a company's teams and who is in them. A user is in at most one team, so
// adding a user to a team moves them out of any other; charges the user makes from then on are
// attributed to the new team. Names are unique per company, whatever their case. Every change
// runs in one driver-level transaction (lib/sql: synchronous on SQLite, so no other write can
// come between its check and its write) with its audit entry, one change per company at a time. Every function is scoped to one company: a
// team or user of another company is not_found, whoever asks; `userId` is who acts.
import { auditStatement } from "../audit";
import { lockCompanySettings } from "../companies/lock";
import type { Database, Db, Tx } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { isUniqueViolation, type Query, q } from "../sql";
import { col, shape } from "../sql/rows";
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

const TeamRow = shape({ id: col.text, name: col.text });
const MemberRow = shape({ id: col.text, name: col.text, teamId: col.textOrNull, teamName: col.textOrNull });

function* findTeam(companyId: string, teamId: string): Query<{ id: string; name: string }> {
  const team = yield* q.row(`SELECT "id", "name" FROM "Team" WHERE "id" = ? AND "companyId" = ?`, [teamId, companyId], TeamRow);
  if (!team) throw new AppError("not_found", "Your company has no team with that id.", { field: "teamId" });
  return team;
}

function* findMember(companyId: string, memberId: string): Query<ReturnType<typeof MemberRow>> {
  const user = yield* q.row(
    `SELECT u."id", u."name", u."teamId", t."name" AS "teamName" FROM "User" u LEFT JOIN "Team" t ON t."id" = u."teamId" WHERE u."id" = ? AND u."companyId" = ?`,
    [memberId, companyId],
    MemberRow,
  );
  if (!user) throw new AppError("not_found", "Your company has no user with that id.", { field: "userId" });
  return user;
}

function* refuseTakenName(companyId: string, name: string, exceptTeamId?: string): Query<void> {
  const teams = yield* q.rows(`SELECT "id", "name" FROM "Team" WHERE "companyId" = ?`, [companyId], TeamRow);
  const taken = teams.find((t) => t.id !== exceptTeamId && t.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new AppError("invalid_request", `There is already a team named “${taken.name}”: choose another name.`, { field: "name" });
}

export async function createTeam(db: Database, { companyId, userId, name, now }: Change & { name: string }): Promise<{ id: string; name: string }> {
  const id = createId("team", now);
  return uniqueName(() =>
    db.sql.transaction(function* (dialect) {
      yield* lockCompanySettings(dialect, companyId);
      yield* refuseTakenName(companyId, name);
      yield* q.run(`INSERT INTO "Team" ("id", "companyId", "name", "createdAt") VALUES (?, ?, ?, ?)`, [id, companyId, name, now]);
      yield* auditStatement({ userId }, now, { companyId, action: "team.create", targetType: "team", targetId: id, after: { name } });
      return { id, name };
    }),
  );
}

export async function renameTeam(
  db: Database,
  { companyId, userId, teamId, name, now }: Change & { teamId: string; name: string },
): Promise<{ id: string; name: string; changed: boolean }> {
  return uniqueName(() =>
    db.sql.transaction(function* (dialect) {
      yield* lockCompanySettings(dialect, companyId);
      const team = yield* findTeam(companyId, teamId);
      if (team.name === name) return { id: team.id, name, changed: false };
      yield* refuseTakenName(companyId, name, team.id);
      yield* q.run(`UPDATE "Team" SET "name" = ? WHERE "id" = ?`, [name, team.id]);
      yield* auditStatement({ userId }, now, {
        companyId,
        action: "team.rename",
        targetType: "team",
        targetId: team.id,
        before: { name: team.name },
        after: { name },
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
export async function deleteTeam(db: Database, { companyId, userId, teamId, now }: Change & { teamId: string }): Promise<{ id: string; name: string }> {
  return db.sql.transaction(function* (dialect) {
    yield* lockCompanySettings(dialect, companyId);
    const team = yield* findTeam(companyId, teamId);
    const budget = yield* q.row(
      `SELECT "name" FROM "Budget" WHERE "companyId" = ? AND "scopeKind" = 'team' AND "scopeValue" = ? ORDER BY "name" LIMIT 1`,
      [companyId, team.id],
      shape({ name: col.text }),
    );
    if (budget)
      throw new AppError("invalid_request", `The budget “${budget.name}” applies to ${team.name}: remove it, or point it elsewhere, before deleting the team.`);
    const trackers = yield* q.rows(
      `SELECT "name", "teamIds" FROM "Tracker" WHERE "companyId" = ? AND "teamIds" LIKE ? ORDER BY "name"`,
      [companyId, `%${team.id}%`],
      shape({ name: col.text, teamIds: col.text }),
    );
    const filtering = trackers.find((t) => splitLines(t.teamIds).includes(team.id));
    if (filtering)
      throw new AppError(
        "invalid_request",
        `The tracker “${filtering.name}” takes only calls and emails of ${team.name}: edit its filters before deleting the team.`,
      );
    const members = yield* q.rows(
      `SELECT "id" FROM "User" WHERE "companyId" = ? AND "teamId" = ? ORDER BY "id"`,
      [companyId, team.id],
      shape({ id: col.text }),
    );
    yield* q.run(`UPDATE "User" SET "teamId" = NULL WHERE "companyId" = ? AND "teamId" = ?`, [companyId, team.id]);
    yield* q.run(`DELETE FROM "Team" WHERE "id" = ?`, [team.id]);
    yield* auditStatement({ userId }, now, {
      companyId,
      action: "team.delete",
      targetType: "team",
      targetId: team.id,
      before: { name: team.name, members: members.map((m) => m.id) },
    });
    return { id: team.id, name: team.name };
  });
}

export type MembershipChange = { userId: string; userName: string; teamName: string; fromTeam: string | null; changed: boolean };

/** Puts a company user in the team, moving them out of the team they were in (one team each). */
export async function addTeamMember(
  db: Database,
  { companyId, userId, teamId, memberId, now }: Change & { teamId: string; memberId: string },
): Promise<MembershipChange> {
  return db.sql.transaction(function* (dialect) {
    yield* lockCompanySettings(dialect, companyId);
    const team = yield* findTeam(companyId, teamId);
    const user = yield* findMember(companyId, memberId);
    const change = { userId: user.id, userName: user.name, teamName: team.name, fromTeam: user.teamName };
    if (user.teamId === team.id) return { ...change, changed: false };
    yield* q.run(`UPDATE "User" SET "teamId" = ? WHERE "id" = ?`, [team.id, user.id]);
    yield* auditStatement({ userId }, now, {
      companyId,
      action: "team.add_member",
      targetType: "user",
      targetId: user.id,
      before: { teamId: user.teamId, team: user.teamName },
      after: { teamId: team.id, team: team.name },
    });
    return { ...change, changed: true };
  });
}

/** Takes a user out of the team; they stay in the company, in no team. */
export async function removeTeamMember(
  db: Database,
  { companyId, userId, teamId, memberId, now }: Change & { teamId: string; memberId: string },
): Promise<MembershipChange> {
  return db.sql.transaction(function* (dialect) {
    yield* lockCompanySettings(dialect, companyId);
    const team = yield* findTeam(companyId, teamId);
    const user = yield* findMember(companyId, memberId);
    if (user.teamId !== team.id) throw new AppError("invalid_request", `${user.name} is not in ${team.name}.`, { field: "userId" });
    yield* q.run(`UPDATE "User" SET "teamId" = NULL WHERE "id" = ?`, [user.id]);
    yield* auditStatement({ userId }, now, {
      companyId,
      action: "team.remove_member",
      targetType: "user",
      targetId: user.id,
      before: { teamId: team.id, team: team.name },
      after: { teamId: null },
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
 * The (companyId, name) unique index behind the check: a write that hits it gets the same
 * message as the check.
 */
async function uniqueName<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("invalid_request", "There is already a team with that name: choose another name.", { field: "name" });
    throw error;
  }
}

/**
 * The user who owns a call or an email (`alias` names its table in the query), joined as `u` by
 * the item's `ownerEmail`: `u."teamId"` is the team its charges count toward (R-TEAM-1), NULL
 * when nobody, or nobody in a team, owns it.
 */
export function ownerJoin(alias: string): string {
  return `LEFT JOIN "User" u ON u."companyId" = ${alias}."companyId" AND u."email" = ${alias}."ownerEmail" AND ${alias}."ownerEmail" <> ''`;
}
