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

/** "YYYY-MM-DD" in the zone (en-CA writes dates that way); on the charge path, so cached. */
export function formatLocalDate(at: Date, timeZone: string): string {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(timeZone, f);
  }
  return f.format(at);
}
