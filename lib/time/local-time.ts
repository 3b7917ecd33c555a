// Wall-clock times in a company's time zone, as a datetime-local input shows them
// ("2026-03-10T09:30"), and the instants they stand for. Pure Intl, so the same code runs on the
// server (reading a form) and in the browser (filling its defaults).
//
// A wall-clock time that a daylight-saving change skips (02:30 on the spring-forward night in
// New York) is read as the same time of day after the change (03:30); one that happens twice
// (01:30 on the fall-back night) is read as the first of the two. This is what Temporal calls the
// "compatible" disambiguation, the choice calendars and browsers make.

export type LocalDateTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const PATTERN = /^([1-9]\d{3})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** "YYYY-MM-DDTHH:mm" (seconds optional), checked against the calendar; undefined otherwise. */
export function parseLocalDateTime(text: string): LocalDateTime | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const local = { year, month, day, hour, minute, second };
  if (local.month < 1 || local.month > 12 || local.hour > 23 || local.minute > 59 || local.second > 59) return undefined;
  // Date.UTC rolls 2026-02-30 over to March 2; a real date survives the round trip.
  if (new Date(wallClockMs(local)).getUTCDate() !== local.day) return undefined;
  return local;
}

/** The datetime-local value ("YYYY-MM-DDTHH:mm") of a wall-clock time; seconds are dropped. */
export function formatLocalDateTime(local: LocalDateTime): string {
  const p = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${p(local.year, 4)}-${p(local.month)}-${p(local.day)}T${p(local.hour)}:${p(local.minute)}`;
}

/** The instant a wall-clock time in `timeZone` stands for (see the module note on DST). */
export function zonedTimeToInstant(local: LocalDateTime | string, timeZone: string): Date {
  const parsed = typeof local === "string" ? parseLocalDateTime(local) : local;
  if (!parsed) throw new RangeError(`not a date and time: ${String(local)}`);
  const wall = wallClockMs(parsed);
  // Zones change their offset at most once in any two days, so the offsets a day either side
  // are the only ones this wall-clock time can have.
  const offsetBefore = offsetMs(wall - DAY, timeZone);
  const offsetAfter = offsetMs(wall + DAY, timeZone);
  if (offsetBefore === offsetAfter) return new Date(wall - offsetBefore);
  const matches = [wall - offsetBefore, wall - offsetAfter].filter((t) => wallClockMs(zonedParts(t, timeZone)) === wall);
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In a gap: keep the offset from before the change, which lands after it.
  return new Date(wall - offsetBefore);
}

/** The wall-clock time of an instant in `timeZone`. */
export function instantToZonedTime(at: Date, timeZone: string): LocalDateTime {
  return zonedParts(at.getTime(), timeZone);
}

/** The datetime-local value of an instant in `timeZone`, to the minute. */
export function instantToDateTimeLocal(at: Date, timeZone: string): string {
  return formatLocalDateTime(instantToZonedTime(at, timeZone));
}

/** "Mar 1, 2028, 12:00 AM EST": an instant for a sentence, in the company's zone. */
export function describeInstant(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}

export function isTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallClockMs(l: LocalDateTime): number {
  const d = new Date(Date.UTC(2000, l.month - 1, l.day, l.hour, l.minute, l.second));
  d.setUTCFullYear(l.year);
  return d.getTime();
}

/** How far the zone's wall clock is ahead of UTC at instant `t` (whole seconds). */
function offsetMs(t: number, timeZone: string): number {
  const wholeSecond = Math.floor(t / 1000) * 1000;
  return wallClockMs(zonedParts(wholeSecond, timeZone)) - wholeSecond;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // h23: midnight is 00, never 24 (what hour12: false gives in some engines).
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function zonedParts(t: number, timeZone: string): LocalDateTime {
  const out: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(t))) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}
