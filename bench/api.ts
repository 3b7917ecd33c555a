// Load on the public JSON API of the real server (`npm start`: Next.js and the jobs in one process), on a fresh SQLite
// file and on a throwaway durable PostgreSQL, each beside the ceiling of the same server in the
// same run: GET /api/health, the HTTP and framework cost of a route that does next to nothing
// (measured first and last; the faster of the two is the ceiling, as in bench/charge.ts).
//
//   npm run bench:api                    full run (a few minutes, plus a build when one is due)
//   npm run bench:api -- --quick         small sizes, a smoke run
//   … -- --only=sqlite | --only=postgresql    one database
//   … -- --profile                       serve with `node --cpu-prof` on scripts/start.ts instead of npm start
//                                        and print where next-server's time went over the whole run
//                                        (the existing .next build, no ledger job; the figures then
//                                        include the profiler's overhead)
//   … -- --profile-out=<dir>             the same, and keep each .cpuprofile in <dir>
//   … -- --concurrency=N                 N workers instead of 8 (and N direct-ledger callers)
//   … -- --timeline=<dir>                write each open-loop run's requests to <dir> as TSV (due ms, latency ms)
//   … -- --pg-log=<file>                 PostgreSQL logs statements over 40 ms, lock waits, autovacuum,
//                                        checkpoints and connections, and its log is kept in <file>
//
// Per database: the database is migrated with the app's own migrations, a company with
// 1,000,000 credits, a member and an API key is made through the SQL layer and the ledger
// (e2e/api-world.ts), then `npm start` serves it on 127.0.0.1:<free port> with SEED_DEMO=false
// (GET /api/health answers 200 once a company exists). A load generator in this process
// (bench/lib/load.ts: node:http keep-alive, 8 workers, a count and a time cap per run) measures,
// after one untimed warm-up of every endpoint (1,000 health, 8 ingestion batches, 250 + 500 Ask
// Anything, 500 balance requests) and, on PostgreSQL, VACUUM (ANALYZE) of the rows it wrote
// (bench/lib/env.ts, analyzeWarmedDatabase):
//   GET  /api/health                 the ceiling (one COUNT(*) of companies on the driver), first and last
//   POST /api/v1/calls               batches of 100 new calls (unique externalIds)
//   POST /api/v1/ask-anything        naming 2 calls and 3 emails (ingested before), with a fresh
//                                    Idempotency-Key each, and the same without a key
//   GET  /api/v1/balance
// and checks every answer (status 200 and its body), the company's balance by exact bigint
// arithmetic (lib/ledger getCreditSummary: it must drop by requests × cost, no more, no less),
// the ledger entries and idempotency rows written, and the calls stored. For reference it also
// times the ledger's charge() called directly in this process by 8 callers on another company
// (bench/lib/workload.ts, as bench/charge.ts does) before the server starts: what a charged
// request would cost without HTTP, authentication and the request's own reads.
// CPU columns: the serving process (Next.js and the background jobs), the PostgreSQL processes,
// this load generator and npm start's other processes, each as a share of one core over the run;
// "app CPU ms/req" (the serving process's CPU time per request) moves least with other work on
// the machine. The 2 cores are shared with whatever else runs: with other test runs going (load
// average 4-7) every req/s figure came out 2-3x lower than on a quiet machine, so read them
// beside the load line.
// The exit code is 0 when the run completes and every check holds, 1 otherwise.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { makeApiCompany } from "../e2e/api-world";
import { getCreditSummary } from "../lib/billing";
import { itemsCostMilli } from "../lib/costs";
import { formatCredits } from "../lib/credits/amount";
import type { Database } from "../lib/db";
import { databaseConfig } from "../lib/db-config";
import type { SqlDatabase } from "../lib/sql";
import { col, shape } from "../lib/sql/rows";
import { ROOT } from "../scripts/db/schemas";
import { freePort } from "../scripts/pg/server";
import { summarizeCpuProfile } from "./lib/cpu-profile";
import { analyzeWarmedDatabase, prepareDatabases } from "./lib/env";
import { type Check, cpuMeter, type FixedRateResult, type LoadRequest, type LoadResult, runFixedRate, runLoad, slowWindows } from "./lib/load";
import { int, machineFacts, table } from "./lib/report";
import { descendants, type Server, startServer } from "./lib/server";
import { concurrentCharges, makeBenchCompany } from "./lib/workload";

