// Demo data: Acme Corp and Globex, their users, trackers, purchases and a year of usage across
// every feature type, and the Sales account. Every balance comes from lib/ledger (grants,
// purchases, charges replayed day by day with the clock set to each day), none is written by
// hand. Deterministic: the same `now` gives the same data. DemoSeed marks the seed's start and
// its end, so ensureDemo can tell a seed that stopped half-way and do it again.
import { hashPassword } from "../auth/password";
import { type ChargeRequest, chargeMany, createCompany, getCreditSummary, recordPurchase, settleDueAccounts } from "../billing";
import { createBrief, generateBriefVersion } from "../briefs";
import { callCostMilli, EMAIL_COST_MILLI } from "../costs";
import type { Database } from "../db";
import { createId } from "../ids";
import { q } from "../sql";
import { formatLocalDate, startOfLocalDay } from "../time/zoned";
import { DAY, HOUR, makeRandom, type Random } from "./random";

export const DEMO_PASSWORD = "demo-credits";

type DemoCompany = {
  name: string;
  timeZone: string;
  /** Days before `now` that the contract term started. */
  termStartedDaysAgo: number;
  coreSeats: number;
  creditsPerSeat: number;
  users: Array<{ email: string; name: string; role: string; team?: string }>;
  /** Teams (R-TEAM-1): calls and emails are owned by their members. */
  teams: string[];
  /** Where customers write from: participants of calls and emails besides the owner. */
  customerDomains: string[];
  /** Budgets inside the pool (R-BUDGET-1), none of them reached by the demo's usage. */
  budgets: Array<{ name: string; scopeKind: "feature"; scopeValue: string; limitCredits: number; period: "month" | "contract_year" }>;
  trackers: Array<{ name: string; type: "question" | "pretrained"; question: string; status: "published" | "draft" }>;
  purchases: Array<{ ref: string; credits: number; daysAfterTermStart?: number; daysAgo?: number }>;
  /** Average work per day. */
  daily: { calls: number; emails: number; askRequests: number; mcpRequests: number; brieferRequests: number };
};

const ACME: DemoCompany = {
  name: "Acme Corp",
  timeZone: "America/New_York",
  termStartedDaysAgo: 400,
  coreSeats: 100,
  creditsPerSeat: 200,
  users: [
    { email: "tech@acme.test", name: "Taylor Tech", role: "tech_admin" },
    { email: "business@acme.test", name: "Blair Business", role: "business_admin" },
    { email: "member@acme.test", name: "Morgan Member", role: "member", team: "Mid-market" },
    { email: "sam.rivera@acme.test", name: "Sam Rivera", role: "member", team: "Enterprise" },
    { email: "lee.chen@acme.test", name: "Lee Chen", role: "member", team: "Enterprise" },
  ],
  teams: ["Enterprise", "Mid-market"],
  customerDomains: ["initrode.example", "hooli.example", "umbrella.example"],
  budgets: [{ name: "Ask Anything API", scopeKind: "feature", scopeValue: "ask_anything_api", limitCredits: 600, period: "month" }],
  trackers: [
    { name: "Pricing objections", type: "question", question: "Did the customer push back on price?", status: "published" },
    { name: "Competitor mentions", type: "question", question: "Which competitors did the customer mention?", status: "published" },
    { name: "Renewal risk", type: "question", question: "Is there a risk the customer will not renew?", status: "draft" },
    { name: "Next steps", type: "pretrained", question: "", status: "published" },
  ],
  purchases: [
    { ref: "ACME-PO-1001", credits: 8_000, daysAfterTermStart: 150 },
    { ref: "ACME-PO-1002", credits: 6_000, daysAgo: 20 },
  ],
  daily: { calls: 16, emails: 30, askRequests: 4, mcpRequests: 2, brieferRequests: 1 },
};

const GLOBEX: DemoCompany = {
  name: "Globex",
  timeZone: "Europe/Berlin",
  termStartedDaysAgo: 120,
  coreSeats: 30,
  creditsPerSeat: 150,
  users: [
    { email: "tech@globex.test", name: "Gene Globex", role: "tech_admin" },
    { email: "analyst@globex.test", name: "Ana Lytic", role: "member", team: "Sales" },
  ],
  teams: ["Sales"],
  customerDomains: ["vandelay.example"],
  budgets: [],
  trackers: [{ name: "Budget questions", type: "question", question: "Did the customer ask about budget?", status: "published" }],
  purchases: [{ ref: "GLOBEX-PO-77", credits: 1_500, daysAfterTermStart: 30 }],
  daily: { calls: 4, emails: 8, askRequests: 1, mcpRequests: 1, brieferRequests: 0 },
};

const SALES_USER = { email: "sales@vendor.test", name: "Sasha Sales", role: "sales" };

