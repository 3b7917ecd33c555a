// Calendar arithmetic on company-local dates ("YYYY-MM-DD"). Usage days are stored as local
// dates, so stepping through them is plain calendar arithmetic with no time zone: each date is
// read as a UTC midnight only to count and step days.

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcMidnight(date: string): number {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new TypeError(`expected a local date YYYY-MM-DD, got "${date}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The date `days` days after (or, negative, before) `date`. */
export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** The Monday of the week (Monday to Sunday) that contains `date`. */
export function mondayOnOrBefore(date: string): string {
  const weekday = new Date(utcMidnight(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

const SHORT = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
const MEDIUM = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" });
const WITH_WEEKDAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric", year: "numeric" });

/** "Nov 25" for a local date; the date is already the company's, so no zone is applied. */
export function formatShortDate(date: string): string {
  return SHORT.format(utcMidnight(date));
}

/** "Nov 25, 2026". */
export function formatMediumDate(date: string): string {
  return MEDIUM.format(utcMidnight(date));
}

/** "Wed, Nov 25, 2026". */
export function formatDateWithWeekday(date: string): string {
  return WITH_WEEKDAY.format(utcMidnight(date));
}
