// Crash points for fault-injection tests: a test process started with LEDGER_CRASH_AT=<point>
// kills itself with SIGKILL when a charge reaches that point, in the middle of its transaction,
// so the tests can show that a process dying anywhere in a charge leaves the ledger unchanged.
// Read once at start; outside those tests it is unset and every check is one comparison.

export type CrashPoint = "before-usage-rollup" | "after-first-grant-update" | "before-account-update";

const armed = process.env.LEDGER_CRASH_AT as CrashPoint | undefined;

export function crashPoint(point: CrashPoint): void {
  if (armed === point) process.kill(process.pid, "SIGKILL");
}
