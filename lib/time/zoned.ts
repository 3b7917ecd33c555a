// Calendar dates and report times in a company's time zone, on the conversions of
// local-time.ts: local midnight as an instant, the next date, and the CSV's text forms.
import { instantToZonedTime, zonedTimeToInstant } from "./local-time";

/**
 * Midnight starting this local date (YYYY-MM-DD) in the zone. On a day whose midnight falls in a
 * spring-forward gap, the day starts when the clocks resume (zonedTimeToInstant).
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return zonedTimeToInstant({ year, month, day, hour: 0, minute: 0, second: 0 }, timeZone);
}

/** The local date after this one (YYYY-MM-DD), by the calendar. */
export function nextLocalDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DD HH:mm:ss" in the zone. */
export function formatLocalDateTime(at: Date, timeZone: string): string {
  const w = instantToZonedTime(at, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
/** Per zone, the last local day asked for: the instants it starts and ends, and its date. */
const lastDays = new Map<string, { startMs: number; endMs: number; date: string }>();

/**
 * "YYYY-MM-DD" in the zone (en-CA writes dates that way). On the charge path, so the last day
 * asked for in each zone is kept with its bounds, and an instant inside it costs a comparison.
 */
export function formatLocalDate(at: Date, timeZone: string): string {
  const ms = at.getTime();
  const day = lastDays.get(timeZone);
  if (day && ms >= day.startMs && ms < day.endMs) return day.date;
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(timeZone, f);
  }
  const date = f.format(at);
  const startMs = startOfLocalDay(date, timeZone).getTime();
  const endMs = startOfLocalDay(nextLocalDate(date), timeZone).getTime();
  // A day whose bounds do not hold the instant (a zone's own oddities) is not kept.
  if (ms >= startMs && ms < endMs) lastDays.set(timeZone, { startMs, endMs, date });
  return date;
}
