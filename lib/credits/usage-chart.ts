// The usage series as the chart and its text alternative take it: plain data that can cross to
// the browser. Every figure a person reads is formatted here from bigints; `plotMilli` holds
// the same amounts as numbers only to size the bars (a day's milli-credits are far below 2^53).
import { formatCreditsGrouped } from "../credits/amount";
import type { FeatureType } from "../ledger/types";
import { FEATURE_TYPE_LABELS } from "../reports/definitions";
import { daysBetween, formatDateWithWeekday, formatMediumDate, formatShortDate } from "./calendar";
import type { UsageSeries } from "./usage-series";

export type UsageChartPoint = {
  key: string;
  /** Axis label: "Nov 25". */
  label: string;
  /** Tooltip and table label: "Wed, Nov 25, 2026" or "Week of Nov 23, 2026". */
  title: string;
  plotMilli: Record<string, number>;
  text: Record<string, string>;
  totalText: string;
};

export type UsageChartModel = {
  granularity: "day" | "week";
  /** "Nov 1, 2026 – Nov 30, 2026". */
  periodText: string;
  series: Array<{ key: string; label: string; totalText: string }>;
  points: UsageChartPoint[];
  totalText: string;
  empty: boolean;
};

export function featureTypeLabel(featureType: string): string {
  return FEATURE_TYPE_LABELS[featureType as FeatureType] ?? featureType;
}

// The current week is shown so far, and says so.
function weekTitle(start: string, end: string): string {
  const title = `Week of ${formatMediumDate(start)}`;
  return daysBetween(start, end) < 6 ? `${title} (through ${formatShortDate(end)})` : title;
}

export function toUsageChartModel(usage: UsageSeries): UsageChartModel {
  const { window } = usage;
  return {
    granularity: window.granularity,
    periodText: `${formatMediumDate(window.from)} – ${formatMediumDate(window.to)}`,
    series: usage.featureTypes.map((key) => ({ key, label: featureTypeLabel(key), totalText: formatCreditsGrouped(usage.totalByFeatureMilli[key] ?? 0n) })),
    points: usage.buckets.map((bucket) => {
      const plotMilli: Record<string, number> = {};
      const text: Record<string, string> = {};
      for (const key of usage.featureTypes) {
        const milli = bucket.byFeatureMilli[key] ?? 0n;
        plotMilli[key] = Number(milli);
        text[key] = formatCreditsGrouped(milli);
      }
      return {
        key: bucket.start,
        label: formatShortDate(bucket.start),
        title: window.granularity === "day" ? formatDateWithWeekday(bucket.start) : weekTitle(bucket.start, bucket.end),
        plotMilli,
        text,
        totalText: formatCreditsGrouped(bucket.totalMilli),
      };
    }),
    totalText: formatCreditsGrouped(usage.totalMilli),
    empty: usage.totalMilli === 0n,
  };
}
