// A small in-process HTTP load generator: N workers, each sending its next request as soon as its
// previous answer has been read to the end, over keep-alive connections (node:http's Agent,
// one socket per worker), until a total count is sent or a time cap passes. Answers latency
// percentiles, status counts and the errors a check found. node:http rather than fetch: the
// generator runs on the same machine as the server (2 cores here), so its own CPU cost matters,
// and Node 20's fetch costs more per request (undici is not installed as a package of its own).
// CPU time of other processes over a run comes from /proc/<pid>/stat (utime + stime).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";

export type LoadRequest = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };
/** An error message when the answer is wrong, else undefined. Called for every answer. */
export type Check = (status: number, body: string, i: number) => string | undefined;

export type LoadOptions = {
  base: string;
  total: number;
  concurrency: number;
  /** Stop sending new requests after this long; requests in flight finish. */
  timeCapMs: number;
  /** A single request's deadline; past it the request counts as an error. */
  timeoutMs?: number;
  request: (i: number) => LoadRequest;
  check?: Check;
};

export type LoadResult = {
  planned: number;
  /** Requests sent and finished (answered or failed). */
  requests: number;
  concurrency: number;
  seconds: number;
  /** Answers with status 2xx that passed the check. */
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  errorSamples: string[];
  cappedByTime: boolean;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** This process's CPU time over the run (user + system), seconds. */
  clientCpuSeconds: number;
};

const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

function send(agent: http.Agent, url: URL, req: LoadRequest, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers["content-length"] = Buffer.byteLength(req.body);
    const r = http.request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    r.on("error", reject);
    r.end(req.body);
  });
}