const SIZES = {
  full: { batches: 200, charged: 2_000, balance: 2_000, health: 2_000, ledger: 2_000, timeCapMs: 120_000, warmup: 500, fixedMs: 30_000 },
  quick: { batches: 20, charged: 200, balance: 200, health: 200, ledger: 200, timeCapMs: 30_000, warmup: 16, fixedMs: 3_000 },
};
/** The open-loop runs and their targets: charged requests with a key, and ingestion. */
const FIXED = { chargedPerSecond: 200, chargedP99Ms: 50, ingestPerSecond: 50, ingestP99Ms: 100 };
/** The open-loop report's slow windows: stretches of this length with a request over its target. */
const SLOW_WINDOW_MS = 250;
type Sizes = (typeof SIZES)["full"];
const DEFAULT_CONCURRENCY = 8;
let CONCURRENCY = DEFAULT_CONCURRENCY;
const BATCH = 100;
const CREDITS = 1_000_000;
const QUESTION = "What did the customer say about pricing and the renewal date?";
/** Ask Anything's items: two calls of 10 minutes or less (0.5 each) and three emails (0.1 each). */
const ASK = {
  calls: [
    { id: "ask-call-1", seconds: 420 },
    { id: "ask-call-2", seconds: 600 },
  ],
  emails: ["ask-email-1", "ask-email-2", "ask-email-3"],
};
const ASK_COST_MILLI = itemsCostMilli(
  ASK.calls.map((c) => c.seconds),
  ASK.emails.length,
);

const Count = shape({ n: col.int });
const progress = (line: string) => process.stderr.write(`  … ${line}\n`);
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

type Row = { endpoint: string; result: LoadResult; appCpu: number; dbCpu?: number; jobsCpu: number };
type Reference = { label: string; count: number; seconds: number };
type FixedRow = { endpoint: string; result: FixedRateResult; targetP99Ms: number };
type Section = {
  database: string;
  rows: Row[];
  fixed: FixedRow[];
  reference?: Reference;
  checks: [boolean, string][];
  startSeconds: number;
  serverPid?: number;
  error?: string;
  profile?: string[];
  warmSeconds?: number;
};

/** The PostgreSQL server's processes: the postmaster (first line of postmaster.pid) and its children. */
function postgresPids(dataDir: string): () => number[] {
  return () => {
    try {
      const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      return [postmaster, ...descendants(postmaster)];
    } catch {
      return [];
    }
  };
}

const transcript = (n: number) =>
  `Call ${n}. Customer: we are reviewing the renewal and want to understand pricing for the next contract year. Rep: happy to walk through the options, ` +
  `including the credit packs and how unused credits carry over. Customer: please send the proposal by Friday.`;

