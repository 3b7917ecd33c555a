// Background work on a schedule, for `npm start` and `npm run worker`. Every instance runs every
// job; what makes that safe lives in each job: settling is idempotent under the account lock,
// trackers and automated briefs are taken under row leases (lib/trackers/worker.ts,
// lib/briefs), outbox emails are claimed one by one (lib/notify/mailer.ts), and purges only
// delete. A job never overlaps itself in one process, and stop() waits for the runs in flight.

import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Clock } from "../clock";

/** This process among the instances sharing a database: who holds a row lease. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

export type Job = {
  name: string;
  everyMs: number;
  /** Run once at start instead of waiting a whole interval first. */
  runAtStart?: boolean;
  /** One run; `signal` is aborted when the jobs stop, so a long run can end between its steps. */
  run(now: Date, signal: AbortSignal): Promise<unknown>;
};

export type RunningJobs = {
  /** Stops scheduling and resolves when the runs in flight have finished. */
  stop(): Promise<void>;
};

export function startJobs(jobs: readonly Job[], { clock, log = console }: { clock: Clock; log?: Pick<Console, "error"> }): RunningJobs {
  let stopping = false;
  const stopped = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();

  const launch = (job: Job) => {
    const run = job
      .run(clock.now(), stopped.signal)
      .then(
        () => undefined,
        (error) => log.error(`${job.name} failed:`, error),
      )
      .finally(() => {
        inFlight.delete(run);
        schedule(job, job.everyMs);
      });
    inFlight.add(run);
  };
  const schedule = (job: Job, delayMs: number) => {
    if (stopping) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      launch(job);
    }, delayMs);
    timers.add(timer);
  };
  for (const job of jobs) {
    if (job.runAtStart) launch(job);
    else schedule(job, job.everyMs);
  }

  return {
    async stop() {
      stopping = true;
      stopped.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...inFlight]);
    },
  };
}

/** A duration from the environment in milliseconds, or the default. */
export function intervalFromEnv(name: string, fallbackMs: number, env: Record<string, string | undefined> = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallbackMs;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 10) throw new Error(`${name} must be a whole number of milliseconds, at least 10 (got "${raw}")`);
  return ms;
}
