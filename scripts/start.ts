// npm start: generate the Prisma clients, apply pending migrations, seed the demo data into an
// empty database, build the app when its sources changed, then serve it with `next start` and
// run the background jobs: the ledger job (availability starts, expiries, contract-year resets)
// and automated briefs every minute, the email outbox every 15 s, and the tracker worker every 10 s unless TRACKER_WORKER=off (for deployments
// that run `npm run worker` as processes of their own).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { purgeIdempotencyRecords } from "../lib/api/idempotency";
import { purgeSignInThrottles } from "../lib/auth/throttle";
import { runAutomatedBriefs } from "../lib/briefs";
import { systemClock } from "../lib/clock";
import { openDatabase } from "../lib/db";
import { databaseConfig } from "../lib/db-config";
import { settleDueAccounts } from "../lib/ledger";
import { startOutboxDelivery } from "../lib/notify/mailer";
import { seedDemo } from "../lib/seed/demo";
import { processTrackers } from "../lib/trackers";
import { generateClients } from "./db/generate";
import { applyMigrations } from "./db/migrations";
import { ROOT } from "./db/schemas";

const LEDGER_JOB_MS = 60_000;
const TRACKER_JOB_MS = 10_000;
const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "postcss.config.mjs", "package-lock.json"];

function newestSourceTime(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestSourceTime(path.join(entry, child)));
  return newest;
}

function buildIfStale() {
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
 * kept in data/auth-secret, so sessions survive restarts; NEXTAUTH_URL defaults to this server.
 */
function ensureAuthSettings(port: string) {
  if (!process.env.NEXTAUTH_SECRET) {
    const file = path.join(ROOT, "data", "auth-secret");
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    }
    process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
}

/** Runs `task` every `ms`, never two at once, logging failures. */
function every(ms: number, name: string, task: () => Promise<unknown>) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch((e) => console.error(`${name} failed:`, e))
      .finally(() => {
        running = false;
      });
  }, ms);
  return { stop: () => clearInterval(timer) };
}

async function main() {
  const config = databaseConfig();
  generateClients();
  const applied = await applyMigrations(config);
  if (applied.length) console.log(`applied migrations: ${applied.join(", ")}`);
  const db = openDatabase(config);
  if ((await db.prisma.company.count()) === 0 && process.env.SEED_DEMO !== "false") {
    console.log("empty database: seeding the demo companies…");
    await seedDemo(db, systemClock.now());
  }
  buildIfStale();
  // Sends the outbox every 15 s (or keeps it without SMTP_URL); an invalid SMTP_URL throws here.
  const mail = startOutboxDelivery(db);

  const port = process.env.PORT ?? "3000";
  ensureAuthSettings(port);
  const args = [require.resolve("next/dist/bin/next"), "start", "-p", port, ...(process.env.HOST ? ["-H", process.env.HOST] : [])];
  const server = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  console.log(`serving on http://localhost:${port} (${config.provider === "sqlite" ? config.file : "PostgreSQL"})`);

  const jobs = [
    mail,
    every(LEDGER_JOB_MS, "ledger job", () => settleDueAccounts(db.sql, systemClock.now())),
    every(LEDGER_JOB_MS, "automated briefs", () => runAutomatedBriefs(db, systemClock.now())),
    every(60 * LEDGER_JOB_MS, "idempotency purge", () => purgeIdempotencyRecords(db.sql, systemClock.now())),
    every(60 * LEDGER_JOB_MS, "sign-in throttle purge", () => purgeSignInThrottles(db.sql, systemClock.now())),
  ];
  if (process.env.TRACKER_WORKER !== "off") jobs.push(every(TRACKER_JOB_MS, "tracker worker", () => processTrackers(db, { now: systemClock.now() })));
  const stopJobs = () => {
    for (const job of jobs) job.stop();
  };
  const stop = (signal: NodeJS.Signals) => {
    stopJobs();
    server.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  server.on("exit", async (code) => {
    stopJobs();
    await db.close().catch(() => undefined);
    process.exit(code ?? 0);
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