async function measureDatabase(
  database: string,
  url: string,
  sizes: Sizes,
  tmp: string,
  { pgDataDir, profile, profileOut, timelineDir }: { pgDataDir?: string; profile: boolean; profileOut?: string; timelineDir?: string },
): Promise<Section> {
  const { openDatabase } = await import("../lib/db");
  const checks: [boolean, string][] = [];
  const rows: Row[] = [];
  const check = (ok: boolean, text: string) => {
    checks.push([ok, text]);
    if (!ok) progress(`${database}: CHECK FAILED: ${text}`);
  };

  // 1. The company, its member and key; the direct-ledger reference on a company of its own.
  let db: Database | undefined = openDatabase(databaseConfig(url));
  const world = await makeApiCompany(db.sql, { credits: CREDITS });
  const refCompany = await makeBenchCompany(db.sql, `api-${database}`);
  const refMeasured = await concurrentCharges(db.sql, [refCompany], "api-reference", sizes.ledger, CONCURRENCY);
  const reference: Reference = { label: `ledger charge() in this process, ${CONCURRENCY} callers, 1 per tx (no HTTP)`, ...refMeasured };
  progress(
    `${database}: reference ${int(refMeasured.count)} direct charges in ${refMeasured.seconds.toFixed(2)} s (${int(refMeasured.count / refMeasured.seconds)}/s)`,
  );
  // Closed while the server starts: npm start migrates first, and the SQLite file is best left
  // to it alone meanwhile (bench/export.ts does the same).
  await db.close();
  db = undefined;

  const port = await freePort();
  const startedAt = Date.now();
  const logDir = fs.mkdtempSync(path.join(tmp, `${database}-`));
  // --profile: `next start` itself under node --cpu-prof (Node 20 refuses --cpu-prof in
  // NODE_OPTIONS, so npm start cannot pass it on); it writes its profile when it exits.
  const profileDir = profile ? path.join(logDir, "profiles") : undefined;
  const command = profileDir ? [process.execPath, "--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--import", "tsx", "scripts/start.ts"] : undefined;
  const server: Server = await startServer({ root: ROOT, dbUrl: url, port, logDir, progress, env: { SEED_DEMO: "false" }, command });
  const startSeconds = (Date.now() - startedAt) / 1000;
  const section: Section = { database, rows, fixed: [], reference, checks, startSeconds };
  try {
    db = openDatabase(databaseConfig(url));
    const sql: SqlDatabase = db.sql;
    const serverPid = server.nextServerPid();
    section.serverPid = serverPid;
    const appPids = () => (serverPid ? [serverPid] : []);
    // npm start's other processes (npm, tsx, scripts/start.ts with its ledger, tracker and mail jobs).
    const jobPids = () => [server.pid, ...descendants(server.pid)].filter((p) => p !== serverPid);
    const dbPids = pgDataDir ? postgresPids(pgDataDir) : undefined;
    const auth = { authorization: `Bearer ${world.key}` };
    const jsonAuth = { ...auth, "content-type": "application/json" };

    const measure = async (endpoint: string, total: number, request: (i: number) => LoadRequest, checkAnswer?: Check) => {
      const app = cpuMeter(appPids);
      const jobs = cpuMeter(jobPids);
      const dbm = dbPids ? cpuMeter(dbPids) : undefined;
      const result = await runLoad({ base: server.base, total, concurrency: CONCURRENCY, timeCapMs: sizes.timeCapMs, request, check: checkAnswer });
      const row: Row = { endpoint, result, appCpu: app(), dbCpu: dbm?.(), jobsCpu: jobs() };
      rows.push(row);
      progress(
        `${database} ${endpoint}: ${int(result.requests)} in ${result.seconds.toFixed(2)} s = ${int(result.requests / result.seconds)}/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, errors ${result.errors}` +
          (result.errorSamples.length ? `\n      first errors: ${result.errorSamples.join("\n      ")}` : ""),
      );
      check(
        result.errors === 0 && result.requests === total,
        `${endpoint}: ${int(result.ok)} of ${int(total)} planned answered 200 and passed the body check${result.cappedByTime ? ` (time cap ${sizes.timeCapMs / 1000} s hit after ${int(result.requests)})` : ""}; statuses ${JSON.stringify(result.statuses)}`,
      );
      return result;
    };
    const warm = (total: number, request: (i: number) => LoadRequest) =>
      runLoad({ base: server.base, total, concurrency: CONCURRENCY, timeCapMs: 60_000, request });
    const expectWarm = async (what: string, total: number, request: (i: number) => LoadRequest) => {
      const r = await warm(total, request);
      if (r.errors) throw new Error(`warm-up of ${what} failed: ${r.errorSamples.join("; ")}`);
    };

    const health: LoadRequest = { method: "GET", path: "/api/health" };
    const healthCheck: Check = (_s, body) => (body.includes('"ok"') ? undefined : `health body ${body.slice(0, 100)}`);
    const now = Date.now();
    const callsBody = (prefix: string, batch: number) =>
      JSON.stringify({
        calls: Array.from({ length: BATCH }, (_, k) => {
          const n = batch * BATCH + k;
          return {
            externalId: `${prefix}-${batch}-${k}`,
            startedAt: new Date(now - n * 1000).toISOString(),
            durationSeconds: 60 + ((n * 37) % 3_000),
            title: `Discovery call ${n}`,
            transcript: transcript(n),
          };
        }),
      });
    const ingestCheck: Check = (_s, body) => {
      const r = JSON.parse(body) as { accepted?: number; alreadyKnown?: number };
      return r.accepted === BATCH && r.alreadyKnown === 0 ? undefined : `ingest answered ${body.slice(0, 100)}`;
    };
    const askBody = JSON.stringify({ question: QUESTION, callIds: ASK.calls.map((c) => c.id), emailIds: ASK.emails });
    const costText = formatCredits(ASK_COST_MILLI);
    const askCheck: Check = (_s, body) => {
      const r = JSON.parse(body) as { creditsCharged?: string; answer?: string };
      return r.creditsCharged === costText && typeof r.answer === "string" ? undefined : `ask answered ${body.slice(0, 120)}`;
    };
    const ask =
      (key?: (i: number) => string) =>
      (i: number): LoadRequest => ({
        method: "POST",
        path: "/api/v1/ask-anything",
        headers: key ? { ...jsonAuth, "idempotency-key": key(i) } : jsonAuth,
        body: askBody,
      });
    const balance: LoadRequest = { method: "GET", path: "/api/v1/balance", headers: auth };

    // The items Ask Anything names, then one warm-up of every endpoint before any measurement: a
    // fresh next-server's shared request path gets faster for thousands of requests (JIT), and
    // each run would otherwise start from a different point.
    const items = await runLoad({
      base: server.base,
      total: 2,
      concurrency: 1,
      timeCapMs: 30_000,
      request: (i) =>
        i === 0
          ? {
              method: "POST",
              path: "/api/v1/calls",
              headers: jsonAuth,
              body: JSON.stringify({
                calls: ASK.calls.map((c) => ({
                  externalId: c.id,
                  startedAt: new Date(now).toISOString(),
                  durationSeconds: c.seconds,
                  title: c.id,
                  transcript: transcript(0),
                })),
              }),
            }
          : {
              method: "POST",
              path: "/api/v1/emails",
              headers: jsonAuth,
              body: JSON.stringify({
                emails: ASK.emails.map((id) => ({
                  externalId: id,
                  sentAt: new Date(now).toISOString(),
                  subject: `Re: pricing (${id})`,
                  body: "Could you send the renewal proposal by Friday?",
                })),
              }),
            },
    });
    if (items.errors) throw new Error(`ingesting Ask Anything's calls and emails failed: ${items.errorSamples.join("; ")}`);
    const warmStart = Date.now();
    const warmBatches = 8;
    await expectWarm("GET /api/health", 2 * sizes.warmup, () => health);
    await expectWarm("POST /api/v1/calls", warmBatches, (i) => ({ method: "POST", path: "/api/v1/calls", headers: jsonAuth, body: callsBody("warm", i) }));
    await expectWarm(
      "POST /api/v1/ask-anything with a key",
      sizes.warmup / 2,
      ask((i) => `warm-${i}`),
    );
    await expectWarm("POST /api/v1/ask-anything", sizes.warmup, ask());
    await expectWarm("GET /api/v1/balance", sizes.warmup, () => balance);
    // The statistics a database in service has, from the warm-up's rows (PostgreSQL; see there).
    await analyzeWarmedDatabase(sql);
    section.warmSeconds = (Date.now() - warmStart) / 1000;
    progress(`${database}: warmed up in ${section.warmSeconds.toFixed(1)} s`);

    // 2. The ceiling, first.
    await measure("GET /api/health (ceiling, first)", sizes.health, () => health, healthCheck);

    // 3a. Ingestion: batches of new calls, each externalId once.
    const batchBodies = Array.from({ length: sizes.batches }, (_, i) => callsBody("bench", i));
    await measure(
      `POST /api/v1/calls (${BATCH} calls per request)`,
      sizes.batches,
      (i) => ({ method: "POST", path: "/api/v1/calls", headers: jsonAuth, body: batchBodies[i]! }),
      ingestCheck,
    );
    const storedCalls = (await sql.row(`SELECT COUNT(*) AS "n" FROM "Call" WHERE "companyId" = ?`, [world.companyId], Count))!.n;
    const expectedCalls = (warmBatches + sizes.batches) * BATCH + ASK.calls.length;
    check(
      storedCalls === expectedCalls,
      `calls stored for the company: ${int(storedCalls)} = ${int(expectedCalls)} (warm-up, measured batches and Ask Anything's 2)`,
    );

    // 3b. Charged requests.
    const usedEntries = async () =>
      (await sql.row(`SELECT COUNT(*) AS "n" FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used'`, [world.companyId], Count))!.n;
    const charged = async (label: string, key?: (i: number) => string) => {
      const before = (await getCreditSummary(sql, { companyId: world.companyId, now: new Date() })).remainingMilli;
      const entriesBefore = await usedEntries();
      const r = await measure(label, sizes.charged, ask(key), askCheck);
      const after = (await getCreditSummary(sql, { companyId: world.companyId, now: new Date() })).remainingMilli;
      const expected = BigInt(r.requests) * ASK_COST_MILLI;
      check(
        before - after === expected && r.ok === r.requests,
        `${label}: balance ${formatCredits(before)} → ${formatCredits(after)}, dropped ${formatCredits(before - after)} = ${int(r.requests)} requests × ${costText} = ${formatCredits(expected)} (exact, milli-credits ${before - after} = ${expected})`,
      );
      const entries = (await usedEntries()) - entriesBefore;
      check(entries === r.requests, `${label}: ${int(entries)} new "used" ledger entries = ${int(r.requests)} requests`);
      return r;
    };
    const keyed = await charged("POST /api/v1/ask-anything, Idempotency-Key", (i) => `bench-${database}-${i}`);
    const keys = (await sql.row(
      `SELECT COUNT(*) AS "n" FROM "IdempotentRequest" WHERE "companyId" = ? AND "key" LIKE ? AND "state" = 'done'`,
      [world.companyId, `bench-${database}-%`],
      Count,
    ))!.n;
    check(keys === keyed.requests, `idempotency rows kept as done: ${int(keys)} = ${int(keyed.requests)} keyed requests`);
    await charged("POST /api/v1/ask-anything, no key");

    // 3c. Open loop at a fixed rate: latency at a steady, normal load, counted from each request's
    // scheduled time, so a stall shows in every request it delays. Each run starts, as each of
    // pgbench's does, after a VACUUM (ANALYZE) of what the runs before it wrote: the closed loops
    // and the ingestion run (full size) add 170,000 calls and 4,000 charges to tables that held a few
    // thousand rows, and autovacuum would otherwise clean them up inside the next measured run
    // (on this 2-core machine, 0.75 s of a core, seen as a burst of late answers). A table in
    // service is vacuumed after a fifth of it changes, not every few seconds.
    const fixed = async (endpoint: string, rate: number, targetP99Ms: number, request: (i: number) => LoadRequest, checkAnswer: Check) => {
      const vacuumStart = Date.now();
      await analyzeWarmedDatabase(sql);
      if (sql.dialect === "postgresql") progress(`${database}: VACUUM (ANALYZE) before the open loop took ${((Date.now() - vacuumStart) / 1000).toFixed(2)} s`);
      const result = await runFixedRate({ base: server.base, ratePerSecond: rate, durationMs: sizes.fixedMs, request, check: checkAnswer });
      section.fixed.push({ endpoint, result, targetP99Ms });
      if (timelineDir) {
        const file = path.join(timelineDir, `${database}-${endpoint.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.tsv`);
        const { dueMs, latencyMs } = result.timeline;
        fs.writeFileSync(file, `due_ms\tlatency_ms\n${Array.from(dueMs, (d, i) => `${d.toFixed(1)}\t${latencyMs[i]!.toFixed(2)}`).join("\n")}\n`);
        progress(`${database} ${endpoint}: timeline in ${file}`);
      }
      progress(
        `${database} ${endpoint}: ${int(result.requests)} at ${rate}/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, max ${result.maxMs.toFixed(1)} ms, errors ${result.errors}`,
      );
      check(
        result.errors === 0,
        `${endpoint} at ${rate}/s: ${int(result.ok)} of ${int(result.requests)} answered 200 and passed the body check; statuses ${JSON.stringify(result.statuses)}` +
          (result.errorSamples.length ? `; first errors: ${result.errorSamples.join(" | ")}` : ""),
      );
    };
    const fixedBatches = Array.from({ length: Math.ceil((FIXED.ingestPerSecond * sizes.fixedMs) / 1000) }, (_, i) => callsBody("fixed", i));
    await fixed(
      `POST /api/v1/calls, ${FIXED.ingestPerSecond * BATCH} calls/s`,
      FIXED.ingestPerSecond,
      FIXED.ingestP99Ms,
      (i) => ({ method: "POST", path: "/api/v1/calls", headers: jsonAuth, body: fixedBatches[i]! }),
      ingestCheck,
    );
    await fixed(
      `POST /api/v1/ask-anything, Idempotency-Key, ${FIXED.chargedPerSecond}/s`,
      FIXED.chargedPerSecond,
      FIXED.chargedP99Ms,
      ask((i) => `fixed-${database}-${i}`),
      askCheck,
    );

    // 3d. Balance.
    const summary = await getCreditSummary(sql, { companyId: world.companyId, now: new Date() });
    const expectBalance = JSON.stringify({ remaining: formatCredits(summary.remainingMilli), total: formatCredits(summary.totalMilli) });
    await measure(
      "GET /api/v1/balance",
      sizes.balance,
      () => balance,
      (_s, body) => (body === expectBalance ? undefined : `balance answered ${body} instead of ${expectBalance}`),
    );

    // 4. The ceiling again, last: how much the machine drifted over the run.
    await measure("GET /api/health (ceiling, last)", sizes.health, () => health, healthCheck);
    const expectedLast = (await getCreditSummary(sql, { companyId: world.companyId, now: new Date() })).remainingMilli;
    check(expectedLast === summary.remainingMilli, `balance unchanged by the balance and health runs: ${formatCredits(expectedLast)}`);
  } catch (error) {
    section.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    progress(`${database}: the run broke: ${section.error}`);
  } finally {
    await db?.close().catch(() => undefined);
    await server.stop();
    progress(`${database}: server stopped`);
  }
  if (profileDir) {
    const file = fs.existsSync(profileDir)
      ? fs.readdirSync(profileDir).find((f) => section.serverPid !== undefined && f.includes(`.${section.serverPid}.`))
      : undefined;
    section.profile = file
      ? summarizeCpuProfile(path.join(profileDir, file), ROOT, 25)
      : [`  no profile of next-server (pid ${section.serverPid ?? "?"}) in ${profileDir}: it did not exit normally`];
    if (file && profileOut) {
      fs.mkdirSync(profileOut, { recursive: true });
      const kept = path.join(profileOut, `next-server-${database}.cpuprofile`);
      fs.copyFileSync(path.join(profileDir, file), kept);
      section.profile.push(`  kept at ${kept} (--profile-out)`);
    }
  }
  return section;
}

