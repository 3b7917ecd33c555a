// The authorization matrix: every server action (a "use server" module anywhere in app/,
// components/ or lib/) and every route handler in app/, called directly (not through the UI) as
// every role of company A, as company B's users, as Sales and signed out, against the expected
// allow or deny. Actions and handlers are discovered from the files, so a new one without a row
// here fails the test.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../lib/auth/authorize";
import type { Role } from "../lib/auth/roles";
import type { Database } from "../lib/db";
import { makeCompany } from "./support/companies";
import { freshDatabaseUrl } from "./support/databases";

const NOW = new Date();
type Who = Role | "other_company_admin" | "signed_out";
const EVERYONE: Who[] = ["tech_admin", "business_admin", "member", "sales", "other_company_admin", "signed_out"];

type World = {
  companyA: string;
  companyB: string;
  actors: Record<Exclude<Who, "signed_out">, Actor>;
  keys: Record<string, string>;
  db: Database;
  seq: () => number;
};

/** An action row: the input it gets (aimed at company A) and who may call it. */
type ActionRow = { allowed: Who[]; input: (w: World, who: Who) => Promise<unknown> | unknown };
/** A route row: how to call it and who may; `public` routes need no one. */
type RouteRow = { allowed: Who[] | "public"; request: (w: World) => Request; params?: Record<string, string> };

const COMPANY_USERS: Who[] = ["tech_admin", "business_admin", "member", "other_company_admin"];

function jsonPost(url: string, body: unknown): Request {
  return new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

function mcpInitialize(): Request {
  return new Request("http://local/api/mcp", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "matrix", version: "1" } },
    }),
  });
}

