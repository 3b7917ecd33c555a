// A report's date range: two calendar dates (YYYY-MM-DD) read in the company's time zone, both
// included, so the instants covered are [from 00:00, the day after `to` 00:00). A reversed,
// impossible or over-long range is refused, never swapped or trimmed.
import { AppError } from "../errors";
import { nextLocalDate, startOfLocalDay } from "../time/zoned";

export const MAX_RANGE_DAYS = 366;

export type ReportRange = { from: string; to: string; startsAt: Date; endsBefore: Date; days: number };

function checkDate(value: unknown, field: "from" | "to", label: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new AppError("invalid_request", `Choose a "${label}" date.`, { field });
  const text = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new AppError("invalid_request", `"${label}" must be a date written YYYY-MM-DD (got "${text.slice(0, 40)}").`, { field });
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 2000 || year > 2999 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new AppError("invalid_request", `"${label}" is not a real date: ${text}.`, { field });
  }
  return text;
}

export function parseReportRange(input: { from?: unknown; to?: unknown }, timeZone: string): ReportRange {
  const from = checkDate(input.from, "from", "From");
  const to = checkDate(input.to, "to", "To");
  if (to < from)
    throw new AppError("invalid_request", `"To" (${to}) is before "From" (${from}): choose a "To" date on or after the "From" date.`, { field: "to" });
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw new AppError("too_large", `A report covers at most ${MAX_RANGE_DAYS} days; this range is ${days} days. Choose a shorter range.`, {
      field: "to",
    });
  }
  return { from, to, startsAt: startOfLocalDay(from, timeZone), endsBefore: startOfLocalDay(nextLocalDate(to), timeZone), days };
}
