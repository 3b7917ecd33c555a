// Wall-clock times in a company's time zone, converted exactly with Intl (no library): the
// instant a local date and time names, and the local date and time of an instant.

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

export function wallTime(at: Date, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(at)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at `at`, in ms (New York in winter: -5 h). */
function offsetMs(at: Date, timeZone: string): number {
  const w = wallTime(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which the zone's clocks show this wall time. A time in a spring-forward gap
 * (one that never happens) is moved forward by the gap, so a day that starts at 01:00 starts
 * there; in a fall-back overlap it is the first of the two instants (Temporal's "compatible").
 */
export function zonedTimeToUtc(w: Omit<Wall, "second"> & { second?: number }, timeZone: string): Date {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  const first = guess - offsetMs(new Date(guess), timeZone);
  const second = guess - offsetMs(new Date(first), timeZone);
  if (first === second) return new Date(first);
  // Overlap: the earlier candidate that shows the wanted time. Gap: neither shows it; the later
  // candidate is the wanted time moved forward by the gap.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  for (const c of candidates) {
    const shown = wallTime(new Date(c), timeZone);
    if (shown.hour === w.hour && shown.minute === w.minute && shown.day === w.day) return new Date(c);
  }
  return new Date(candidates[1]!);
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

/** "YYYY-MM-DD" in the zone. */
export function formatLocalDate(at: Date, timeZone: string): string {
  return formatLocalDateTime(at, timeZone).slice(0, 10);
}
