// The background work of a serving process: the ledger job, automated briefs, the tracker worker,
// the email outbox and the purges, all on the process's one database handle. Started with the
// server (instrumentation.ts, when npm start serves the app) and stopped by it on SIGTERM
// (scripts/serve.ts, through lib/jobs/handles.ts). Every instance runs all of it; what keeps an
// item from being done twice is each job's own (see lib/jobs/index.ts).
import { purgeIdempotencyRecords } from "../api/idempotency";
import { purgeSignInThrottles } from "../auth/throttle";
import { settleDueAccounts } from "../billing";
import { runAutomatedBriefs } from "../briefs";
import { systemClock } from "../clock";
import type { Database } from "../db";
import { purgeIdleMcpSessions } from "../mcp/sessions";
import { DELIVERY_INTERVAL_MS, startOutboxDelivery } from "../notify/mailer";
import { processTrackers } from "../trackers";
import { intervalFromEnv, type Job, type RunningJobs, startJobs } from "./index";

/**
 * How often the ledger job runs by default. With holds expiring HOLD_TTL_MS after they are
 * placed, a dead process's hold is released within HOLD_TTL_MS + this: 10 minutes (R-HOLD-1).
 */
export const LEDGER_JOB_EVERY_MS = 60_000;

function jobsOf(db: Database, env: Record<string, string | undefined>): Job[] {
  const minute = 60_000;
  const jobs: Job[] = [
    { name: "ledger job", everyMs: intervalFromEnv("LEDGER_JOB_INTERVAL_MS", LEDGER_JOB_EVERY_MS, env), run: (now) => settleDueAccounts(db.sql, now) },
    { name: "automated briefs", everyMs: intervalFromEnv("BRIEFS_JOB_INTERVAL_MS", minute, env), run: (now) => runAutomatedBriefs(db, now) },
    { name: "idempotency purge", everyMs: 60 * minute, run: (now) => purgeIdempotencyRecords(db.sql, now) },
    { name: "sign-in throttle purge", everyMs: 60 * minute, run: (now) => purgeSignInThrottles(db.sql, now) },
    { name: "MCP session purge", everyMs: 10 * minute, run: (now) => purgeIdleMcpSessions(db.sql, now) },
  ];
  if (env.TRACKER_WORKER !== "off") {
    jobs.push({
      name: "tracker worker",
      everyMs: intervalFromEnv("TRACKER_WORKER_INTERVAL_MS", 10_000, env),
      run: (now, signal) => processTrackers(db, { now, signal }),
    });
  }
  return jobs;
}

/** Starts every job; an invalid SMTP_URL or interval throws here, at start. */
export function startBackgroundJobs(db: Database, env: Record<string, string | undefined> = process.env): RunningJobs {
  // Sends the outbox every 15 s, or keeps it when SMTP_URL is not set.
  const mail = startOutboxDelivery(db, { intervalMs: intervalFromEnv("OUTBOX_INTERVAL_MS", DELIVERY_INTERVAL_MS, env), env });
  const jobs = startJobs(jobsOf(db, env), { clock: systemClock });
  return {
    async stop() {
      await Promise.all([jobs.stop(), mail.stop()]);
    },
  };
}