export async function runLoad({ base, total, concurrency, timeCapMs, timeoutMs = 30_000, request, check }: LoadOptions): Promise<LoadResult> {
  const url = new URL(base);
  if (url.hostname !== "127.0.0.1") throw new Error(`the load generator targets 127.0.0.1 only (got ${url.hostname})`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = new Float64Array(total);
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let answered = 0;
  let finished = 0;
  let ok = 0;
  let errors = 0;
  let next = 0;
  const noteError = (message: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(message);
  };
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const deadline = Date.now() + timeCapMs;
  const worker = async () => {
    while (next < total && Date.now() < deadline) {
      const i = next++;
      const req = request(i);
      const t0 = process.hrtime.bigint();
      try {
        const { status, body } = await send(agent, url, req, timeoutMs);
        latencies[answered++] = elapsedMs(t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        const problem = status < 200 || status > 299 ? `${req.method} ${req.path} #${i}: ${status} ${body.slice(0, 200)}` : check?.(status, body, i);
        if (problem) noteError(problem);
        else ok++;
      } catch (error) {
        statuses.network = (statuses.network ?? 0) + 1;
        noteError(`${req.method} ${req.path} #${i}: ${error instanceof Error ? error.message : String(error)}`);
      }
      finished++;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  const seconds = elapsedMs(start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const sorted = latencies.slice(0, answered).sort();
  return {
    planned: total,
    requests: finished,
    concurrency,
    seconds,
    ok,
    errors,
    statuses,
    errorSamples,
    cappedByTime: finished < total,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1]! : NaN,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

export type FixedRateOptions = {
  base: string;
  /** Requests a second, sent on schedule whatever the answers do (an open loop). */
  ratePerSecond: number;
  durationMs: number;
  /** Most connections open at once; a request that finds none free waits, and its wait counts. */
  maxSockets?: number;
  timeoutMs?: number;
  request: (i: number) => LoadRequest;
  check?: Check;
};

/** Each answered request's due time (ms after the run's start) and latency, in the order answered. */
export type Timeline = { dueMs: Float64Array; latencyMs: Float64Array };

export type FixedRateResult = Omit<LoadResult, "concurrency" | "cappedByTime"> & {
  ratePerSecond: number;
  achievedPerSecond: number;
  lateSends: number;
  timeline: Timeline;
};

/** A stretch of the run in which requests answered slowly. */
export type SlowWindow = { startMs: number; slow: number; maxMs: number };

/**
 * The windows of `windowMs` (by due time) holding requests slower than `overMs`, in time order:
 * where a p99 comes from, a steady slowness or a few stalls.
 */
export function slowWindows({ dueMs, latencyMs }: Timeline, windowMs: number, overMs: number): SlowWindow[] {
  const windows = new Map<number, SlowWindow>();
  for (let i = 0; i < dueMs.length; i++) {
    if (latencyMs[i]! <= overMs) continue;
    const startMs = Math.floor(dueMs[i]! / windowMs) * windowMs;
    const w = windows.get(startMs) ?? { startMs, slow: 0, maxMs: 0 };
    w.slow += 1;
    w.maxMs = Math.max(w.maxMs, latencyMs[i]!);
    windows.set(startMs, w);
  }
  return [...windows.values()].sort((a, b) => a.startMs - b.startMs);
}

/**
 * An open loop: request i is due at start + i / rate and is sent then, whether or not earlier ones
 * were answered; its latency counts from when it was due, so a stall of the server (or of this
 * generator) shows in every request it delays instead of hiding in a slower sending rate.
 */
export async function runFixedRate({
  base,
  ratePerSecond,
  durationMs,
  maxSockets = 256,
  timeoutMs = 30_000,
  request,
  check,
}: FixedRateOptions): Promise<FixedRateResult> {
  const url = new URL(base);
  if (url.hostname !== "127.0.0.1") throw new Error(`the load generator targets 127.0.0.1 only (got ${url.hostname})`);
  const total = Math.floor((ratePerSecond * durationMs) / 1000);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const latencies = new Float64Array(total);
  const dues = new Float64Array(total);
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let answered = 0;
  let ok = 0;
  let errors = 0;
  let lateSends = 0;
  const noteError = (message: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(message);
  };
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const intervalNs = 1e9 / ratePerSecond;
  const inFlight: Promise<void>[] = [];
  const one = async (i: number, due: bigint) => {
    const req = request(i);
    try {
      const { status, body } = await send(agent, url, req, timeoutMs);
      dues[answered] = Number(due - start) / 1e6;
      latencies[answered++] = Number(process.hrtime.bigint() - due) / 1e6;
      statuses[status] = (statuses[status] ?? 0) + 1;
      const problem = status < 200 || status > 299 ? `${req.method} ${req.path} #${i}: ${status} ${body.slice(0, 200)}` : check?.(status, body, i);
      if (problem) noteError(problem);
      else ok++;
    } catch (error) {
      statuses.network = (statuses.network ?? 0) + 1;
      noteError(`${req.method} ${req.path} #${i}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  try {
    for (let i = 0; i < total; i++) {
      const due = start + BigInt(Math.round(i * intervalNs));
      const waitMs = Number(due - process.hrtime.bigint()) / 1e6;
      if (waitMs > 1) await new Promise((resolve) => setTimeout(resolve, waitMs));
      else if (waitMs < -5) lateSends++;
      inFlight.push(one(i, due));
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  const seconds = elapsedMs(start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const sorted = latencies.slice(0, answered).sort();
  return {
    planned: total,
    requests: total,
    seconds,
    ok,
    errors,
    statuses,
    errorSamples,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1]! : NaN,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    ratePerSecond,
    achievedPerSecond: total / seconds,
    lateSends,
    timeline: { dueMs: dues.slice(0, answered), latencyMs: latencies.slice(0, answered) },
  };
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
    ticksPerSecond = Number(r.stdout?.trim()) || 100;
  }
  return ticksPerSecond;
}

/** utime + stime of a process in seconds, or undefined when it is gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After "pid (comm) ": state is fields[0], utime fields[11], stime fields[12].
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds a set of processes spent between snapshot() and the returned function's call;
 * `pids` is asked again at the end, so processes started meanwhile count from zero.
 */
export function cpuMeter(pids: () => number[]): () => number {
  const before = new Map<number, number>();
  for (const pid of pids()) {
    const s = cpuSecondsOf(pid);
    if (s !== undefined) before.set(pid, s);
  }
  return () => {
    let total = 0;
    for (const pid of new Set([...pids(), ...before.keys()])) {
      const now = cpuSecondsOf(pid);
      if (now !== undefined) total += now - (before.get(pid) ?? 0);
    }
    return total;
  };
}
