// What `npm start` runs once the Prisma clients exist (scripts/start.ts makes sure they do):
// migrate and seed an empty database (one instance at a time), build the app when its sources
// changed, then serve it with Next.js in this process and run the background jobs beside it.
//
// One process per instance, one database handle per process: the app's pages and handlers use
// the same pools as the jobs (lib/db.ts keeps the handle on globalThis, where the app finds it).
// SIGTERM or SIGINT: stop accepting connections, let requests and job runs in flight finish (up
// to SHUTDOWN_GRACE_MS), close the pools, exit 0. A charge in flight commits or rolls back whole
// either way: its transaction is one unit on both databases.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { purgeIdempotencyRecords } from "../lib/api/idempotency";
import { purgeSignInThrottles } from "../lib/auth/throttle";
import { settleDueAccounts } from "../lib/billing";
import { runAutomatedBriefs } from "../lib/briefs";
import { systemClock } from "../lib/clock";
import { type Database, openDatabase, shareDatabase } from "../lib/db";
import { databaseConfig } from "../lib/db-config";
import { intervalFromEnv, type Job, startJobs } from "../lib/jobs";
import { purgeIdleMcpSessions } from "../lib/mcp/sessions";
import { DELIVERY_INTERVAL_MS, startOutboxDelivery } from "../lib/notify/mailer";
import { seedDemo } from "../lib/seed/demo";
import { processTrackers } from "../lib/trackers";
import { applyMigrations } from "./db/migrations";
import { ROOT } from "./db/schemas";
import { withStartupLock } from "./db/startup-lock";

/** How long in-flight requests and job runs may take to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 25_000;
const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "postcss.config.mjs", "proxy.ts", "package-lock.json"];

function newestSourceTime(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestSourceTime(path.join(entry, child)));
  return newest;
}

/** Builds the app (`next build`) unless the build is newer than every source. */
export function buildIfStale() {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (builtAt > 0 && SOURCES.every((s) => newestSourceTime(s) <= builtAt)) return;
  console.log("building the app (next build)…");
  const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
}

/**
 * next-auth signs sessions with NEXTAUTH_SECRET. Without one, a random secret is made once and
 * kept in data/auth-secret, so sessions survive restarts (instances that share no disk must all
 * be given the same NEXTAUTH_SECRET); NEXTAUTH_URL defaults to this server.
 */
function ensureAuthSettings(port: string) {
  if (!process.env.NEXTAUTH_SECRET) {
    const file = path.join(ROOT, "data", "auth-secret");
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    }
    process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
}

/** Migrations, then the demo data when the database is empty, one instance at a time. */
async function prepareDatabase(): Promise<Database> {
  const config = databaseConfig();
  if (config.provider === "sqlite") fs.mkdirSync(path.dirname(config.file), { recursive: true });
  await withStartupLock(config, async () => {
    const applied = await applyMigrations(config);
    if (applied.length) console.log(`applied migrations: ${applied.join(", ")}`);
    const db = openDatabase(config);
    try {
      if ((await db.prisma.company.count()) === 0 && process.env.SEED_DEMO !== "false") {
        console.log("empty database: seeding the demo companies…");
        await seedDemo(db, systemClock.now());
      }
    } finally {
      await db.close();
    }
  });
  return openDatabase(config);
}

function backgroundJobs(db: Database): Job[] {
  const minute = 60_000;
  const jobs: Job[] = [
    { name: "ledger job", everyMs: intervalFromEnv("LEDGER_JOB_INTERVAL_MS", minute), run: (now) => settleDueAccounts(db.sql, now) },
    { name: "automated briefs", everyMs: intervalFromEnv("BRIEFS_JOB_INTERVAL_MS", minute), run: (now) => runAutomatedBriefs(db, now) },
    { name: "idempotency purge", everyMs: 60 * minute, run: (now) => purgeIdempotencyRecords(db.sql, now) },
    { name: "sign-in throttle purge", everyMs: 60 * minute, run: (now) => purgeSignInThrottles(db.sql, now) },
    { name: "MCP session purge", everyMs: 10 * minute, run: (now) => purgeIdleMcpSessions(db.sql, now) },
  ];
  if (process.env.TRACKER_WORKER !== "off") {
    jobs.push({ name: "tracker worker", everyMs: intervalFromEnv("TRACKER_WORKER_INTERVAL_MS", 10_000), run: (now) => processTrackers(db, { now }) });
  }
  return jobs;
}

/** Counts requests in flight, so shutdown can wait for them. */
function trackRequests() {
  let active = 0;
  let idle: (() => void) | null = null;
  return {
    begin(res: http.ServerResponse) {
      active++;
      res.once("close", () => {
        active--;
        if (active === 0) idle?.();
      });
    },
    whenIdle(): Promise<void> {
      return active === 0 ? Promise.resolve() : new Promise((resolve) => (idle = resolve));
    },
  };
}

export async function main() {
  (process.env as Record<string, string>).NODE_ENV = "production";
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const db = await prepareDatabase();
  shareDatabase(db);
  buildIfStale();
  const port = process.env.PORT ?? "3000";
  const host = process.env.HOST;
  ensureAuthSettings(port);

  const { default: next } = await import("next");
  const app = next({ dev: false, dir: ROOT, hostname: host ?? "localhost", port: Number(port) });
  await app.prepare();
  const handle = app.getRequestHandler();
  const requests = trackRequests();
  const server = http.createServer((req, res) => {
    requests.begin(res);
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(port), host, resolve);
  });
  console.log(`serving on http://${host ?? "localhost"}:${port} (${db.config.provider === "sqlite" ? db.config.file : "PostgreSQL"})`);

  // Sends the outbox every 15 s (or keeps it without SMTP_URL); an invalid SMTP_URL throws here.
  const mail = startOutboxDelivery(db, { intervalMs: intervalFromEnv("OUTBOX_INTERVAL_MS", DELIVERY_INTERVAL_MS) });
  const jobs = startJobs(backgroundJobs(db), { clock: systemClock });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and jobs in flight (at most ${SHUTDOWN_GRACE_MS / 1000} s)…`);
    server.close();
    // Keep-alive connections with no request in flight would hold the server open.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
    const grace = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), SHUTDOWN_GRACE_MS).unref());
    const finished = await Promise.race([Promise.all([requests.whenIdle(), jobs.stop(), mail.stop()]).then(() => "done" as const), grace]);
    clearInterval(idleSweep);
    if (finished === "timeout") {
      console.error("shutdown: requests or jobs still running after the grace period; closing their connections");
      server.closeAllConnections();
    }
    await db.close().catch((error) => console.error("closing the database failed:", error));
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
