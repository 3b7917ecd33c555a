// Runway (R-PLUS-1): at the average burn rate of the last 30 days, the date the balance reaches
// zero. Consumption draws from the grant that expires first (R-LEDGER-4) and what a grant still
// holds at its expiry is lost, so the forecast follows the grants in that order: a grant that
// expires before the burn reaches its end hands over at its expiry, and if the last grant
// expires with credits left, the credits expire before they run out.
//
// Exact: credits are bigint milli-credits, and time is kept as a fraction of days whose
// denominator is the credits used in the window, so no float enters. Only credits available
// now count; grants that start later (the next contract year's default credits) extend it.
import { addDays, daysBetween } from "./calendar";

export const BURN_WINDOW_DAYS = 30;

export type RunwayGrant = {
  remainingMilli: bigint;
  /** The last company-local date on which the grant can be used (its expiry is exclusive). */
  lastUsableDate: string;
};

export type RunwayInput = {
  /** Grants available now. */
  grants: readonly RunwayGrant[];
  /** Credits used in the `windowDays` days before today. */
  usedInWindowMilli: bigint;
  windowDays?: number;
  /** Today, company-local. */
  today: string;
};

export type Runway =
  | { kind: "no-credits" }
  | { kind: "no-usage"; windowDays: number }
  /** The balance reaches zero during `runsOutOn` (company-local). */
  | { kind: "runs-out"; runsOutOn: string; daysLeft: number; dailyBurnMilli: bigint; windowDays: number }
  /** The last grant expires, on `expiresAfter`'s end, with credits still on it. */
  | { kind: "expires-first"; expiresAfter: string; expiringMilli: bigint; dailyBurnMilli: bigint; windowDays: number };

export function computeRunway({ grants, usedInWindowMilli, windowDays = BURN_WINDOW_DAYS, today }: RunwayInput): Runway {
  if (!Number.isInteger(windowDays) || windowDays <= 0) throw new RangeError(`windowDays must be a whole number above zero, got ${windowDays}`);
  if (usedInWindowMilli < 0n) throw new RangeError("usedInWindowMilli must not be negative");
  const held = grants.filter((g) => g.remainingMilli > 0n);
  if (held.length === 0) return { kind: "no-credits" };
  if (usedInWindowMilli === 0n) return { kind: "no-usage", windowDays };

  const days = BigInt(windowDays);
  const rate = usedInWindowMilli; // burn per day is rate / days milli-credits
  // Time since the start of today, in days, is t / rate; a grant of R milli-credits lasts R × days / rate days.
  let t = 0n;
  let expiringMilli = 0n;
  const fefo = [...held].sort((a, b) => (a.lastUsableDate < b.lastUsableDate ? -1 : a.lastUsableDate > b.lastUsableDate ? 1 : 0));
  for (const grant of fefo) {
    const endOfLastDay = BigInt(daysBetween(today, grant.lastUsableDate) + 1) * rate;
    if (endOfLastDay <= 0n) throw new RangeError(`a grant available now cannot have expired (last usable ${grant.lastUsableDate}, today ${today})`);
    if (t >= endOfLastDay) {
      expiringMilli = grant.remainingMilli;
      continue;
    }
    const lasts = grant.remainingMilli * days;
    if (t + lasts <= endOfLastDay) {
      t += lasts;
      expiringMilli = 0n;
    } else {
      // Used until it expires; the rest is lost. Burnt in that time: (end - t) / days milli-credits.
      expiringMilli = grant.remainingMilli - (endOfLastDay - t) / days;
      t = endOfLastDay;
    }
  }
  const dailyBurnMilli = usedInWindowMilli / days;
  if (expiringMilli > 0n) return { kind: "expires-first", expiresAfter: fefo[fefo.length - 1]!.lastUsableDate, expiringMilli, dailyBurnMilli, windowDays };
  // Zero is reached at time t / rate days; it falls in the day that ends at or after it.
  const daysLeft = Number((t + rate - 1n) / rate) - 1;
  return { kind: "runs-out", runsOutOn: addDays(today, daysLeft), daysLeft, dailyBurnMilli, windowDays };
}
