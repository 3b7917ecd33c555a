// Budgets (R-BUDGET-1) on SQLite and PostgreSQL: add, change and remove with the input checked
// (names unique per company, a positive decimal limit, a scope value that exists), an audit
// entry for every change, the usage of each budget's current period matching charges made
// through lib/billing (and what the ledger then refuses), and company B refused everywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { createApiKey } from "../auth/api-keys";
import { charge, placeHold, refundCharge } from "../billing";
import type { Database } from "../db";
import { createId } from "../ids";
import type { UsageDescriptor } from "../ledger/types";
import { createBudget, removeBudget, updateBudget } from "./budgets";
import { listBudgetScopeChoices, listBudgets } from "./queries";
import { type BudgetForm, CreateBudgetInput } from "./schemas";

// Mid-month in New York, so a month's period is March 2026 there.
const NOW = new Date("2026-03-10T15:00:00.000Z");
const DAY = 86_400_000;
const ASK: UsageDescriptor = { featureType: "ask_anything_api", featureName: "Ask Anything API", usageAction: "request", requests: 1 };

const parse = (form: BudgetForm) => CreateBudgetInput.parse(form);

describe.each(PROVIDERS)("budgets on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function company() {
    // A term from 60 days ago: the contract year began then.
    const { companyId, termStartsAt, termEndsAt } = await makeCompany(db.sql, NOW, { coreSeats: 100, termStartsAt: new Date(NOW.getTime() - 60 * DAY) });
    const admin = createId("user", NOW);
    await db.prisma.user.create({
      data: { id: admin, email: `${admin.toLowerCase()}@budgets.test`, name: "Blair Business", role: "business_admin", companyId },
    });
    const term = { timeZone: "America/New_York", termStartsAt, termEndsAt };
    return { companyId, admin, term, change: { companyId, userId: admin, now: NOW } };
  }
  const view = async (c: Awaited<ReturnType<typeof company>>, now = NOW) => listBudgets(db.prisma, { companyId: c.companyId, term: c.term, now });

  it("parses the limit as exact milli-credits and refuses what is not a positive decimal", () => {
    const form = { name: " Ask ", scopeKind: "feature", scopeValue: "ask_anything_api", limit: "1,250.5", period: "month" } as const;
    expect(parse(form)).toEqual({ name: "Ask", scopeKind: "feature", scopeValue: "ask_anything_api", limit: 1_250_500n, period: "month" });
    for (const limit of ["0", "-5", "abc", "1.0001", ""]) {
      const result = CreateBudgetInput.safeParse({ ...form, limit });
      expect(result.success, limit).toBe(false);
      expect(result.error?.issues[0]?.path, limit).toEqual(["limit"]);
    }
    const noValue = CreateBudgetInput.safeParse({ ...form, scopeKind: "team", scopeValue: " " });
    expect(noValue.error?.issues.map((i) => [i.path[0], i.message])).toEqual([["scopeValue", "Choose the team the budget applies to."]]);
    expect(CreateBudgetInput.safeParse({ ...form, period: "week" }).success).toBe(false);
    expect(CreateBudgetInput.safeParse({ ...form, scopeKind: "user" }).success).toBe(false);
  });

  it("adds budgets on every kind of scope, refusing a taken name and a scope value that does not exist", async () => {
    const c = await company();
    const trackerId = createId("tracker", NOW);
    await db.prisma.tracker.create({
      data: { id: trackerId, companyId: c.companyId, name: "Pricing objections", type: "question", question: "Price?", status: "published", createdAt: NOW },
    });
    const teamId = createId("team", NOW);
    await db.prisma.team.create({ data: { id: teamId, companyId: c.companyId, name: "Enterprise", createdAt: NOW } });
    const key = await createApiKey(db.prisma, { companyId: c.companyId, userId: c.admin, name: "CI", now: NOW });

    const add = (name: string, scopeKind: BudgetForm["scopeKind"], scopeValue: string, limit = "10", period: BudgetForm["period"] = "month") =>
      createBudget(db, { ...c.change, budget: parse({ name, scopeKind, scopeValue, limit, period }) });
    await add("Ask Anything", "feature", "ask_anything_api", "600");
    await add("Pricing tracker", "tracker", trackerId);
    await add("Claude Desktop", "integration", "Claude Desktop", "25.5", "contract_year");
    await add("CI key", "api_key", key.id);
    await add("Enterprise", "team", teamId);

    await expect(add("ask anything", "feature", "mcp")).rejects.toMatchObject({ code: "invalid_request", field: "name" });
    await expect(add("Nothing", "feature", "not_a_feature")).rejects.toMatchObject({ code: "invalid_request", field: "scopeValue" });
    await expect(add("No tracker", "tracker", "trk_missing")).rejects.toMatchObject({ code: "not_found", field: "scopeValue" });
    await expect(add("No key", "api_key", "key_missing")).rejects.toMatchObject({ code: "not_found", field: "scopeValue" });
    await expect(add("No team", "team", "team_missing")).rejects.toMatchObject({ code: "not_found", field: "scopeValue" });

    const budgets = await view(c);
    expect(budgets.map((b) => [b.name, b.scopeKind, b.scopeLabel, b.limitMilli, b.period, b.current?.label])).toEqual([
      ["Ask Anything", "feature", "Ask Anything API", 600_000n, "month", "March 2026"],
      ["CI key", "api_key", "CI", 10_000n, "month", "March 2026"],
      ["Claude Desktop", "integration", "Claude Desktop", 25_500n, "contract_year", "contract year 1"],
      ["Enterprise", "team", "Enterprise", 10_000n, "month", "March 2026"],
      ["Pricing tracker", "tracker", "Pricing objections", 10_000n, "month", "March 2026"],
    ]);
    const created = await db.prisma.auditEntry.findMany({ where: { companyId: c.companyId, action: "budget.create" } });
    expect(created).toHaveLength(5);
    expect(created.map((e) => JSON.parse(e.after))).toContainEqual({
      name: "Claude Desktop",
      scopeKind: "integration",
      scopeValue: "Claude Desktop",
      limit: "25.5",
      period: "contract_year",
    });

    const choices = await listBudgetScopeChoices(db.prisma, { companyId: c.companyId });
    expect(choices.feature.map((f) => f.label)).toContain("Ask Anything API");
    expect(choices.tracker).toEqual([{ value: trackerId, label: "Pricing objections" }]);
    expect(choices.team).toEqual([{ value: teamId, label: "Enterprise" }]);
    expect(choices.api_key.map((k) => k.value)).toEqual([key.id]);
  });

  it("reads each budget's usage in its period from the charges booked through lib/billing, as the ledger counts it", async () => {
    const c = await company();
    const teamId = createId("team", NOW);
    await db.prisma.team.create({ data: { id: teamId, companyId: c.companyId, name: "Enterprise", createdAt: NOW } });
    const ask = await createBudget(db, {
      ...c.change,
      budget: parse({ name: "Ask", scopeKind: "feature", scopeValue: "ask_anything_api", limit: "5", period: "month" }),
    });
    await createBudget(db, {
      ...c.change,
      budget: parse({ name: "Enterprise", scopeKind: "team", scopeValue: teamId, limit: "100", period: "contract_year" }),
    });

    // Last month's charge counts for the contract year, not for March.
    await charge(db.sql, c.companyId, { amountMilli: 700n, action: "Ask Anything API", usage: { ...ASK, teamId } }, new Date(NOW.getTime() - 20 * DAY));
    const first = await charge(db.sql, c.companyId, { amountMilli: 1_300n, action: "Ask Anything API", referenceId: "ans_1", usage: { ...ASK, teamId } }, NOW);
    await charge(db.sql, c.companyId, { amountMilli: 2_000n, action: "Ask Anything API", usage: ASK }, NOW);
    // Another feature counts for neither of the feature budget and (without a team) the team's.
    await charge(
      db.sql,
      c.companyId,
      { amountMilli: 9_000n, action: "MCP", usage: { ...ASK, featureType: "mcp", featureName: "MCP server", integration: "Claude" } },
      NOW,
    );
    expect(first.outcome).toBe("charged");

    let [askView, teamView] = await view(c);
    expect(askView).toMatchObject({ name: "Ask", usedMilli: 3_300n, heldMilli: 0n, reached: false });
    expect(teamView).toMatchObject({ name: "Enterprise", usedMilli: 2_000n, reached: false });

    // A hold in flight counts too; the ledger refuses what would pass the limit, and the read agrees.
    const hold = await placeHold(db.sql, c.companyId, { amountMilli: 1_000n, action: "Ask Anything API", usage: ASK }, NOW);
    expect(hold.outcome).toBe("held");
    [askView] = await view(c);
    expect(askView).toMatchObject({ usedMilli: 3_300n, heldMilli: 1_000n, reached: false });
    const refused = await charge(db.sql, c.companyId, { amountMilli: 800n, action: "Ask Anything API", usage: ASK }, NOW);
    expect(refused).toMatchObject({ outcome: "exceeds_budget", name: "Ask", limitMilli: 5_000n, usedMilli: 4_300n, requiredMilli: 800n });
    expect(await charge(db.sql, c.companyId, { amountMilli: 700n, action: "Ask Anything API", usage: ASK }, NOW)).toMatchObject({ outcome: "charged" });
    [askView] = await view(c);
    expect(askView).toMatchObject({ usedMilli: 4_000n, heldMilli: 1_000n, reached: true });
    expect(askView!.current?.endsAt.toISOString()).toBe("2026-04-01T04:00:00.000Z");

    // A refund gives credits back to the budgets' scopes.
    await refundCharge(db.sql, { companyId: c.companyId, chargeId: "ans_1", reason: "Wrong answer", actorUserId: c.admin }, NOW);
    [askView, teamView] = await view(c);
    expect(askView).toMatchObject({ usedMilli: 2_700n, reached: false });
    expect(teamView).toMatchObject({ usedMilli: 700n });

    // Next month starts from zero.
    [askView] = await view(c, new Date("2026-04-02T12:00:00.000Z"));
    expect(askView).toMatchObject({ usedMilli: 0n, current: expect.objectContaining({ label: "April 2026" }) });
    expect(ask.name).toBe("Ask");
  });

  it("changes a budget: audited, its alerts may fire again, and the trackers it paused are let go now", async () => {
    const c = await company();
    const budget = await createBudget(db, {
      ...c.change,
      budget: parse({ name: "Trackers", scopeKind: "feature", scopeValue: "ai_tracker", limit: "5", period: "month" }),
    });
    await db.prisma.budgetAlert.create({ data: { budgetId: budget.id, periodStart: "2026-03-01", percent: 80, firedAt: NOW } });
    const paused = createId("tracker", NOW);
    await db.prisma.tracker.create({
      data: {
        id: paused,
        companyId: c.companyId,
        name: "Pricing",
        type: "question",
        status: "paused",
        pausedReason: "Budget reached: Trackers",
        resumesAt: new Date("2026-04-01T04:00:00.000Z"),
        createdAt: NOW,
      },
    });
    await createBudget(db, { ...c.change, budget: parse({ name: "Other", scopeKind: "feature", scopeValue: "mcp", limit: "5", period: "month" }) });

    const later = new Date(NOW.getTime() + 60_000);
    const same = parse({ name: "Trackers", scopeKind: "feature", scopeValue: "ai_tracker", limit: "5", period: "month" });
    expect(await updateBudget(db, { ...c.change, budgetId: budget.id, budget: same })).toMatchObject({ changed: false });
    await expect(updateBudget(db, { ...c.change, budgetId: budget.id, budget: { ...same, name: "OTHER" } })).rejects.toMatchObject({ field: "name" });
    await expect(
      updateBudget(db, { ...c.change, budgetId: budget.id, budget: { ...same, scopeKind: "tracker", scopeValue: "trk_missing" } }),
    ).rejects.toMatchObject({
      code: "not_found",
    });

    const raised = parse({ name: "Trackers", scopeKind: "feature", scopeValue: "ai_tracker", limit: "50", period: "contract_year" });
    expect(await updateBudget(db, { ...c.change, now: later, budgetId: budget.id, budget: raised })).toMatchObject({ changed: true });
    const [changed] = (await view(c)).filter((b) => b.id === budget.id);
    expect(changed).toMatchObject({ limitMilli: 50_000n, period: "contract_year" });
    expect(await db.prisma.budgetAlert.count({ where: { budgetId: budget.id } })).toBe(0);
    expect((await db.prisma.tracker.findUniqueOrThrow({ where: { id: paused } })).resumesAt).toEqual(later);
    const [entry] = await db.prisma.auditEntry.findMany({ where: { companyId: c.companyId, action: "budget.update" } });
    expect(JSON.parse(entry!.before)).toMatchObject({ limit: "5", period: "month" });
    expect(JSON.parse(entry!.after)).toMatchObject({ limit: "50", period: "contract_year" });
  });

  it("removes a budget, audited", async () => {
    const c = await company();
    const budget = await createBudget(db, {
      ...c.change,
      budget: parse({ name: "Briefs", scopeKind: "feature", scopeValue: "briefer_api", limit: "12.5", period: "month" }),
    });
    await removeBudget(db, { ...c.change, budgetId: budget.id });
    expect(await view(c)).toEqual([]);
    await expect(removeBudget(db, { ...c.change, budgetId: budget.id })).rejects.toMatchObject({ code: "not_found" });
    const [entry] = await db.prisma.auditEntry.findMany({ where: { companyId: c.companyId, action: "budget.remove" } });
    expect(JSON.parse(entry!.before)).toEqual({ name: "Briefs", scopeKind: "feature", scopeValue: "briefer_api", limit: "12.5", period: "month" });
  });

  it("refuses company B every function on company A's budgets, and A's trackers, keys and teams as scopes", async () => {
    const a = await company();
    const b = await company();
    const budget = await createBudget(db, {
      ...a.change,
      budget: parse({ name: "Ask", scopeKind: "feature", scopeValue: "ask_anything_api", limit: "5", period: "month" }),
    });
    const trackerId = createId("tracker", NOW);
    await db.prisma.tracker.create({ data: { id: trackerId, companyId: a.companyId, name: "A's tracker", type: "question", status: "draft", createdAt: NOW } });
    const teamId = createId("team", NOW);
    await db.prisma.team.create({ data: { id: teamId, companyId: a.companyId, name: "A's team", createdAt: NOW } });
    const key = await createApiKey(db.prisma, { companyId: a.companyId, userId: a.admin, name: "A's key", now: NOW });

    const notFound = { code: "not_found" };
    const fields = { name: "Taken over", limit: "1", period: "month" } as const;
    for (const [scopeKind, scopeValue] of [
      ["tracker", trackerId],
      ["team", teamId],
      ["api_key", key.id],
    ] as const) {
      await expect(createBudget(db, { ...b.change, budget: parse({ ...fields, scopeKind, scopeValue }) })).rejects.toMatchObject(notFound);
    }
    const mine = parse({ ...fields, scopeKind: "feature", scopeValue: "mcp" });
    await expect(updateBudget(db, { ...b.change, budgetId: budget.id, budget: mine })).rejects.toMatchObject(notFound);
    await expect(removeBudget(db, { ...b.change, budgetId: budget.id })).rejects.toMatchObject(notFound);

    expect(await view(b)).toEqual([]);
    const choices = await listBudgetScopeChoices(db.prisma, { companyId: b.companyId });
    expect([...choices.tracker, ...choices.team, ...choices.api_key].map((c) => c.value)).toEqual([]);
    expect(await db.prisma.budget.findUniqueOrThrow({ where: { id: budget.id } })).toMatchObject({ name: "Ask", limitMilli: 5_000n });
  });
});