function report(sections: Section[], quick: boolean, loadStart: string): string {
  const out: string[] = [
    `Public API load benchmark${quick ? " (--quick, --profile or --concurrency: not comparable with a plain full run)" : ""}`,
    machineFacts(),
    `load:    ${loadStart} at the start, ${loadavg()} at the end (1/5/15-minute averages)`,
    "",
  ];
  const pct = (cpuSeconds: number | undefined, seconds: number) => (cpuSeconds === undefined ? "" : `${Math.round((100 * cpuSeconds) / seconds)}%`);
  for (const s of sections) {
    out.push(
      `${s.database}: server ready after ${s.startSeconds.toFixed(1)} s (including any build), next-server pid ${s.serverPid ?? "?"}, 127.0.0.1, SEED_DEMO=false; warm-up ${s.warmSeconds?.toFixed(1) ?? "?"} s`,
    );
    const ceilings = s.rows.filter((r) => r.endpoint.startsWith("GET /api/health (ceiling"));
    const ceilingRate = ceilings.length ? Math.max(...ceilings.map((r) => r.result.requests / r.result.seconds)) : undefined;
    const rows = s.rows.map(({ endpoint, result: r, appCpu, dbCpu, jobsCpu }) => {
      const perSecond = r.requests / r.seconds;
      return [
        endpoint,
        int(r.requests),
        String(r.concurrency),
        r.seconds.toFixed(2),
        int(perSecond),
        r.p50Ms.toFixed(1),
        r.p99Ms.toFixed(1),
        String(r.errors),
        ceilingRate ? `${(perSecond / ceilingRate).toFixed(2)}×` : "",
        pct(appCpu, r.seconds),
        ((1000 * appCpu) / Math.max(r.requests, 1)).toFixed(2),
        s.database === "postgresql" ? pct(dbCpu, r.seconds) : "(in app)",
        pct(r.clientCpuSeconds, r.seconds),
        pct(jobsCpu, r.seconds),
      ];
    });
    out.push(
      table(
        [
          "endpoint",
          "requests",
          "conc",
          "seconds",
          "req/s",
          "p50 ms",
          "p99 ms",
          "errors",
          "vs ceiling",
          "app CPU",
          "app CPU ms/req",
          "db CPU",
          "client CPU",
          "jobs CPU",
        ],
        rows,
      ),
    );
    const ingest = s.rows.find((r) => r.endpoint.startsWith("POST /api/v1/calls"));
    if (ingest) out.push(`  ingestion: ${int((ingest.result.requests * BATCH) / ingest.result.seconds)} calls/s (${BATCH} per request, one transaction each)`);
    for (const r of s.rows) if (r.result.errorSamples.length) out.push(`  ${r.endpoint}: first errors: ${r.result.errorSamples.join(" | ")}`);
    if (s.reference)
      out.push(
        `  reference: ${s.reference.label}: ${int(s.reference.count)} in ${s.reference.seconds.toFixed(2)} s = ${int(s.reference.count / s.reference.seconds)} charges/s`,
      );
    out.push("  checks:", ...s.checks.map(([ok, text]) => `    ${ok ? "ok  " : "FAIL"} ${text}`));
    if (s.error) out.push(`  THE RUN BROKE: ${s.error.split("\n").slice(0, 30).join("\n    ")}`);
    if (s.profile) out.push(`  next-server CPU profile over the whole run (--profile; start-up and warm-ups included):`, ...s.profile);
    out.push("");
  }
  out.push(
    table(
      ["database", "open loop, 30 s", "requests", "rate/s", "achieved/s", "p50 ms", "p99 ms", "max ms", "errors", "late sends"],
      sections.flatMap((s) =>
        s.fixed.map(({ endpoint, result: r }) => [
          s.database,
          endpoint,
          int(r.requests),
          String(r.ratePerSecond),
          r.achievedPerSecond.toFixed(1),
          r.p50Ms.toFixed(1),
          r.p99Ms.toFixed(1),
          r.maxMs.toFixed(1),
          String(r.errors),
          String(r.lateSends),
        ]),
      ),
    ),
    "Open loop: each request is sent at its scheduled time, answered or not, and its latency counts from that time; late sends are requests this generator sent over 5 ms late.\n" +
      "On PostgreSQL each open-loop run starts after a VACUUM (ANALYZE) of what the runs before it wrote, as pgbench's runs do; autovacuum still runs during it.",
  );
  // Where each p99 comes from: steady slowness, or a few stalls that delay every request behind them.
  for (const s of sections) {
    for (const { endpoint, result: r, targetP99Ms } of s.fixed) {
      const windows = slowWindows(r.timeline, SLOW_WINDOW_MS, targetP99Ms);
      const slow = windows.reduce((n, w) => n + w.slow, 0);
      const worst = [...windows].sort((a, b) => b.slow - a.slow).slice(0, 3);
      out.push(
        `  ${s.database} ${endpoint}: ${int(slow)} requests over ${targetP99Ms} ms, in ${windows.length} of ${Math.ceil(r.seconds / (SLOW_WINDOW_MS / 1000))} windows of ${SLOW_WINDOW_MS} ms` +
          (worst.length
            ? `; the most at ${worst.map((w) => `${(w.startMs / 1000).toFixed(2)} s (${w.slow}, up to ${w.maxMs.toFixed(0)} ms)`).join(", ")}`
            : ""),
      );
    }
  }
  out.push("");
  for (const s of sections) {
    for (const { endpoint, result: r, targetP99Ms } of s.fixed) {
      out.push(
        `TARGET api-p99-fixed-rate ${r.p99Ms < targetP99Ms && r.errors === 0 ? "PASS" : "FAIL"} ${s.database} ${endpoint}: p99 ${r.p99Ms.toFixed(1)} ms (needs < ${targetP99Ms} ms)`,
      );
    }
  }
  out.push("");
  out.push(
    `Concurrency ${CONCURRENCY} keep-alive connections from one load generator in this process (node:http); latency is from sending a request to its last byte.`,
    `"vs ceiling" is req/s divided by the faster GET /api/health run's req/s on the same server; app CPU is next-server's CPU time over the run as a share of one core,`,
    `db CPU the PostgreSQL processes' (SQLite runs inside next-server), client CPU this load generator's, jobs CPU npm start's other processes'`,
    `(its ledger, tracker and mail jobs). The machine's ${os.cpus().length} cores are shared by all of them and by whatever else runs on it (see load).`,
  );
  return out.join("\n");
}

