// Contract years: the term starts a year, and each anniversary of the term's start starts the
// next, until the term ends. Default credits are issued per contract year (R-LEDGER-2).
//
// An anniversary is the same local wall time on the same calendar date, in the company's time
// zone: a term that starts at local midnight has every year start at local midnight, whatever
// daylight saving does in between (adding 365 or 366 days of UTC would land an hour off).
// Two calendar cases need a rule:
// - A term that starts on February 29 has its anniversary on February 28 in a year without one
//   (the last day of February, as Temporal, date-fns and PostgreSQL's `+ interval '1 year'`
//   clamp it), and on February 29 again in leap years: every year is counted from the term's
//   start, never from the previous anniversary, so the date does not drift to the 28th.
// - A wall time the zone skips on the anniversary (a spring-forward gap) is moved forward by the
//   length of the gap (02:30 becomes 03:30; a midnight that does not happen becomes 01:00, the
//   first instant of that date), and a wall time that happens twice (a fall-back overlap) is the
//   first of the two instants. This is lib/time's rule (Temporal's "compatible"), the same one the
//   rest of the app uses to read local times.
import { instantToZonedTime, zonedTimeToInstant } from "../time/local-time";

export type ContractTerm = { termStartsAt: Date; termEndsAt: Date; timeZone: string };

const anniversaries = new Map<string, Date>();
const ANNIVERSARY_CACHE_SIZE = 1_000;

/** The instant `years` contract years after the term's start (see the module note). */
export function contractAnniversary(term: Pick<ContractTerm, "termStartsAt" | "timeZone">, years: number): Date {
  if (years === 0) return term.termStartsAt;
  // Settling asks for the same few boundaries on every ledger write; Intl is slow enough that
  // recomputing them would show on the charge path.
  const key = `${term.termStartsAt.getTime()}|${term.timeZone}|${years}`;
  const cached = anniversaries.get(key);
  if (cached) return cached;
  const wall = instantToZonedTime(term.termStartsAt, term.timeZone);
  const year = wall.year + years;
  const day = wall.month === 2 && wall.day === 29 && !isLeapYear(year) ? 28 : wall.day;
  // Wall times are whole seconds; the start's milliseconds carry over unchanged.
  const subSecondMs = ((term.termStartsAt.getTime() % 1000) + 1000) % 1000;
  const at = new Date(zonedTimeToInstant({ ...wall, year, day }, term.timeZone).getTime() + subSecondMs);
  if (anniversaries.size >= ANNIVERSARY_CACHE_SIZE) anniversaries.clear();
  anniversaries.set(key, at);
  return at;
}

/** The contract year (0-based) containing `at`, or undefined outside the term. */
export function contractYearAt(term: ContractTerm, at: Date): number | undefined {
  if (at < term.termStartsAt || at >= term.termEndsAt) return undefined;
  // A guess from the UTC years, then corrected both ways (local dates are within a day of UTC).
  let year = Math.max(0, at.getUTCFullYear() - term.termStartsAt.getUTCFullYear() - 1);
  while (year > 0 && contractAnniversary(term, year) > at) year--;
  while (contractAnniversary(term, year + 1) <= at) year++;
  return year;
}

/** [start, end) of a contract year; the last year ends with the term. */
export function contractYearBounds(term: ContractTerm, year: number): { start: Date; end: Date } {
  const start = contractAnniversary(term, year);
  const next = contractAnniversary(term, year + 1);
  return { start, end: next < term.termEndsAt ? next : term.termEndsAt };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