const ACTIONS: Record<string, ActionRow> = {
  "lib/purchases/actions.ts#recordPurchaseAction": {
    allowed: ["sales"],
    input: (w) => ({
      companyId: w.companyA,
      credits: "10",
      orderReference: `MATRIX-${w.seq()}`,
      purchasedAt: "2026-01-05T10:00",
      availableFrom: "2026-01-05T10:00",
    }),
  },
  "lib/corrections/actions.ts#refundChargeAction": {
    // Sales only; each caller names a new charge of company A.
    allowed: ["sales"],
    input: async (w) => ({ companyId: w.companyA, chargeId: await newChargeId(w), reason: "matrix" }),
  },
  "lib/corrections/actions.ts#voidPurchaseAction": {
    allowed: ["sales"],
    input: async (w) => ({ companyId: w.companyA, purchaseId: await newPurchaseId(w), reason: "matrix" }),
  },
  "lib/corrections/actions.ts#adjustCreditsAction": {
    allowed: ["sales"],
    input: (w) => ({ companyId: w.companyA, direction: "add", credits: "1", reason: "matrix" }),
  },
  "lib/credits/actions.ts#readGrantLineageAction": {
    // The grant is company A's: its admins read it; company B's admin finds no such grant.
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({ grantId: await grantIdOf(w, w.companyA) }),
  },
  "lib/users/actions.ts#createApiKeyAction": {
    allowed: ["tech_admin", "business_admin", "member", "other_company_admin"],
    input: (w) => ({ name: `matrix ${w.seq()}` }),
  },
  "lib/users/actions.ts#revokeApiKeyAction": {
    // Everyone with keys may revoke their own; here each caller names a key of company A's member.
    allowed: ["member"],
    input: async (w) => ({ keyId: await newKeyId(w, "member") }),
  },
  "lib/users/actions.ts#revokeCompanyApiKeyAction": {
    // Any key of the company, for its Tech admin only; each caller names a key of company A's member.
    allowed: ["tech_admin"],
    input: async (w) => ({ keyId: await newKeyId(w, "member") }),
  },
  "lib/trackers/actions.ts#createTrackerAction": {
    // Every company user may draft; the draft goes to the caller's own company (the input names none).
    allowed: ["tech_admin", "business_admin", "member", "other_company_admin"],
    input: (w) => ({ name: `matrix ${w.seq()}`, type: "question", question: "Did the customer push back on price?", backfillDays: 7 }),
  },
  "lib/trackers/actions.ts#estimateTrackerAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({ trackerId: await newTrackerId(w, "draft") }),
  },
  "lib/trackers/actions.ts#publishTrackerAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({ trackerId: await newTrackerId(w, "draft") }),
  },
  "lib/trackers/actions.ts#unpublishTrackerAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({ trackerId: await newTrackerId(w, "published") }),
  },
  "lib/trackers/actions.ts#resumeTrackerAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({ trackerId: await newTrackerId(w, "paused") }),
  },
  "lib/trackers/actions.ts#updateTrackerFiltersAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({ trackerId: await newTrackerId(w, "draft"), minCallMinutes: "5", teamIds: [await newTeamId(w)], externalOnly: true }),
  },
  // Teams (Tech admins). A new team goes to the caller's own company (the input names none), so
  // company B's admin makes one in B; every other team action names a team of company A.
  "lib/teams/actions.ts#createTeamAction": {
    allowed: ["tech_admin", "other_company_admin"],
    input: (w) => ({ name: `matrix ${w.seq()}` }),
  },
  "lib/teams/actions.ts#renameTeamAction": {
    allowed: ["tech_admin"],
    input: async (w) => ({ teamId: await newTeamId(w), name: `renamed ${w.seq()}` }),
  },
  "lib/teams/actions.ts#deleteTeamAction": {
    allowed: ["tech_admin"],
    input: async (w) => ({ teamId: await newTeamId(w) }),
  },
  "lib/teams/actions.ts#addTeamMemberAction": {
    allowed: ["tech_admin"],
    input: async (w) => ({ teamId: await newTeamId(w), userId: w.actors.member.userId }),
  },
  "lib/teams/actions.ts#removeTeamMemberAction": {
    allowed: ["tech_admin"],
    input: async (w) => {
      const teamId = await newTeamId(w);
      await w.db.prisma.user.update({ where: { id: w.actors.member.userId }, data: { teamId } });
      return { teamId, userId: w.actors.member.userId };
    },
  },
  // Budgets (Tech and Business admins), each on a scope of company A: a team of A, so B's admin is refused.
  "lib/budgets/actions.ts#createBudgetAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({ name: `matrix ${w.seq()}`, scopeKind: "team", scopeValue: await newTeamId(w), limit: "50", period: "month" }),
  },
  "lib/budgets/actions.ts#updateBudgetAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({
      budgetId: await newBudgetId(w),
      name: `changed ${w.seq()}`,
      scopeKind: "feature",
      scopeValue: "mcp",
      limit: "75.5",
      period: "contract_year",
    }),
  },
  "lib/budgets/actions.ts#removeBudgetAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({ budgetId: await newBudgetId(w) }),
  },
  "lib/notify/actions.ts#markNotificationReadAction": {
    // Each caller names a notification of company A's Tech admin: only its owner may mark it.
    allowed: ["tech_admin"],
    input: async (w) => ({ notificationId: await newNotificationId(w) }),
  },
  "lib/notify/actions.ts#markAllNotificationsReadAction": {
    // Marks the caller's own notifications only; Members and Sales get none and are refused.
    allowed: ["tech_admin", "business_admin", "other_company_admin"],
    input: () => ({}),
  },
  // Notification settings (Tech admins). Adding and the test email act on the caller's own
  // company (the input names none); removing names an address of company A.
  "lib/notify/actions.ts#addNotificationRecipientAction": {
    allowed: ["tech_admin", "other_company_admin"],
    input: (w) => ({ email: `matrix-${w.seq()}@recipients.test` }),
  },
  "lib/notify/actions.ts#removeNotificationRecipientAction": {
    allowed: ["tech_admin"],
    input: async (w) => {
      const email = `matrix-${w.seq()}@recipients.test`;
      await w.db.prisma.notificationRecipient.create({ data: { companyId: w.companyA, email, createdAt: NOW } });
      return { email };
    },
  },
  "lib/notify/actions.ts#sendTestNotificationAction": {
    allowed: ["tech_admin", "other_company_admin"],
    input: () => ({}),
  },
  "lib/briefs/actions.ts#createBriefAction": {
    // Every company user may make a brief in their own company; it names a tracker of company A,
    // which is not the other company's admin's to use.
    allowed: ["tech_admin", "business_admin", "member"],
    input: async (w) => ({
      title: `matrix ${w.seq()}`,
      automated: true,
      intervalHours: "24",
      sections: [{ heading: "Signals", source: "tracker", trackerId: await newTrackerId(w, "published") }],
    }),
  },
  // Changing or deleting a brief is for the company's admins and whoever made it; the brief here
  // was made by no one, so a Member is refused.
  "lib/briefs/actions.ts#setBriefAutomationAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({ briefId: await newBriefId(w), automated: true }),
  },
  "lib/briefs/actions.ts#updateBriefAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({
      briefId: await newBriefId(w),
      title: `matrix ${w.seq()}`,
      sections: [{ heading: "Signals", source: "tracker", trackerId: await newTrackerId(w, "published") }],
    }),
  },
  "lib/briefs/actions.ts#deleteBriefAction": {
    allowed: ["tech_admin", "business_admin"],
    input: async (w) => ({ briefId: await newBriefId(w) }),
  },
  "lib/briefs/actions.ts#generateBriefAction": {
    allowed: ["tech_admin", "business_admin", "member"],
    input: async (w) => {
      const { createBrief } = await import("../lib/briefs");
      return {
        briefId: await createBrief(w.db, {
          companyId: w.companyA,
          now: NOW,
          brief: { title: `matrix ${w.seq()}`, sections: [{ source: "direct", heading: "Calls", callIds: [], emailIds: [] }] },
        }),
      };
    },
  },
  "lib/users/actions.ts#changeRoleAction": {
    allowed: ["tech_admin"],
    input: (w) => ({ companyId: w.companyA, userId: w.actors.member.userId, role: "member" }),
  },
  "lib/users/actions.ts#addUserAction": {
    // A new user joins the caller's own company (the input names none).
    allowed: ["tech_admin", "other_company_admin"],
    input: (w) => ({ name: `matrix ${w.seq()}`, email: `matrix-added-${w.seq()}@matrix.test`, role: "member" }),
  },
  "lib/users/actions.ts#resetPasswordAction": {
    // A new member of company A who signs in with a password (one without cannot be reset).
    allowed: ["tech_admin"],
    input: async (w) => {
      const userId = await newMemberId(w);
      await w.db.prisma.user.update({ where: { id: userId }, data: { passwordHash: "scrypt$16384$8$1$c2FsdA$aGFzaA" } });
      return { userId };
    },
  },
  "lib/users/actions.ts#changePasswordAction": {
    // Anyone signed in may change their own password: each caller is given one first.
    allowed: ["tech_admin", "business_admin", "member", "sales", "other_company_admin"],
    input: async (w, who) => {
      const current = `matrix password ${w.seq()}`;
      if (who !== "signed_out") {
        const { hashPassword } = await import("../lib/auth/password");
        await w.db.prisma.user.update({ where: { id: w.actors[who].userId }, data: { passwordHash: await hashPassword(current) } });
      }
      return { current, next: `${current}, changed` };
    },
  },
  "lib/users/actions.ts#setUserDisabledAction": {
    // Each caller names a new member of company A (disabling a world actor would end its session).
    allowed: ["tech_admin"],
    input: async (w) => ({ userId: await newMemberId(w), disabled: true }),
  },
};

