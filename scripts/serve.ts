// What `npm start` runs once the Prisma clients exist (scripts/start.ts makes sure they do): ready
// the database (migrations, and the demo data when it is empty; one instance at a time, in a
// process of its own), build the app when its sources changed, then serve it with Next.js in this
// process. The background jobs run inside the server too (instrumentation.ts), on the app's own
// database handle: one process per instance, one set of pools, one copy of the app's code.
//
// SIGTERM or SIGINT: stop accepting connections (a request arriving on a kept-alive one is
// answered 503 busy), let requests and job runs in flight finish (up to SHUTDOWN_GRACE_MS), close
// the pools, exit 0. A charge in flight commits or rolls back whole either way: its transaction
// is one unit on both databases.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { requestLimitSettings } from "../lib/api/request-limits";
import { closeSharedDatabase, stopBackgroundJobs } from "../lib/jobs/handles";
import { buildOnce } from "./build-lock";
import { ROOT } from "./db/schemas";

/** How long in-flight requests and job runs may take to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 25_000;
const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "postcss.config.mjs", "proxy.ts", "instrumentation.ts", "package-lock.json"];

function newestSourceTime(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestSourceTime(path.join(entry, child)));
  return newest;
}

/** Whether the build is newer than every source. */
function buildIsFresh(): boolean {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  return builtAt > 0 && SOURCES.every((s) => newestSourceTime(s) <= builtAt);
}

/** Builds the app (`next build`) unless it is fresh; one build at a time in this checkout. */
export function buildIfStale() {
  buildOnce(path.join(ROOT, ".next-build.lock"), buildIsFresh, () => {
    console.log("building the app (next build)…");
    run("next build", [require.resolve("next/dist/bin/next"), "build"]);
  });
}

function run(what: string, args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`${what} failed`);
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

/** Counts requests in flight, so shutdown can wait for them. */
function trackRequests() {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    begin(res: http.ServerResponse) {
      active++;
      res.once("close", () => {
        active--;
        if (active === 0) for (const resolve of waiting.splice(0)) resolve();
      });
    },
    whenIdle(): Promise<void> {
      return active === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

export async function main() {
  (process.env as Record<string, string>).NODE_ENV = "production";
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // A mistyped limit stops the start with its name, not the first API request.
  requestLimitSettings();
  run("readying the database", ["--import", "tsx", path.join(ROOT, "scripts/db/prepare.ts")]);
  buildIfStale();
  const port = process.env.PORT ?? "3000";
  const host = process.env.HOST;
  ensureAuthSettings(port);
  process.env.CREDITS_BACKGROUND_JOBS = "on";

  // tsx turns Node's source maps on for the TypeScript it runs. Left on, every chunk of the
  // app's bundle loaded from here on would keep its source map, sources included, in memory (about
  // 30 MB of strings, a tenth of the server); the bundle's stack traces read well enough without.
  process.setSourceMapsEnabled(false);
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: ROOT, hostname: host ?? "localhost", port: Number(port) });
  await app.prepare();
  const handle = app.getRequestHandler();
  const requests = trackRequests();
  let stopping = false;
  const server = http.createServer((req, res) => {
    if (stopping) {
      // A request on a kept-alive connection after SIGTERM is not taken: it is answered at once,
      // with nothing done, so that no request starts once the in-flight ones are waited for.
      res.writeHead(503, { "content-type": "application/json; charset=utf-8", "retry-after": "1", connection: "close" });
      res.end(JSON.stringify({ error: "busy", message: "This server is stopping; retry in a moment (another instance may answer)." }));
      return;
    }
    requests.begin(res);
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(port), host, resolve);
  });
  const where = process.env.DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : (process.env.DATABASE_URL ?? "data/credits.db");
  console.log(`serving on http://${host ?? "localhost"}:${port} (${where})`);

  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and jobs in flight (at most ${SHUTDOWN_GRACE_MS / 1000} s)…`);
    server.close();
    // Keep-alive connections with no request in flight would hold the server open.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
    const grace = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), SHUTDOWN_GRACE_MS).unref());
    const jobsDone = stopBackgroundJobs().catch((error) => console.error("stopping the background jobs failed:", error));
    const finished = await Promise.race([Promise.all([requests.whenIdle(), jobsDone]).then(() => "done" as const), grace]);
    clearInterval(idleSweep);
    if (finished === "timeout") {
      console.error("shutdown: requests or jobs still running after the grace period; closing their connections");
      server.closeAllConnections();
    }
    await closeSharedDatabase().catch((error) => console.error("closing the database failed:", error));
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
