// Calendar dates and report times in a company's time zone, on the conversions of
// local-time.ts: local midnight as an instant, the next date, and the CSV's text forms.
import { instantToZonedTime, type LocalDateTime, zonedTimeToInstant } from "./local-time";

type Wall = LocalDateTime;

/** The wall-clock time of an instant in the zone. */
export function wallTime(at: Date, timeZone: string): Wall {
  return instantToZonedTime(at, timeZone);
}

/**
 * The instant at which the zone's clocks show this wall time. A time in a spring-forward gap
 * (one that never happens) is moved forward by the gap, so a day that starts at 01:00 starts
 * there; in a fall-back overlap it is the first of the two instants (Temporal's "compatible").
 */
export function zonedTimeToUtc(w: Omit<Wall, "second"> & { second?: number }, timeZone: string): Date {
  return zonedTimeToInstant({ ...w, second: w.second ?? 0 }, timeZone);
}

/** Midnight starting this local date (YYYY-MM-DD) in the zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return zonedTimeToUtc({ year, month, day, hour: 0, minute: 0 }, timeZone);
}

/** The local date after this one (YYYY-MM-DD), by the calendar. */
export function nextLocalDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DD HH:mm:ss" in the zone. */
export function formatLocalDateTime(at: Date, timeZone: string): string {
  const w = wallTime(at, timeZone);
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