const ROUTES: Record<string, RouteRow> = {
  "app/api/health/route.ts#GET": { allowed: "public", request: () => new Request("http://local/api/health") },
  "app/api/auth/[...nextauth]/route.ts#GET": { allowed: "public", request: () => new Request("http://local/api/auth/providers") },
  "app/api/auth/[...nextauth]/route.ts#POST": { allowed: "public", request: () => new Request("http://local/api/auth/_log", { method: "POST" }) },
  "app/api/reports/[report]/route.ts#GET": {
    allowed: ["tech_admin", "business_admin", "other_company_admin"],
    request: () => new Request("http://local/api/reports/credit-usage?from=2026-01-01&to=2026-01-31"),
    params: { report: "credit-usage" },
  },
  "app/api/reports/[report]/route.ts#HEAD": {
    allowed: ["tech_admin", "business_admin", "other_company_admin"],
    request: () => new Request("http://local/api/reports/credit-usage?from=2026-01-01&to=2026-01-31", { method: "HEAD" }),
    params: { report: "credit-usage" },
  },
  "app/api/openapi.json/route.ts#GET": { allowed: "public", request: () => new Request("http://local/api/openapi.json") },
  "app/api/v1/calls/route.ts#POST": {
    allowed: COMPANY_USERS,
    request: (w) => jsonPost("http://local/api/v1/calls", { calls: [{ externalId: `m-${w.seq()}`, startedAt: "2026-01-05T10:00:00Z", durationSeconds: 60 }] }),
  },
  "app/api/v1/emails/route.ts#POST": {
    allowed: COMPANY_USERS,
    request: (w) => jsonPost("http://local/api/v1/emails", { emails: [{ externalId: `m-${w.seq()}`, sentAt: "2026-01-05T10:00:00Z" }] }),
  },
  "app/api/v1/ask-anything/route.ts#POST": { allowed: COMPANY_USERS, request: () => jsonPost("http://local/api/v1/ask-anything", { question: "pricing?" }) },
  "app/api/v1/briefs/route.ts#POST": { allowed: COMPANY_USERS, request: () => jsonPost("http://local/api/v1/briefs", { title: "Weekly" }) },
  "app/api/mcp/route.ts#POST": { allowed: COMPANY_USERS, request: () => mcpInitialize() },
  // Without a session these are incomplete (400/404) once authorized; the matrix checks who gets past authorization.
  "app/api/mcp/route.ts#GET": { allowed: COMPANY_USERS, request: () => new Request("http://local/api/mcp", { headers: { accept: "text/event-stream" } }) },
  "app/api/mcp/route.ts#DELETE": { allowed: COMPANY_USERS, request: () => new Request("http://local/api/mcp", { method: "DELETE" }) },
  "app/api/v1/balance/route.ts#GET": {
    allowed: ["tech_admin", "business_admin", "member", "other_company_admin"],
    request: () => new Request("http://local/api/v1/balance"),
  },
};

