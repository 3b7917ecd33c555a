// What the benchmark asks of the ledger, through its public API only: one company with five
// grants of different expiries, API-style single charges, tracker-style batches, and the checks
// afterwards. Every charge must come back "charged", or the figures would measure refusals.
import { type ChargeOutcome, type ChargeRequest, captureHold, charge, chargeMany, createCompany, placeHold, recordPurchase } from "../../lib/billing";
import { createId } from "../../lib/ids";
import type { SqlDatabase } from "../../lib/sql";
import { col, shape } from "../../lib/sql/rows";
import type { Measured } from "./ceiling";

const DAY = 24 * 60 * 60 * 1000;
export const BATCH_SIZE = 1_000;

/**
 * 1,000 core seats × 100 credits of default credits (expiring at the contract year's end), and
 * four purchases of 50,000 credits expiring in 30, 60 and 90 days and at the term's end:
 * 300,000 credits, far more than a full run charges (about 70,000 on SQLite).
 */
export async function makeBenchCompany(sql: SqlDatabase, label: string): Promise<string> {
  const now = new Date();
  const termStartsAt = new Date(now.getTime() - 10 * DAY);
  const termEndsAt = new Date(termStartsAt);
  termEndsAt.setUTCFullYear(termEndsAt.getUTCFullYear() + 2);
  const { companyId } = await createCompany(
    sql,
    { name: `Bench ${label}`, timeZone: "America/New_York", termStartsAt, termEndsAt, creditsPerCoreSeatMilli: 100_000n, seats: { core: 1_000 } },
    now,
  );
  for (const [i, days] of [30, 60, 90, undefined].entries()) {
    const expiresAt = days === undefined ? undefined : new Date(now.getTime() + days * DAY);
    await recordPurchase(
      sql,
      { companyId, creditsMilli: 200_000_000n, orderReference: `bench-${label}-${i}`, purchasedAt: now, availableFrom: now, expiresAt },
      now,
    );
  }
  return companyId;
}

/** The scopes the budget company's charges fall in: three budgets apply to every charge. */
export const BUDGET_SCOPES = { featureType: "ask_anything_api", apiKeyId: "key_bench", teamId: "team_bench" } as const;

/** A company as makeBenchCompany's, with three budgets that apply to every apiCharge(…, { budgeted: true }). */
export async function makeBudgetCompany(sql: SqlDatabase, label: string): Promise<string> {
  const companyId = await makeBenchCompany(sql, label);
  const now = new Date();
  for (const [kind, value] of [
    ["feature", BUDGET_SCOPES.featureType],
    ["api_key", BUDGET_SCOPES.apiKeyId],
    ["team", BUDGET_SCOPES.teamId],
  ] as const) {
    await sql.run(
      `INSERT INTO "Budget" ("id", "companyId", "name", "scopeKind", "scopeValue", "limitMilli", "period", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, 'month', ?, ?)`,
      [createId("budget", now), companyId, `Bench ${kind}`, kind, value, 1_000_000_000_000n, now, now],
    );
  }
  return companyId;
}

/** A request as the Ask Anything API would send it: its own idempotency key and body hash. */
export function apiCharge(run: string, i: number, { budgeted = false }: { budgeted?: boolean } = {}): ChargeRequest {
  return {
    amountMilli: 1_500n,
    action: "Ask Anything API",
    idempotencyKey: `req-${run}-${i}`,
    requestHash: `sha256:${i.toString(16).padStart(16, "0")}`,
    usage: {
      featureType: "ask_anything_api",
      featureName: "Ask Anything API",
      usageAction: "question",
      integration: "api",
      userId: `user_${i % 20}`,
      requests: 1,
      ...(budgeted ? { apiKeyId: BUDGET_SCOPES.apiKeyId, teamId: BUDGET_SCOPES.teamId } : {}),
    },
  };
}

/** A processed call, as tracker processing charges it: keyed by the call's id, 10 trackers. */
export function trackerCharge(run: string, i: number): ChargeRequest {
  return {
    amountMilli: 200n,
    action: "AI Tracker",
    idempotencyKey: `call:call_${run}_${i}`,
    requestHash: `call_${run}_${i}`,
    usage: { featureType: "ai_tracker", featureName: `Tracker ${i % 10}`, usageAction: "call_processed", calls: 1 },
  };
}

function expectCharged(outcomes: ChargeOutcome[]) {
  const refused = outcomes.find((o) => o.outcome !== "charged");
  if (refused) throw new Error(`a benchmark charge was not charged: ${refused.outcome}`);
}

