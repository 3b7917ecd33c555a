// Teams (R-TEAM-1) on SQLite and PostgreSQL: create, rename and delete with names unique per
// company, the one-team rule (adding moves a user), removal, an audit entry for every change,
// and company B refused for every function.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import type { Database } from "../db";
import { createId } from "../ids";
import { addTeamMember, createTeam, deleteTeam, listTeamCandidates, listTeams, removeTeamMember, renameTeam } from "./teams";

const NOW = new Date("2026-03-10T15:00:00.000Z");

describe.each(PROVIDERS)("teams on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function company() {
    const { companyId } = await makeCompany(db.sql, NOW);
    const user = async (name: string, role = "member") => {
      const id = createId("user", NOW);
      await db.prisma.user.create({ data: { id, email: `${id.toLowerCase()}@teams.test`, name, role, companyId } });
      return id;
    };
    return { companyId, admin: await user("Ada Admin", "tech_admin"), sam: await user("Sam Rivera"), lee: await user("Lee Chen") };
  }
  const audit = (companyId: string, action: string) => db.prisma.auditEntry.findMany({ where: { companyId, action }, orderBy: { at: "asc" } });
  const teamOf = async (userId: string) => (await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).teamId;

  it("creates teams with names unique per company, whatever their case, and audits each", async () => {
    const a = await company();
    const change = { companyId: a.companyId, userId: a.admin, now: NOW };
    const enterprise = await createTeam(db, { ...change, name: "Enterprise" });
    await createTeam(db, { ...change, name: "Mid-market" });
    await expect(createTeam(db, { ...change, name: "enterprise" })).rejects.toMatchObject({ code: "invalid_request", field: "name" });
    expect((await listTeams(db.prisma, { companyId: a.companyId })).map((t) => t.name)).toEqual(["Enterprise", "Mid-market"]);
    const entries = await audit(a.companyId, "team.create");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorUserId: a.admin, targetType: "team", targetId: enterprise.id, after: JSON.stringify({ name: "Enterprise" }) });

    // Another company may use the same name.
    const b = await company();
    await expect(createTeam(db, { companyId: b.companyId, userId: b.admin, now: NOW, name: "Enterprise" })).resolves.toMatchObject({
      name: "Enterprise",
    });
  });

  it("refuses the second of two teams named alike at once with the same message", async () => {
    const a = await company();
    const change = { companyId: a.companyId, userId: a.admin, now: NOW };
    const outcomes = await Promise.allSettled([createTeam(db, { ...change, name: "Field" }), createTeam(db, { ...change, name: "Field" })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "invalid_request", field: "name" });
  });

  it("keeps a user in one team at most: adding moves them; removing leaves them in none", async () => {
    const a = await company();
    const change = { companyId: a.companyId, userId: a.admin, now: NOW };
    const enterprise = await createTeam(db, { ...change, name: "Enterprise" });
    const mid = await createTeam(db, { ...change, name: "Mid-market" });

    expect(await addTeamMember(db, { ...change, teamId: enterprise.id, memberId: a.sam })).toMatchObject({ changed: true, fromTeam: null });
    await addTeamMember(db, { ...change, teamId: enterprise.id, memberId: a.lee });
    expect(await addTeamMember(db, { ...change, teamId: mid.id, memberId: a.sam })).toMatchObject({
      changed: true,
      fromTeam: "Enterprise",
      teamName: "Mid-market",
    });
    expect(await teamOf(a.sam)).toBe(mid.id);
    // Adding again changes nothing and writes no entry.
    expect(await addTeamMember(db, { ...change, teamId: mid.id, memberId: a.sam })).toMatchObject({ changed: false });

    const teams = await listTeams(db.prisma, { companyId: a.companyId });
    expect(teams.map((t) => [t.name, t.members.map((m) => m.name)])).toEqual([
      ["Enterprise", ["Lee Chen"]],
      ["Mid-market", ["Sam Rivera"]],
    ]);
    const candidates = await listTeamCandidates(db.prisma, { companyId: a.companyId });
    expect(candidates.find((c) => c.id === a.sam)?.teamId).toBe(mid.id);
    expect(candidates.find((c) => c.id === a.admin)?.teamId).toBeNull();

    const moves = await audit(a.companyId, "team.add_member");
    expect(moves).toHaveLength(3);
    expect(JSON.parse(moves[2]!.before)).toEqual({ teamId: enterprise.id, team: "Enterprise" });
    expect(JSON.parse(moves[2]!.after)).toEqual({ teamId: mid.id, team: "Mid-market" });

    await removeTeamMember(db, { ...change, teamId: mid.id, memberId: a.sam });
    expect(await teamOf(a.sam)).toBeNull();
    await expect(removeTeamMember(db, { ...change, teamId: mid.id, memberId: a.sam })).rejects.toMatchObject({ code: "invalid_request" });
    expect(await audit(a.companyId, "team.remove_member")).toHaveLength(1);
  });

  it("renames a team, refusing a name another team has", async () => {
    const a = await company();
    const change = { companyId: a.companyId, userId: a.admin, now: NOW };
    const enterprise = await createTeam(db, { ...change, name: "Enterprise" });
    await createTeam(db, { ...change, name: "SMB" });
    await expect(renameTeam(db, { ...change, teamId: enterprise.id, name: "smb" })).rejects.toMatchObject({ code: "invalid_request", field: "name" });
    expect(await renameTeam(db, { ...change, teamId: enterprise.id, name: "Enterprise" })).toMatchObject({ changed: false });
    expect(await renameTeam(db, { ...change, teamId: enterprise.id, name: "Strategic" })).toMatchObject({ changed: true, name: "Strategic" });
    const [entry] = await audit(a.companyId, "team.rename");
    expect(entry).toMatchObject({ before: JSON.stringify({ name: "Enterprise" }), after: JSON.stringify({ name: "Strategic" }) });
    expect(await audit(a.companyId, "team.rename")).toHaveLength(1);
  });

  it("deletes a team, leaving its members in none; refused while a budget or a tracker filter names it", async () => {
    const a = await company();
    const change = { companyId: a.companyId, userId: a.admin, now: NOW };
    const team = await createTeam(db, { ...change, name: "Enterprise" });
    await addTeamMember(db, { ...change, teamId: team.id, memberId: a.sam });

    await db.prisma.budget.create({
      data: {
        id: createId("budget", NOW),
        companyId: a.companyId,
        name: "Enterprise spend",
        scopeKind: "team",
        scopeValue: team.id,
        limitMilli: 1000n,
        period: "month",
        createdAt: NOW,
        updatedAt: NOW,
      },
    });
    await expect(deleteTeam(db, { ...change, teamId: team.id })).rejects.toThrow(/budget “Enterprise spend”/);
    await db.prisma.budget.deleteMany({ where: { companyId: a.companyId } });

    const trackerId = createId("tracker", NOW);
    await db.prisma.tracker.create({
      data: {
        id: trackerId,
        companyId: a.companyId,
        name: "Enterprise pricing",
        type: "question",
        question: "Price?",
        teamIds: `other\n${team.id}`,
        status: "draft",
        createdAt: NOW,
      },
    });
    await expect(deleteTeam(db, { ...change, teamId: team.id })).rejects.toThrow(/tracker “Enterprise pricing”/);
    await db.prisma.tracker.update({ where: { id: trackerId }, data: { teamIds: "" } });

    await deleteTeam(db, { ...change, teamId: team.id });
    expect(await listTeams(db.prisma, { companyId: a.companyId })).toEqual([]);
    expect(await teamOf(a.sam)).toBeNull();
    const [entry] = await audit(a.companyId, "team.delete");
    expect(JSON.parse(entry!.before)).toEqual({ name: "Enterprise", members: [a.sam] });
  });

  it("refuses company B every function on company A's teams and users", async () => {
    const a = await company();
    const b = await company();
    const aChange = { companyId: a.companyId, userId: a.admin, now: NOW };
    const bChange = { companyId: b.companyId, userId: b.admin, now: NOW };
    const aTeam = await createTeam(db, { ...aChange, name: "Enterprise" });
    await addTeamMember(db, { ...aChange, teamId: aTeam.id, memberId: a.sam });
    const bTeam = await createTeam(db, { ...bChange, name: "B team" });

    const notFound = { code: "not_found" };
    await expect(renameTeam(db, { ...bChange, teamId: aTeam.id, name: "Taken over" })).rejects.toMatchObject(notFound);
    await expect(deleteTeam(db, { ...bChange, teamId: aTeam.id })).rejects.toMatchObject(notFound);
    await expect(addTeamMember(db, { ...bChange, teamId: aTeam.id, memberId: b.sam })).rejects.toMatchObject(notFound);
    await expect(removeTeamMember(db, { ...bChange, teamId: aTeam.id, memberId: a.sam })).rejects.toMatchObject(notFound);
    // B's own team, A's user: the user is not B's.
    await expect(addTeamMember(db, { ...bChange, teamId: bTeam.id, memberId: a.sam })).rejects.toMatchObject({ code: "not_found", field: "userId" });

    expect((await listTeams(db.prisma, { companyId: b.companyId })).map((t) => t.name)).toEqual(["B team"]);
    expect((await listTeamCandidates(db.prisma, { companyId: b.companyId })).map((u) => u.id)).not.toContain(a.sam);
    expect(await db.prisma.team.findUniqueOrThrow({ where: { id: aTeam.id } })).toMatchObject({ name: "Enterprise" });
    expect(await teamOf(a.sam)).toBe(aTeam.id);
    expect(await db.prisma.auditEntry.count({ where: { companyId: b.companyId, action: { startsWith: "team." }, targetId: { in: [aTeam.id, a.sam] } } })).toBe(
      0,
    );
  });
});
