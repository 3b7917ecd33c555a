// The companies and users browser tests make for themselves, on the test server's database and
// through the ledger itself (no Prisma: see ledger.ts). A company gets a contract term, core
// seats and their default credits, purchases, trackers, users of each role with a password, and
// a few months of usage across every feature type, each day's charges booked with the clock set
// to that day, so the chart, the runway and the reports have data. Small on purpose: a company
// takes a few dozen transactions, so every test can afford its own.
import { randomBytes } from "node:crypto";
import { hashPassword } from "../lib/auth/password";
import type { Role } from "../lib/auth/roles";
import { type ChargeRequest, chargeMany, createCompany, recordPurchase } from "../lib/billing";
import { itemsCostMilli } from "../lib/costs";
import { createId } from "../lib/ids";
import { insertRows, type SqlDatabase } from "../lib/sql";
import { formatLocalDate, startOfLocalDay } from "../lib/time/zoned";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

export type TestUser = { id: string; email: string; name: string; role: Role; password: string; companyId: string | null };

export type TestCompany = {
  id: string;
  name: string;
  /** The mail domain of its users, so a test can check that none of them shows elsewhere. */
  domain: string;
  timeZone: string;
  termStartsAt: Date;
  termEndsAt: Date;
  tech: TestUser;
  business: TestUser;
  member: TestUser;
  trackers: readonly TrackerSeed[];
};

export type TrackerSeed = { name: string; type: "question" | "pretrained"; status: "published" | "draft"; question?: string; phrases?: string };

export type CompanyProfile = {
  /** The start of the company's name; a tag with the worker index and a timestamp follows. */
  label: string;
  timeZone: string;
  termStartedDaysAgo: number;
  coreSeats: number;
  creditsPerSeat: number;
  purchases: ReadonlyArray<{ credits: number; daysAgo: number }>;
  /** One day of usage every `everyDays` days over the last `days` days. */
  usage: { days: number; everyDays: number };
  trackers: readonly TrackerSeed[];
};

/** The test's own company: the demo's shape (Acme's trackers and zone) at a fraction of its size. */
export const COMPANY_A: CompanyProfile = {
  label: "Company A",
  timeZone: "America/New_York",
  termStartedDaysAgo: 200,
  coreSeats: 10,
  creditsPerSeat: 40,
  purchases: [
    { credits: 150, daysAgo: 140 },
    { credits: 100, daysAgo: 20 },
  ],
  usage: { days: 90, everyDays: 2 },
  trackers: [
    { name: "Pricing objections", type: "question", status: "published", question: "Did the customer push back on price?" },
    { name: "Competitor mentions", type: "question", status: "published", question: "Which competitors did the customer mention?" },
    { name: "Renewal risk", type: "question", status: "draft", question: "Is there a risk the customer will not renew?" },
    { name: "Next steps", type: "pretrained", status: "published", phrases: "next step\nfollow up\nsend over" },
  ],
};

/** Company B, for "another company is refused": other zone, other figures, other trackers. */
export const COMPANY_B: CompanyProfile = {
  label: "Company B",
  timeZone: "Europe/Berlin",
  termStartedDaysAgo: 90,
  coreSeats: 5,
  creditsPerSeat: 40,
  purchases: [{ credits: 50, daysAgo: 60 }],
  usage: { days: 45, everyDays: 3 },
  trackers: [{ name: "Budget questions", type: "question", status: "published", question: "Did the customer ask about budget?" }],
};

