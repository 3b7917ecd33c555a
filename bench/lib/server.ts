// The real server for the HTTP measurements: `npm start` (migrate, build when stale, serve)
// in a process group of its own, bound to 127.0.0.1, on the benchmark's database. The process
// that serves requests is the node process running scripts/start.ts (Next.js and the jobs);
// it is found among the descendants of the npm process this module started, and its peak
// resident set is read from /proc/<pid>/status (VmHWM). Stopping signals that group only (by
// the id of the process started here) and waits until every descendant is gone.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type Server = { base: string; pid: number; logFile: string; nextServerPid(): number | undefined; stop(): Promise<void> };

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** Every live process below `root`, breadth first. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const ppid = parentOf(pid);
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  for (let queue = [root]; queue.length; ) {
    const next = children.get(queue.shift()!) ?? [];
    out.push(...next);
    queue.push(...next);
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
  } catch {
    return "";
  }
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`);

/** VmHWM (peak resident set) and VmRSS of a process, in kilobytes. */
export function memoryOf(pid: number): { hwmKb: number; rssKb: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { hwmKb: field("VmHWM"), rssKb: field("VmRSS") };
  } catch {
    return undefined;
  }
}

/**
 * Samples a process's resident set from /proc every `everyMs` until stopped; answers the peak
 * and the number of samples. A sampler sees what a 100-ms look sees; VmHWM (after resetPeak)
 * sees every page the process ever touched, so the two together bound the true peak.
 */
export function sampleRss(pid: number, everyMs = 100): { stop(): { maxKb: number; samples: number } } {
  let maxKb = 0;
  let samples = 0;
  const take = () => {
    const rss = memoryOf(pid)?.rssKb;
    if (rss !== undefined && !Number.isNaN(rss)) {
      maxKb = Math.max(maxKb, rss);
      samples++;
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { maxKb, samples };
    },
  };
}

/** Resets a process's VmHWM to its current RSS (writing 5 to /proc/<pid>/clear_refs); false if refused. */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

async function portInUse(base: string): Promise<boolean> {
  try {
    await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `npm start` and resolves once GET /api/health answers 200 (a build, when the sources
 * changed since the last one, can take minutes). Rejects, after stopping it, if it exits first
 * or is not ready within `readyTimeoutMs`.
 */
type StartOptions = {
  root: string;
  dbUrl: string;
  port: number;
  logDir: string;
  readyTimeoutMs?: number;
  progress: (line: string) => void;
  /** More environment for `npm start` (e.g. SEED_DEMO=false), over the benchmark's own. */
  env?: Record<string, string>;
  /**
   * What to run instead of `npm start` (argv; it must listen on PORT and HOST), e.g. `next start`
   * under `node --cpu-prof`, which Node 20 refuses in NODE_OPTIONS. Skips npm start's
   * migrations, seeding and build: the database and .next must be ready.
   */
  command?: string[];
};

// Other people build the same checkout: `next build` refuses to run beside another, and a build
// that starts empties .next under a server that was about to start from it.
const BUILD_RACES = ["Another next build process is already running", "Could not find a production build"];

/**
 * startOnce(), again when it failed because another `next build` on the same checkout was
 * running or replaced .next: up to `busyRetries` times, 20 s apart.
 */
export async function startServer(options: StartOptions & { busyRetries?: number }): Promise<Server> {
  const retries = options.busyRetries ?? 30;
  for (let attempt = 0; ; attempt++) {
    const logFile = path.join(options.logDir, "server.log");
    const offset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    try {
      return await startOnce(options);
    } catch (error) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(offset) : "";
      const race = BUILD_RACES.find((m) => log.includes(m));
      if (!race || attempt >= retries) throw error;
      options.progress(`npm start failed: "${race}" (another next build on this checkout); trying again in 20 s`);
      await sleep(20_000);
    }
  }
}

async function startOnce({
  root,
  dbUrl,
  port,
  logDir,
  readyTimeoutMs = 20 * 60_000,
  progress,
  env: extraEnv = {},
  command = ["npm", "start"],
}: StartOptions): Promise<Server> {
  const host = "127.0.0.1";
  const base = `http://${host}:${port}`;
  if (await portInUse(base)) throw new Error(`something already answers on ${base}; stop it or pick another port`);
  const logFile = path.join(logDir, "server.log");
  const log = fs.openSync(logFile, "a");
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    cwd: root,
    detached: true, // a process group of its own, so stop() reaches next start and nothing else
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: host,
      DATABASE_URL: dbUrl,
      NEXTAUTH_URL: base,
      // A secret of the run's own, so that nothing is written under data/.
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      ...extraEnv,
    },
  });
  fs.closeSync(log);
  const pid = child.pid!;
  let exited: number | null | undefined;
  child.on("exit", (code) => (exited = code ?? -1));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const tree = [pid, ...descendants(pid)];
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    for (let waited = 0; waited < 15_000 && tree.some(alive); waited += 200) await sleep(200);
    const left = tree.filter(alive);
    if (left.length) {
      for (const p of left) {
        try {
          process.kill(p, "SIGKILL");
        } catch {
          /* gone meanwhile */
        }
      }
    }
  };
  const onExit = () => {
    // Last resort when the benchmark dies: no async waiting possible here.
    if (!stopped) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  };
  process.once("exit", onExit);

  const nextServerPid = () => {
    // npm start serves the app from its own node process (scripts/serve.ts), jobs included.
    const tree = [pid, ...descendants(pid)];
    return tree.find((p) => /^\S*node\b.*scripts\/start\.ts/.test(cmdline(p)));
  };

  const started = Date.now();
  let lastNote = 0;
  for (;;) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`npm start exited (code ${exited}) before it was ready; see ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - started > readyTimeoutMs) {
      await stop();
      throw new Error(`npm start was not ready within ${readyTimeoutMs / 1000} s; see ${logFile}:\n${tail(logFile)}`);
    }
    if (Date.now() - lastNote > 30_000) {
      lastNote = Date.now();
      progress(`waiting for ${base}/api/health (${Math.round((Date.now() - started) / 1000)} s; last log line: ${tail(logFile, 1).trim() || "-"})`);
    }
    await sleep(500);
  }
  progress(`server ready on ${base} after ${((Date.now() - started) / 1000).toFixed(1)} s (npm pid ${pid}, next-server pid ${nextServerPid() ?? "?"})`);
  return {
    base,
    pid,
    logFile,
    nextServerPid,
    stop: async () => {
      await stop();
      process.removeListener("exit", onExit);
    },
  };
}

export function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}
