// The runway for the page: the last 30 whole days' usage from the per-day totals, and the
// grants the balance counts (started, not expired), in the company's calendar.
import type { GrantView } from "../ledger/balance";
import type { SqlReader } from "../sql";
import { formatLocalDate } from "../time/zoned";
import { addDays } from "./calendar";
import { sumUsageBetween } from "./queries";
import { BURN_WINDOW_DAYS, computeRunway, type Runway } from "./runway";

type Input = { companyId: string; timeZone: string; now: Date; grants: readonly GrantView[] };

export async function readRunway(sql: SqlReader, { companyId, timeZone, now, grants }: Input): Promise<Runway> {
  const today = formatLocalDate(now, timeZone);
  // Whole days only: today is not over, and would pull the average down.
  const usedInWindowMilli = await sumUsageBetween(sql, { companyId, from: addDays(today, -BURN_WINDOW_DAYS), to: addDays(today, -1) });
  return computeRunway({
    // The grants getCreditSummary counts. Expiry is exclusive: a grant's last usable day is the
    // local date of the instant before it.
    grants: grants
      .filter((g) => g.availableFrom <= now)
      .map((g) => ({ remainingMilli: g.remainingMilli, lastUsableDate: formatLocalDate(new Date(g.expiresAt.getTime() - 1), timeZone) })),
    usedInWindowMilli,
    today,
  });
}