async function main() {
  const args = process.argv.slice(2);
  /** The value of `--<name>=<value>`, if given. */
  const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
  const quick = args.includes("--quick");
  const profileOut = option("profile-out");
  const profile = args.includes("--profile") || profileOut !== undefined;
  const only = option("only");
  const timelineDir = option("timeline");
  const pgLogArg = option("pg-log");
  const pgLog = pgLogArg ? path.resolve(pgLogArg) : undefined;
  if (timelineDir) fs.mkdirSync(timelineDir, { recursive: true });
  const want = { sqlite: only === undefined || only === "sqlite", postgresql: only === undefined || only === "postgresql", pgLog };
  const sizes = quick ? SIZES.quick : SIZES.full;
  const concurrency = option("concurrency");
  if (concurrency !== undefined) {
    CONCURRENCY = Number(concurrency);
    if (!Number.isInteger(CONCURRENCY) || CONCURRENCY < 1 || CONCURRENCY > 64) throw new Error("--concurrency takes a whole number from 1 to 64");
  }
  // An interrupt exits through process.exit, so that every 'exit' handler runs: the server's
  // (bench/lib/server.ts kills its process group) and the databases' (bench/lib/env.ts).
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
  const loadStart = loadavg();
  process.stderr.write(`API load benchmark (${quick ? "quick" : "full"}): preparing databases\n`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "credits-bench-api-"));
  const removeTmp = () => fs.rmSync(tmp, { recursive: true, force: true });
  process.once("exit", removeTmp);
  const sections: Section[] = [];
  const env = await prepareDatabases(want);
  try {
    // A database whose server never became ready is reported as broken; the other still runs.
    const attempt = async (database: string, run: () => Promise<Section>) => {
      try {
        sections.push(await run());
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        progress(`${database}: the run broke: ${message}`);
        sections.push({ database, rows: [], fixed: [], checks: [], startSeconds: NaN, error: message });
      }
    };
    if (env.sqliteUrl) await attempt("sqlite", () => measureDatabase("sqlite", env.sqliteUrl!, sizes, tmp, { profile, profileOut, timelineDir }));
    if (env.pgUrl)
      await attempt("postgresql", () => measureDatabase("postgresql", env.pgUrl!, sizes, tmp, { pgDataDir: env.pgDataDir, profile, profileOut, timelineDir }));
  } finally {
    env.cleanup();
    removeTmp();
  }
  if (pgLog && env.pgUrl) progress(`PostgreSQL's log (slow statements, lock waits, autovacuum, checkpoints, connections): ${pgLog}`);
  console.log(report(sections, quick || profile || CONCURRENCY !== DEFAULT_CONCURRENCY, loadStart));
  if (sections.some((s) => s.error || s.checks.some(([ok]) => !ok))) {
    console.log("\nA check failed or a run broke: the figures above are not valid.");
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