const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
// On SQLite a charge settles without I/O, so a loop of awaited charges never returns to the
// event loop; a turn now and then lets Ctrl-C (and its cleanup) through.
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** N sequential charge() calls, one transaction each. */
export async function singleCharges(sql: SqlDatabase, companyId: string, run: string, n: number, options: { budgeted?: boolean } = {}): Promise<Measured> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    expectCharged([await charge(sql, companyId, apiCharge(run, i, options), new Date())]);
    if (i % 1_000 === 999) await turn();
  }
  return { count: n, seconds: elapsed(start) };
}

/** N requests as the API makes them: hold, then capture (two transactions each). */
export async function heldCharges(sql: SqlDatabase, companyId: string, run: string, n: number): Promise<Measured> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const held = await placeHold(sql, companyId, apiCharge(run, i), new Date());
    if (held.outcome !== "held") throw new Error(`a benchmark hold was not held: ${held.outcome}`);
    expectCharged([await captureHold(sql, companyId, held.holdId, new Date())]);
    if (i % 1_000 === 999) await turn();
  }
  return { count: n, seconds: elapsed(start) };
}

/** chargeMany() calls of BATCH_SIZE charges each. */
export async function batchedCharges(sql: SqlDatabase, companyId: string, run: string, n: number): Promise<Measured> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += BATCH_SIZE) {
    const requests = Array.from({ length: Math.min(BATCH_SIZE, n - i) }, (_, k) => trackerCharge(run, i + k));
    expectCharged(await chargeMany(sql, companyId, requests, new Date()));
    await turn();
  }
  return { count: n, seconds: elapsed(start) };
}

/** `callers` concurrent loops of single charges, N in all; caller c charges companyIds[c % length]. */
export async function concurrentCharges(sql: SqlDatabase, companyIds: readonly string[], run: string, n: number, callers: number): Promise<Measured> {
  let next = 0;
  const caller = async (c: number) => {
    while (next < n) expectCharged([await charge(sql, companyIds[c % companyIds.length]!, apiCharge(run, next++), new Date())]);
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: callers }, (_, c) => caller(c)));
  return { count: n, seconds: elapsed(start) };
}

export type Counts = { grants: number; entries: number; allocations: number; usageRecords: number };

export async function countRows(sql: SqlDatabase): Promise<Counts> {
  const row = await sql.row(
    `SELECT (SELECT COUNT(*) FROM "CreditGrant") AS "grants", (SELECT COUNT(*) FROM "LedgerEntry") AS "entries",
            (SELECT COUNT(*) FROM "LedgerAllocation") AS "allocations", (SELECT COUNT(*) FROM "UsageRecord") AS "usageRecords"`,
    [],
    shape({ grants: col.int, entries: col.int, allocations: col.int, usageRecords: col.int }),
  );
  return row!;
}

/** The checks after the run: answers one line per check, and whether all held. */
export async function verify(sql: SqlDatabase, companyId: string, chargesMade: number): Promise<{ ok: boolean; lines: string[] }> {
  const account = await sql.row(
    `SELECT "balanceMilli", "lastSeq" FROM "CreditAccount" WHERE "companyId" = ?`,
    [companyId],
    shape({ balanceMilli: col.bigint, lastSeq: col.int }),
  );
  const grants = await sql.row(
    `SELECT COUNT(*) AS "n", COALESCE(SUM(CASE WHEN "status" = 'active' THEN "remainingMilli" ELSE 0 END), 0) AS "active" FROM "CreditGrant" WHERE "companyId" = ?`,
    [companyId],
    shape({ n: col.int, active: col.bigint }),
  );
  const entries = await sql.row(
    `SELECT COUNT(*) AS "n", COALESCE(SUM(CASE WHEN "kind" = 'used' THEN 1 ELSE 0 END), 0) AS "used",
            COALESCE(SUM(CASE WHEN "grantId" IS NOT NULL THEN 1 ELSE 0 END), 0) AS "grantEntries" FROM "LedgerEntry" WHERE "companyId" = ?`,
    [companyId],
    shape({ n: col.int, used: col.int, grantEntries: col.int }),
  );
  const balance = account!.balanceMilli;
  const active = grants!.active;
  const { n, used, grantEntries } = entries!;
  const grantCount = grants!.n;
  const lastSeq = account!.lastSeq;
  const checks: [boolean, string][] = [
    [balance === active, `balance ${balance} milli = remaining on active grants ${active}`],
    [n === chargesMade + grantEntries!, `ledger entries ${n} = charges ${chargesMade} + grant entries ${grantEntries}`],
    [used === chargesMade && grantEntries === grantCount, `of which "used" ${used}; one "added" entry per grant (${grantCount} grants)`],
    [lastSeq === n, `account lastSeq ${lastSeq} = entries`],
  ];
  return { ok: checks.every(([ok]) => ok), lines: checks.map(([ok, text]) => `${ok ? "ok  " : "FAIL"} ${text}`) };
}
