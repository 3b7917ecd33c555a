// Usage over time (R-PAGE-2): credits used per day, or per week over twelve months, by feature
// type, from the per-day totals (UsageScopeDay's feature scopes). Every bucket of the window is present, zero
// when nothing was used, so the chart's axis has no gaps. Sums stay bigint milli-credits.
import { FEATURE_TYPES } from "../ledger/types";
import { addDays, daysBetween, mondayOnOrBefore } from "./calendar";

export const USAGE_RANGES = ["30d", "90d", "12m"] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

export const USAGE_RANGE_LABELS: Record<UsageRange, string> = { "30d": "30 days", "90d": "90 days", "12m": "12 months" };

export type UsageWindow = {
  range: UsageRange;
  granularity: "day" | "week";
  /** First local date read, included. */
  from: string;
  /** Last local date read, included: today. */
  to: string;
  /** The first local date of each bucket, oldest first. */
  bucketStarts: string[];
};

const WEEKS_IN_YEAR_VIEW = 52;

/** The buckets a range shows, ending with today (a company-local date). */
export function usageWindow(range: UsageRange, today: string): UsageWindow {
  if (range === "12m") {
    // Whole weeks, Monday to Sunday; the current week is the last bucket and holds today so far.
    const from = addDays(mondayOnOrBefore(today), -7 * (WEEKS_IN_YEAR_VIEW - 1));
    return { range, granularity: "week", from, to: today, bucketStarts: Array.from({ length: WEEKS_IN_YEAR_VIEW }, (_, i) => addDays(from, 7 * i)) };
  }
  const days = range === "30d" ? 30 : 90;
  const from = addDays(today, -(days - 1));
  return { range, granularity: "day", from, to: today, bucketStarts: Array.from({ length: days }, (_, i) => addDays(from, i)) };
}

export type UsageDayRow = { usageDate: string; featureType: string; creditsMilli: bigint };

export type UsageBucket = {
  start: string;
  /** Last local date of the bucket, included (for a week, at most today). */
  end: string;
  byFeatureMilli: Record<string, bigint>;
  totalMilli: bigint;
};

export type UsageSeries = {
  window: UsageWindow;
  buckets: UsageBucket[];
  /** Feature types with usage in the window: the known ones in their fixed order, then any others. */
  featureTypes: string[];
  totalByFeatureMilli: Record<string, bigint>;
  totalMilli: bigint;
};

/** Sums day rows into the window's buckets; rows outside the window are ignored. */
export function bucketUsage(window: UsageWindow, rows: readonly UsageDayRow[]): UsageSeries {
  const step = window.granularity === "week" ? 7 : 1;
  const buckets: UsageBucket[] = window.bucketStarts.map((start) => {
    const end = addDays(start, step - 1);
    return { start, end: end > window.to ? window.to : end, byFeatureMilli: {}, totalMilli: 0n };
  });
  const totalByFeatureMilli: Record<string, bigint> = {};
  let totalMilli = 0n;
  for (const row of rows) {
    if (row.usageDate < window.from || row.usageDate > window.to) continue;
    const bucket = buckets[Math.floor(daysBetween(window.from, row.usageDate) / step)];
    if (!bucket) continue;
    bucket.byFeatureMilli[row.featureType] = (bucket.byFeatureMilli[row.featureType] ?? 0n) + row.creditsMilli;
    bucket.totalMilli += row.creditsMilli;
    totalByFeatureMilli[row.featureType] = (totalByFeatureMilli[row.featureType] ?? 0n) + row.creditsMilli;
    totalMilli += row.creditsMilli;
  }
  const known: readonly string[] = FEATURE_TYPES;
  const featureTypes = [
    ...FEATURE_TYPES.filter((t) => totalByFeatureMilli[t] !== undefined),
    ...Object.keys(totalByFeatureMilli)
      .filter((t) => !known.includes(t))
      .sort(),
  ];
  return { window, buckets, featureTypes, totalByFeatureMilli, totalMilli };
}