/** Source files under `roots`, relative to the repository, whose name matches `pattern`. */
function sourceFiles(roots: string[], pattern: RegExp): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "generated") walk(full);
      } else if (pattern.test(entry.name)) files.push(path.relative(process.cwd(), full));
    }
  };
  for (const root of roots) walk(root);
  return files.sort();
}

/** A module of server actions: its first statement is the "use server" directive. */
function isServerActionModule(file: string): boolean {
  const source = fs.readFileSync(file, "utf8").replace(/^(\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*/, "");
  return /^\s*["']use server["']/.test(source);
}

const serverActionFiles = () =>
  sourceFiles(["app", "components", "lib"], /\.tsx?$/).filter((file) => !/\.test\.tsx?$/.test(file) && isServerActionModule(file));
const routeFiles = () => sourceFiles(["app"], /^route\.ts$/);

async function discover(files: string[], exportFilter: (name: string, value: unknown) => boolean) {
  const lists = await Promise.all(
    files.map(async (file) => {
      const mod: Record<string, unknown> = await import(path.resolve(file));
      return Object.entries(mod)
        .filter(([name, value]) => exportFilter(name, value))
        .map(([name, value]) => ({ key: `${file}#${name}`, fn: value }));
    }),
  );
  return lists.flat();
}

let world: World;
let runAsActor: (actor: Actor | null, fn: () => Promise<unknown>) => Promise<unknown>;

async function newKeyId(w: World, who: "member"): Promise<string> {
  const { createApiKey } = await import("../lib/auth/api-keys");
  const owner = w.actors[who];
  return (await createApiKey(w.db.prisma, { companyId: owner.companyId!, userId: owner.userId, name: `to revoke ${w.seq()}`, now: NOW })).id;
}

async function newNotificationId(w: World): Promise<string> {
  const id = `ntf_matrix_${w.seq()}`;
  await w.db.prisma.notification.create({
    data: { id, companyId: w.companyA, userId: w.actors.tech_admin.userId, kind: "usage_threshold", title: "Matrix", body: "Matrix", createdAt: NOW },
  });
  return id;
}

/** A new member of company A. */
async function newMemberId(w: World): Promise<string> {
  const id = `user_matrix_member_${w.seq()}`;
  await w.db.prisma.user.create({ data: { id, email: `${id}@matrix.test`, name: id, role: "member", companyId: w.companyA } });
  return id;
}

/** A new team of company A. */
async function newTeamId(w: World): Promise<string> {
  const id = `team_matrix_${w.seq()}`;
  await w.db.prisma.team.create({ data: { id, companyId: w.companyA, name: id, createdAt: NOW } });
  return id;
}

/** A new budget of company A, on the Ask Anything API. */
async function newBudgetId(w: World): Promise<string> {
  const id = `budget_matrix_${w.seq()}`;
  await w.db.prisma.budget.create({
    data: {
      id,
      companyId: w.companyA,
      name: id,
      scopeKind: "feature",
      scopeValue: "ask_anything_api",
      limitMilli: 100_000n,
      period: "month",
      createdAt: NOW,
      updatedAt: NOW,
    },
  });
  return id;
}

/** A new charge of company A, by the id its answer would carry. */
async function newChargeId(w: World): Promise<string> {
  const { charge } = await import("../lib/billing");
  const { TEST_USAGE } = await import("./support/companies");
  const referenceId = `ans_matrix_${w.seq()}`;
  const outcome = await charge(w.db.sql, w.companyA, { amountMilli: 100n, action: "Ask Anything API", usage: TEST_USAGE, referenceId }, NOW);
  expect(outcome.outcome).toBe("charged");
  return referenceId;
}

/** A new purchase of company A (a void is done at most once). */
async function newPurchaseId(w: World): Promise<string> {
  const { recordPurchase } = await import("../lib/billing");
  const input = { companyId: w.companyA, creditsMilli: 1_000n, orderReference: `MATRIX-VOID-${w.seq()}`, purchasedAt: NOW, availableFrom: NOW };
  return (await recordPurchase(w.db.sql, input, NOW)).purchaseId;
}

async function grantIdOf(w: World, companyId: string): Promise<string> {
  const { listCurrentGrants } = await import("../lib/billing");
  return (await listCurrentGrants(w.db.sql, { companyId, now: NOW }))[0]!.id;
}

/** A brief of company A that no one made (so only its admins may change it). */
async function newBriefId(w: World): Promise<string> {
  const { createBrief } = await import("../lib/briefs");
  return createBrief(w.db, {
    companyId: w.companyA,
    now: NOW,
    brief: { title: `matrix ${w.seq()}`, sections: [{ source: "direct", heading: "Calls", callIds: [], emailIds: [] }] },
  });
}

/** A pretrained tracker of company A in `status`, new for each call (a second publish of one is refused). */
async function newTrackerId(w: World, status: "draft" | "published" | "paused"): Promise<string> {
  const id = `tracker_matrix_${w.seq()}`;
  await w.db.prisma.tracker.create({
    data: {
      id,
      companyId: w.companyA,
      name: id,
      type: "pretrained",
      phrases: "next step",
      status,
      createdAt: NOW,
      publishedAt: status === "draft" ? null : NOW,
      pausedAt: status === "paused" ? NOW : null,
    },
  });
  return id;
}

beforeAll(async () => {
  process.env.DATABASE_URL = await freshDatabaseUrl("sqlite");
  const { getDatabase } = await import("../lib/db");
  const { createApiKey } = await import("../lib/auth/api-keys");
  ({ runAsActor } = await import("../lib/auth/session"));
  const db = getDatabase();
  const a = await makeCompany(db.sql, NOW);
  const b = await makeCompany(db.sql, NOW);
  let n = 0;
  const user = async (role: Role, companyId: string | null): Promise<Actor> => {
    const id = `user_matrix_${++n}`;
    const email = `${id}@matrix.test`;
    await db.prisma.user.create({ data: { id, email, name: id, role, companyId } });
    return { userId: id, email, name: id, role, companyId, via: "session" };
  };
  const actors = {
    tech_admin: await user("tech_admin", a.companyId),
    business_admin: await user("business_admin", a.companyId),
    member: await user("member", a.companyId),
    sales: await user("sales", null),
    other_company_admin: await user("tech_admin", b.companyId),
  };
  // A second Tech admin of A, so demotions in the matrix never hit the last-admin rule.
  await user("tech_admin", a.companyId);
  const keys: Record<string, string> = {};
  for (const [who, actor] of Object.entries(actors)) {
    if (actor.companyId) keys[who] = (await createApiKey(db.prisma, { companyId: actor.companyId, userId: actor.userId, name: "matrix", now: NOW })).key;
  }
  world = { companyA: a.companyId, companyB: b.companyId, actors, keys, db, seq: () => ++n };
});

afterAll(async () => {
  const { getDatabase } = await import("../lib/db");
  await getDatabase().close();
});

const denied = (result: unknown) => {
  const code = (result as { serverError?: { code?: string } } | undefined)?.serverError?.code;
  return code === "forbidden" || code === "unauthorized" || code === "not_found";
};

describe("server actions", () => {
  it("finds the server actions wherever they live: every actions.ts is a server action module, and none is inline", () => {
    const files = serverActionFiles();
    expect(files.length).toBeGreaterThan(0);
    const sources = sourceFiles(["app", "components", "lib"], /\.tsx?$/).filter((file) => !/\.test\.tsx?$/.test(file));
    expect(sources.filter((file) => /(^|\/)actions\.tsx?$/.test(file) && !files.includes(file))).toEqual([]);
    // A "use server" inside a function would be an action this matrix cannot see.
    const inline = sources.filter((file) => !files.includes(file) && /^\s*["']use server["'];?\s*$/m.test(fs.readFileSync(file, "utf8")));
    expect(inline).toEqual([]);
  });

  it("every server action has a row, and every row an action", async () => {
    const found = await discover(serverActionFiles(), (_n, v) => typeof v === "function");
    expect(found.map((a) => a.key).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it("allows exactly the expected callers of each action", async () => {
    const found = await discover(serverActionFiles(), (_n, v) => typeof v === "function");
    const outcomes: string[] = [];
    for (const { key, fn } of found) {
      const row = ACTIONS[key]!;
      for (const who of EVERYONE) {
        const actor = who === "signed_out" ? null : world.actors[who];
        const input = await row.input(world, who);
        const result = await runAsActor(actor, () => (fn as (i: unknown) => Promise<unknown>)(input));
        const allowed = !denied(result);
        if (allowed !== row.allowed.includes(who)) outcomes.push(`${key} as ${who}: ${allowed ? "allowed" : "denied"} ${JSON.stringify(result)}`);
        if (allowed) expect((result as { serverError?: unknown }).serverError, `${key} as ${who}`).toBeUndefined();
      }
    }
    expect(outcomes).toEqual([]);
  });
});

describe("route handlers", () => {
  const methods = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

  it("every route handler in app/ has a row, and every row a handler", async () => {
    const found = await discover(routeFiles(), (n) => methods.has(n));
    expect(found.map((r) => r.key).sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it("answers each caller as expected: API keys of each role, no key, an unknown key", async () => {
    const found = await discover(routeFiles(), (n) => methods.has(n));
    const outcomes: string[] = [];
    for (const { key, fn } of found) {
      const row = ROUTES[key]!;
      if (row.allowed === "public") continue;
      const call = async (auth?: string) => {
        const request = row.request(world);
        if (auth) request.headers.set("authorization", auth);
        return runAsActor(null, () =>
          (fn as (r: Request, c: unknown) => Promise<Response>)(request, { params: Promise.resolve(row.params ?? {}) }),
        ) as Promise<Response>;
      };
      for (const who of EVERYONE) {
        const response = who === "signed_out" ? await call() : world.keys[who] ? await call(`Bearer ${world.keys[who]}`) : undefined;
        if (!response) continue; // Sales have no API keys
        const allowed = response.status !== 401 && response.status !== 403;
        if (allowed !== row.allowed.includes(who)) outcomes.push(`${key} as ${who}: ${response.status}`);
        if (!allowed) expect(await response.json()).toMatchObject({ error: expect.stringMatching(/^(unauthorized|forbidden)$/), message: expect.any(String) });
        else {
          expect(response.status, `${key} as ${who}`).toBeLessThan(500);
          // A streamed answer (a CSV export) holds one of the process's few export slots until read.
          await response.body?.cancel();
        }
      }
      const unknown = await call("Bearer cr_not-a-real-key");
      expect(unknown.status).toBe(401);
    }
    expect(outcomes).toEqual([]);
  });

  it("gives company B's key company B's balance, never A's", async () => {
    const { GET } = await import("../app/api/v1/balance/route");
    const { getCreditSummary } = await import("../lib/billing");
    const { formatCredits } = await import("../lib/credits/amount");
    const { recordPurchase } = await import("../lib/billing");
    await recordPurchase(
      world.db.sql,
      { companyId: world.companyA, creditsMilli: 7_000n, orderReference: `A-ONLY-${world.seq()}`, purchasedAt: NOW, availableFrom: NOW },
      NOW,
    );
    const request = new Request("http://local/api/v1/balance", { headers: { authorization: `Bearer ${world.keys.other_company_admin}` } });
    const body = await (await GET(request)).json();
    const b = await getCreditSummary(world.db.sql, { companyId: world.companyB, now: new Date() });
    expect(body).toEqual({ remaining: formatCredits(b.remainingMilli), total: formatCredits(b.totalMilli) });
  });
});