/** The one DemoSeed row. */
const DEMO_SEED_ID = 1;

/**
 * What `npm start` does with the demo data: seeds an empty database; removes and seeds again a
 * demo whose seed stopped half-way (a crash or a kill during the first start); leaves anything
 * else as it is. Answers which it did.
 */
export async function ensureDemo(db: Database, now: Date, say: (line: string) => void = () => {}): Promise<"seeded" | "reseeded" | "present"> {
  const mark = await db.prisma.demoSeed.findUnique({ where: { id: DEMO_SEED_ID } });
  if (mark && mark.finishedAt === null) {
    say("the demo seed stopped half-way before: removing it and seeding the demo companies again…");
    await removeDemo(db, mark.madeIds);
    await seedDemo(db, now);
    return "reseeded";
  }
  if ((await db.prisma.company.count()) > 0) return "present";
  say("empty database: seeding the demo companies…");
  await seedDemo(db, now);
  return "seeded";
}

/**
 * Removes what a seed that stopped half-way made, by the ids it kept: the demo companies with
 * everything of theirs (the foreign keys cascade) and the demo Sales account. A company someone
 * added beside it stays, whatever its name.
 */
async function removeDemo(db: Database, madeIds: string): Promise<void> {
  const ids = madeIds.split(",").filter(Boolean);
  await db.sql.transaction(function* () {
    for (const id of ids) {
      yield* q.run(`DELETE FROM "Company" WHERE "id" = ?`, [id]);
      yield* q.run(`DELETE FROM "User" WHERE "id" = ?`, [id]);
    }
    yield* q.run(`DELETE FROM "DemoSeed" WHERE "id" = ?`, [DEMO_SEED_ID]);
  });
}

/** Keeps `id` in the seed's list before it is written, so a stop right after still finds it. */
async function willMake(db: Database, id: string): Promise<string> {
  const mark = await db.prisma.demoSeed.findUniqueOrThrow({ where: { id: DEMO_SEED_ID } });
  await db.prisma.demoSeed.update({ where: { id: DEMO_SEED_ID }, data: { madeIds: mark.madeIds ? `${mark.madeIds},${id}` : id } });
  return id;
}

