// Usage thresholds on the credits page (R-NOTIFY-1): which of 60, 80, 90, 95 and 100 percent of
// the total credits this period's usage has reached, by exact integer arithmetic (used × 100 ≥
// percent × total, the notifier's rule), with when each fired where the notifier recorded it
// (ThresholdState; it deletes a row when added credits re-arm the threshold).
import { THRESHOLDS } from "../notify/thresholds";

export const USAGE_THRESHOLDS = THRESHOLDS;
export type UsageThreshold = (typeof USAGE_THRESHOLDS)[number];

export type ThresholdFiring = { percent: number; firedAt: Date };

export type ThresholdView = {
  percent: UsageThreshold;
  passed: boolean;
  /** When the notification for it went out, if the notifier recorded one. */
  firedAt: Date | null;
};

export type ThresholdsView = {
  thresholds: ThresholdView[];
  /** Share used in tenths of a percent, rounded down (734 is 73.4%); null without credits. */
  usedTenthsOfPercent: bigint | null;
  /** The lowest threshold not yet reached, and the credits left to use before it is. */
  next: { percent: UsageThreshold; creditsToGoMilli: bigint } | null;
};

export function describeThresholds({
  usedMilli,
  totalMilli,
  firings,
}: {
  usedMilli: bigint;
  totalMilli: bigint;
  firings: readonly ThresholdFiring[];
}): ThresholdsView {
  if (usedMilli < 0n || totalMilli < 0n) throw new RangeError("usage and total must not be negative");
  const firedAt = new Map(firings.map((f) => [f.percent, f.firedAt]));
  const thresholds = USAGE_THRESHOLDS.map((percent) => ({
    percent,
    passed: totalMilli > 0n && usedMilli * 100n >= BigInt(percent) * totalMilli,
    firedAt: firedAt.get(percent) ?? null,
  }));
  if (totalMilli === 0n) return { thresholds, usedTenthsOfPercent: null, next: null };
  const upcoming = thresholds.find((t) => !t.passed);
  // The least usage that reaches p% is ceil(p × total / 100).
  const next = upcoming ? { percent: upcoming.percent, creditsToGoMilli: (BigInt(upcoming.percent) * totalMilli + 99n) / 100n - usedMilli } : null;
  return { thresholds, usedTenthsOfPercent: (usedMilli * 1000n) / totalMilli, next };
}

/** "73.4%" from tenths of a percent. */
export function formatTenthsOfPercent(tenths: bigint): string {
  const whole = tenths / 10n;
  const fraction = tenths % 10n;
  return `${whole}${fraction === 0n ? "" : `.${fraction}`}%`;
}