/** A name part unique to this test: the worker index, a timestamp and a little randomness. */
export function worldTag(workerIndex: number): string {
  return `w${workerIndex}-${Date.now()}-${randomBytes(2).toString("hex")}`;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

export async function makeCompany(sql: SqlDatabase, profile: CompanyProfile, tag: string, now = new Date()): Promise<TestCompany> {
  const { timeZone } = profile;
  const name = `${profile.label} ${tag}`;
  const domain = `${slug(name)}.test`;
  const termStartsAt = startOfLocalDay(formatLocalDate(new Date(now.getTime() - profile.termStartedDaysAgo * DAY), timeZone), timeZone);
  const termEndsAt = new Date(termStartsAt);
  termEndsAt.setUTCFullYear(termEndsAt.getUTCFullYear() + 3);
  const { companyId } = await createCompany(
    sql,
    {
      name,
      timeZone,
      termStartsAt,
      termEndsAt,
      creditsPerCoreSeatMilli: BigInt(profile.creditsPerSeat) * 1000n,
      seats: { core: profile.coreSeats, viewer: 2 },
    },
    termStartsAt,
  );
  const password = `pw-${randomBytes(9).toString("base64url")}`;
  const passwordHash = await hashPassword(password);
  const user = (local: string, displayName: string, role: Role): TestUser => ({
    id: createId("user", termStartsAt),
    email: `${local}@${domain}`,
    name: `${displayName} ${tag}`,
    role,
    password,
    companyId,
  });
  const company: TestCompany = {
    id: companyId,
    name,
    domain,
    timeZone,
    termStartsAt,
    termEndsAt,
    tech: user("tech", "Taylor Tech", "tech_admin"),
    business: user("business", "Blair Business", "business_admin"),
    member: user("member", "Morgan Member", "member"),
    trackers: profile.trackers,
  };
  await insertUsers(sql, [company.tech, company.business, company.member], passwordHash, termStartsAt);
  await insertTrackers(sql, company, now);
  await bookHistory(sql, company, profile, now);
  return company;
}

/** A Sales account of the test's own: Sales work across companies, so it has none. */
export async function makeSalesUser(sql: SqlDatabase, tag: string): Promise<TestUser> {
  const password = `pw-${randomBytes(9).toString("base64url")}`;
  const sales: TestUser = { id: createId("user"), email: `sales@vendor-${tag}.test`, name: `Sasha Sales ${tag}`, role: "sales", password, companyId: null };
  await insertUsers(sql, [sales], await hashPassword(password), new Date());
  return sales;
}

async function insertUsers(sql: SqlDatabase, users: TestUser[], passwordHash: string, createdAt: Date) {
  await sql.transaction(function* () {
    yield* insertRows(
      "User",
      ["id", "email", "name", "passwordHash", "role", "companyId", "createdAt"],
      users.map((u) => [u.id, u.email, u.name, passwordHash, u.role, u.companyId, createdAt]),
    );
  });
}

/** Published trackers have looked at everything up to now, as the demo's have. */
async function insertTrackers(sql: SqlDatabase, company: TestCompany, now: Date) {
  const at = company.termStartsAt;
  await sql.transaction(function* () {
    yield* insertRows(
      "Tracker",
      ["id", "companyId", "name", "type", "question", "phrases", "backfillDays", "status", "createdByUserId", "createdAt", "publishedAt", "processedUntil"],
      company.trackers.map((t) => [
        createId("tracker", at),
        company.id,
        t.name,
        t.type,
        t.question ?? "",
        t.phrases ?? "",
        30,
        t.status,
        company.tech.id,
        at,
        t.status === "published" ? at : null,
        t.status === "published" ? now : null,
      ]),
    );
  });
}

type Item = { kind: "call" | "email"; id: string; at: Date; seconds: number };

/**
 * Purchases and usage, in the order they happened. Each usage day has a tracker charge for the
 * calls and emails that arrived (stored, already processed, so the tracker worker charges
 * nothing more) and one request from a member: Ask Anything, MCP, Briefer or an automated brief.
 */
async function bookHistory(sql: SqlDatabase, company: TestCompany, profile: CompanyProfile, now: Date) {
  const tracker = profile.trackers.find((t) => t.type === "question" && t.status === "published")!.name;
  type Event = { at: Date; purchase?: number; charges?: ChargeRequest[] };
  const events: Event[] = profile.purchases.map((p) => ({ at: new Date(now.getTime() - p.daysAgo * DAY), purchase: p.credits }));
  const items: Item[] = [];
  for (let daysAgo = profile.usage.days - 1, i = 0; daysAgo >= 1; daysAgo -= profile.usage.everyDays, i++) {
    const at = new Date(now.getTime() - daysAgo * DAY - 3 * HOUR);
    const calls = Array.from({ length: 1 + (i % 2) }, (_, n) => ((n + i) % 3 === 0 ? 900 : 300));
    const emails = 2 + (i % 3);
    for (const seconds of calls) items.push({ kind: "call", id: createId("call", at), at, seconds });
    for (let n = 0; n < emails; n++) items.push({ kind: "email", id: createId("email", at), at, seconds: 0 });
    const trackerCharge: ChargeRequest = {
      amountMilli: itemsCostMilli(calls, emails),
      action: `AI tracker: ${tracker}`,
      usage: { featureType: "ai_tracker", featureName: tracker, usageAction: "continuous", calls: calls.length, emails },
    };
    events.push({ at, charges: [trackerCharge, request(i, company)] });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  await storeItems(sql, company.id, items);
  for (const [n, e] of events.entries()) {
    if (e.purchase !== undefined) {
      await recordPurchase(
        sql,
        {
          companyId: company.id,
          creditsMilli: BigInt(e.purchase) * 1000n,
          orderReference: `PO-${slug(company.name)}-${n}`,
          purchasedAt: e.at,
          availableFrom: e.at,
        },
        e.at,
      );
    } else {
      const outcomes = await chargeMany(sql, company.id, e.charges!, e.at);
      const refused = outcomes.find((o) => o.outcome !== "charged");
      if (refused) throw new Error(`a history charge of ${company.name} was not charged: ${refused.outcome}`);
    }
  }
}

/** Day i's request: the four charged request kinds in turn. */
function request(i: number, company: TestCompany): ChargeRequest {
  const calls = Array.from({ length: 2 + (i % 3) }, (_, n) => (n % 2 === 0 ? 480 : 1500));
  const emails = i % 5;
  const amountMilli = itemsCostMilli(calls, emails);
  const userId = company.member.id;
  const counts = { calls: calls.length, emails, requests: 1 };
  switch (i % 4) {
    case 0:
      return {
        amountMilli,
        action: "Ask Anything API",
        actorUserId: userId,
        usage: { featureType: "ask_anything_api", featureName: "Ask Anything API", usageAction: "request", userId, ...counts },
      };
    case 1:
      return {
        amountMilli,
        action: "MCP server",
        actorUserId: userId,
        usage: { featureType: "mcp", featureName: "MCP server", usageAction: "ask_anything", integration: "Claude Desktop", userId, ...counts },
      };
    case 2:
      return {
        amountMilli,
        action: "Briefer API",
        actorUserId: userId,
        usage: { featureType: "briefer_api", featureName: "Briefer API", usageAction: "generate_brief", userId, ...counts },
      };
    default:
      return {
        amountMilli,
        action: "Automated brief: Weekly pipeline brief",
        usage: { featureType: "automated_brief", featureName: "Weekly pipeline brief", usageAction: "scheduled", ...counts },
      };
  }
}

async function storeItems(sql: SqlDatabase, companyId: string, items: Item[]) {
  const calls = items.filter((i) => i.kind === "call");
  const emails = items.filter((i) => i.kind === "email");
  await sql.transaction(function* () {
    yield* insertRows(
      "Call",
      ["id", "companyId", "externalId", "startedAt", "durationSeconds", "title", "transcript", "receivedAt", "aiProcessedAt"],
      calls.map((c) => [c.id, companyId, `ext-${c.id}`, c.at, c.seconds, "Customer call", "", c.at, c.at]),
    );
    yield* insertRows(
      "Email",
      ["id", "companyId", "externalId", "sentAt", "subject", "body", "receivedAt", "aiProcessedAt"],
      emails.map((e) => [e.id, companyId, `ext-${e.id}`, e.at, "Re: proposal", "", e.at, e.at]),
    );
  });
}