export async function seedDemo(db: Database, now: Date): Promise<void> {
  await db.prisma.demoSeed.upsert({
    where: { id: DEMO_SEED_ID },
    create: { id: DEMO_SEED_ID, startedAt: now, finishedAt: null, madeIds: "" },
    update: { startedAt: now, finishedAt: null, madeIds: "" },
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const salesId = await willMake(db, createId("user", now));
  await db.prisma.user.create({ data: { id: salesId, email: SALES_USER.email, name: SALES_USER.name, role: SALES_USER.role, passwordHash } });
  for (const company of [ACME, GLOBEX]) await seedCompany(db, company, now, passwordHash, salesId, await willMake(db, createId("company", now)));
  const acme = await db.prisma.company.findUniqueOrThrow({ where: { name: ACME.name } });
  const { remainingMilli } = await getCreditSummary(db.sql, { companyId: acme.id, now });
  // The spec promises a living company: if tuning the demo broke that, fail loudly.
  if (remainingMilli < 5_000_000n || remainingMilli > 40_000_000n) {
    throw new Error(`demo seed: Acme has ${remainingMilli / 1000n} credits remaining, outside 5,000–40,000`);
  }
  await db.prisma.demoSeed.update({ where: { id: DEMO_SEED_ID }, data: { finishedAt: now } });
}

async function seedCompany(db: Database, spec: DemoCompany, now: Date, passwordHash: string, salesId: string, id: string) {
  const random = makeRandom(spec.name);
  const termStartsAt = startOfLocalDay(formatLocalDate(new Date(now.getTime() - spec.termStartedDaysAgo * DAY), spec.timeZone), spec.timeZone);
  const termEndsAt = new Date(termStartsAt);
  termEndsAt.setUTCFullYear(termEndsAt.getUTCFullYear() + 3);
  const historyStart = new Date(Math.max(termStartsAt.getTime(), now.getTime() - 365 * DAY));
  const { companyId } = await createCompany(
    db.sql,
    {
      id,
      name: spec.name,
      timeZone: spec.timeZone,
      termStartsAt,
      termEndsAt,
      creditsPerCoreSeatMilli: BigInt(spec.creditsPerSeat) * 1000n,
      seats: { core: spec.coreSeats, viewer: Math.round(spec.coreSeats / 3) },
    },
    historyStart,
  );
  const teamIds = new Map<string, string>();
  for (const name of spec.teams) {
    const id = createId("team", historyStart);
    teamIds.set(name, id);
    await db.prisma.team.create({ data: { id, companyId, name, createdAt: historyStart } });
  }
  const userIds: string[] = [];
  const owners: Array<{ email: string; teamId: string }> = [];
  const teamOfUser = new Map<string, string>();
  for (const u of spec.users) {
    const id = createId("user", historyStart);
    userIds.push(id);
    const teamId = u.team ? teamIds.get(u.team)! : null;
    if (teamId) owners.push({ email: u.email, teamId });
    if (teamId) teamOfUser.set(id, teamId);
    await db.prisma.user.create({ data: { id, email: u.email, name: u.name, role: u.role, companyId, teamId, passwordHash, createdAt: historyStart } });
  }
  for (const b of spec.budgets) {
    await db.prisma.budget.create({
      data: {
        id: createId("budget", historyStart),
        companyId,
        name: b.name,
        scopeKind: b.scopeKind,
        scopeValue: b.scopeValue,
        limitMilli: BigInt(b.limitCredits) * 1000n,
        period: b.period,
        createdByUserId: userIds[0],
        createdAt: historyStart,
        updatedAt: historyStart,
      },
    });
  }
  for (const t of spec.trackers) {
    await db.prisma.tracker.create({
      data: {
        id: createId("tracker", historyStart),
        companyId,
        name: t.name,
        type: t.type,
        question: t.question,
        phrases: t.type === "pretrained" ? "next step\nfollow up\nsend over" : "",
        backfillDays: 30,
        status: t.status,
        createdByUserId: userIds[0],
        createdAt: historyStart,
        publishedAt: t.status === "published" ? historyStart : null,
        processedUntil: t.status === "published" ? now : null,
      },
    });
  }
  const purchaseDays = spec.purchases.map((p) => ({
    ...p,
    at: p.daysAgo !== undefined ? new Date(now.getTime() - p.daysAgo * DAY) : new Date(termStartsAt.getTime() + (p.daysAfterTermStart ?? 0) * DAY),
  }));
  const chargingTracker = spec.trackers.find((t) => t.type === "question" && t.status === "published")!.name;
  for (let day = historyStart.getTime(); day < now.getTime(); day += DAY) {
    for (const p of purchaseDays) {
      if (p.at.getTime() >= day && p.at.getTime() < day + DAY && p.at < now) {
        await recordPurchase(
          db.sql,
          { companyId, creditsMilli: BigInt(p.credits) * 1000n, orderReference: p.ref, purchasedAt: p.at, availableFrom: p.at, recordedByUserId: salesId },
          p.at,
        );
      }
    }
    if (random.chance(0.08)) continue; // a quiet day
    await seedDay(db, { companyId, spec, random, userIds, owners, teamOfUser, chargingTracker, dayStart: new Date(day), now });
  }
  await settleDueAccounts(db.sql, now);
  // An on-demand brief (not automated: the demo spends nothing on its own), generated once from the UI.
  const trackerId = (await db.prisma.tracker.findFirst({ where: { companyId, type: "question", status: "published" } }))?.id;
  const recentCalls = await db.prisma.call.findMany({ where: { companyId }, orderBy: { startedAt: "desc" }, take: 3, select: { externalId: true } });
  const briefId = await createBrief(db, {
    companyId,
    userId: userIds[0],
    now,
    brief: {
      title: "Weekly pipeline brief",
      sections: [
        ...(trackerId ? [{ source: "tracker" as const, heading: `${chargingTracker} signals`, trackerId }] : []),
        { source: "direct" as const, heading: "Latest calls", callIds: recentCalls.map((c) => c.externalId), emailIds: [] },
      ],
    },
  });
  await generateBriefVersion(db, { companyId, briefId, trigger: "ui", now });
}

type DayContext = {
  companyId: string;
  spec: DemoCompany;
  random: Random;
  userIds: string[];
  owners: Array<{ email: string; teamId: string }>;
  teamOfUser: ReadonlyMap<string, string>;
  chargingTracker: string;
  dayStart: Date;
  now: Date;
};
type DemoItem = { kind: "call" | "email"; id: string; at: Date; seconds: number; owner?: { email: string; teamId: string }; participants: string[] };

/** One day's work: calls and emails arrive and are processed by trackers; API, MCP and brief requests. */
async function seedDay(db: Database, ctx: DayContext) {
  const { random, spec, dayStart, now } = ctx;
  const at = () => new Date(dayStart.getTime() + 7 * HOUR + Math.floor(random.next() * 12 * HOUR));
  type Event = { at: Date; charge: ChargeRequest };
  const events: Event[] = [];
  const items: DemoItem[] = [];
  const people = () => {
    const owner = ctx.owners.length && random.chance(0.85) ? ctx.owners[random.int(0, ctx.owners.length - 1)] : undefined;
    const customer = spec.customerDomains[random.int(0, spec.customerDomains.length - 1)]!;
    // Most involve a customer; some are internal only.
    const participants = random.chance(0.8) ? [`buyer${random.int(1, 9)}@${customer}`] : [];
    return { owner, participants: owner ? [owner.email, ...participants] : participants };
  };
  for (let i = random.around(spec.daily.calls); i > 0; i--)
    items.push({ kind: "call", id: createId("call", dayStart), at: at(), seconds: random.int(120, 3600), ...people() });
  for (let i = random.around(spec.daily.emails); i > 0; i--) items.push({ kind: "email", id: createId("email", dayStart), at: at(), seconds: 0, ...people() });
  for (const item of items) {
    const cost = item.kind === "call" ? callCostMilli(item.seconds) : EMAIL_COST_MILLI;
    events.push({
      at: item.at,
      charge: {
        amountMilli: cost,
        action: `AI tracker: ${ctx.chargingTracker}`,
        idempotencyKey: `${item.kind}:${item.id}`,
        usage: {
          featureType: "ai_tracker",
          featureName: ctx.chargingTracker,
          usageAction: "continuous",
          teamId: item.owner?.teamId,
          calls: item.kind === "call" ? 1 : 0,
          emails: item.kind === "email" ? 1 : 0,
        },
      },
    });
  }
  const request = (featureType: "ask_anything_api" | "briefer_api" | "mcp", featureName: string, usageAction: string, integration = "") => {
    const calls = random.int(1, 5);
    const emails = random.int(0, 10);
    const amount = Array.from({ length: calls }, () => callCostMilli(random.int(120, 3600))).reduce((a, b) => a + b, 0n) + BigInt(emails) * EMAIL_COST_MILLI;
    const userId = ctx.userIds[random.int(0, ctx.userIds.length - 1)]!;
    events.push({
      at: at(),
      charge: {
        amountMilli: amount,
        action: featureName,
        actorUserId: userId,
        usage: { featureType, featureName, usageAction, integration, userId, teamId: ctx.teamOfUser.get(userId), calls, emails, requests: 1 },
      },
    });
  };
  for (let i = random.around(spec.daily.askRequests); i > 0; i--) request("ask_anything_api", "Ask Anything API", "request");
  for (let i = random.around(spec.daily.brieferRequests); i > 0; i--) request("briefer_api", "Briefer API", "generate_brief");
  for (let i = random.around(spec.daily.mcpRequests); i > 0; i--) {
    request("mcp", "MCP server", random.chance(0.6) ? "ask_anything" : "generate_brief", random.chance(0.7) ? "Claude Desktop" : "Cursor");
  }
  if (dayStart.getUTCDay() === 1) {
    events.push({
      at: at(),
      charge: {
        amountMilli: 10n * 1000n + 20n * EMAIL_COST_MILLI,
        action: "Automated brief: Weekly pipeline brief",
        usage: { featureType: "automated_brief", featureName: "Weekly pipeline brief", usageAction: "scheduled", calls: 10, emails: 20 },
      },
    });
  }
  const due = events.filter((e) => e.at < now).sort((a, b) => a.at.getTime() - b.at.getTime());
  await storeItems(
    db,
    ctx.companyId,
    items.filter((i) => i.at < now),
  );
  // Charges are booked hour by hour, each hour's batch at the time of its last event.
  for (let i = 0; i < due.length; ) {
    const hour = Math.floor(due[i]!.at.getTime() / HOUR);
    let j = i;
    while (j < due.length && Math.floor(due[j]!.at.getTime() / HOUR) === hour) j++;
    await chargeMany(
      db.sql,
      ctx.companyId,
      due.slice(i, j).map((e) => e.charge),
      due[j - 1]!.at,
    );
    i = j;
  }
}

async function storeItems(db: Database, companyId: string, items: DemoItem[]) {
  await db.sql.transaction(function* () {
    for (const item of items) {
      const owner = item.owner?.email ?? "";
      const participants = item.participants.join("\n");
      if (item.kind === "call") {
        yield* q.run(
          `INSERT INTO "Call" ("id", "companyId", "externalId", "startedAt", "durationSeconds", "title", "transcript", "receivedAt", "aiProcessedAt", "ownerEmail", "participants")
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [item.id, companyId, `ext-${item.id}`, item.at, item.seconds, "Customer call", "", item.at, item.at, owner, participants],
        );
      } else {
        yield* q.run(
          `INSERT INTO "Email" ("id", "companyId", "externalId", "sentAt", "subject", "body", "receivedAt", "aiProcessedAt", "ownerEmail", "participants")
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [item.id, companyId, `ext-${item.id}`, item.at, "Re: proposal", "", item.at, item.at, owner, participants],
        );
      }
    }
  });
}
