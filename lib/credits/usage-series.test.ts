import { describe, expect, it } from "vitest";
import { addDays, daysBetween, mondayOnOrBefore } from "./calendar";
import { toUsageChartModel } from "./usage-chart";
import { bucketUsage, usageWindow } from "./usage-series";

const TODAY = "2026-11-25"; // a Wednesday

describe("usage windows", () => {
  it("shows the last 30 or 90 days by day, today included", () => {
    const w30 = usageWindow("30d", TODAY);
    expect(w30).toMatchObject({ granularity: "day", from: "2026-10-27", to: TODAY });
    expect(w30.bucketStarts).toHaveLength(30);
    expect(w30.bucketStarts.at(-1)).toBe(TODAY);
    const w90 = usageWindow("90d", TODAY);
    expect(w90.bucketStarts).toHaveLength(90);
    expect(daysBetween(w90.from, TODAY)).toBe(89);
  });

  it("shows twelve months as 52 weeks from Monday to Sunday, the current week last", () => {
    const w = usageWindow("12m", TODAY);
    expect(w.granularity).toBe("week");
    expect(w.bucketStarts).toHaveLength(52);
    expect(w.bucketStarts.at(-1)).toBe("2026-11-23");
    expect(w.bucketStarts.every((d) => mondayOnOrBefore(d) === d)).toBe(true);
    expect(w.from).toBe(addDays("2026-11-23", -51 * 7));
  });

  it("steps dates by the calendar across month, year and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-03-01", "2026-03-31")).toBe(30);
    expect(mondayOnOrBefore("2026-11-29")).toBe("2026-11-23"); // Sunday
    expect(mondayOnOrBefore("2026-11-23")).toBe("2026-11-23");
  });
});

describe("bucketing usage", () => {
  it("sums exact amounts per bucket and feature type, with empty buckets as zero", () => {
    const w = usageWindow("30d", TODAY);
    const series = bucketUsage(w, [
      { usageDate: TODAY, featureType: "mcp", creditsMilli: 100n },
      { usageDate: TODAY, featureType: "ai_tracker", creditsMilli: 200n },
      { usageDate: "2026-10-27", featureType: "ai_tracker", creditsMilli: 9_007_199_254_740_993n },
      { usageDate: "2026-10-26", featureType: "ai_tracker", creditsMilli: 5n }, // before the window
    ]);
    expect(series.buckets).toHaveLength(30);
    expect(series.buckets.at(-1)).toMatchObject({ start: TODAY, end: TODAY, totalMilli: 300n, byFeatureMilli: { mcp: 100n, ai_tracker: 200n } });
    expect(series.buckets[1]!.totalMilli).toBe(0n);
    expect(series.totalByFeatureMilli).toEqual({ ai_tracker: 9_007_199_254_740_993n + 200n, mcp: 100n });
    expect(series.totalMilli).toBe(9_007_199_254_740_993n + 300n);
    // Known feature types in their fixed order, whatever order the rows came in.
    expect(series.featureTypes).toEqual(["ai_tracker", "mcp"]);
  });

  it("puts each day in its week and ends the current week today", () => {
    const w = usageWindow("12m", TODAY);
    const series = bucketUsage(w, [
      { usageDate: "2026-11-23", featureType: "briefer_api", creditsMilli: 1n },
      { usageDate: TODAY, featureType: "briefer_api", creditsMilli: 2n },
      { usageDate: "2026-11-22", featureType: "briefer_api", creditsMilli: 4n },
      { usageDate: w.from, featureType: "something_new", creditsMilli: 8n },
    ]);
    expect(series.buckets.at(-1)).toMatchObject({ start: "2026-11-23", end: TODAY, totalMilli: 3n });
    expect(series.buckets.at(-2)).toMatchObject({ start: "2026-11-16", end: "2026-11-22", totalMilli: 4n });
    expect(series.buckets[0]!.totalMilli).toBe(8n);
    expect(series.featureTypes).toEqual(["briefer_api", "something_new"]);
  });

  it("makes a chart model whose text is formatted from bigints and labels from the feature type names", () => {
    const series = bucketUsage(usageWindow("30d", TODAY), [
      { usageDate: TODAY, featureType: "ask_anything_api", creditsMilli: 1_234_500n },
      { usageDate: TODAY, featureType: "ask_anything_api", creditsMilli: 300n },
    ]);
    const model = toUsageChartModel(series);
    expect(model.empty).toBe(false);
    expect(model.series).toEqual([{ key: "ask_anything_api", label: "Ask Anything API", totalText: "1,234.8" }]);
    const last = model.points.at(-1)!;
    expect(last).toMatchObject({
      label: "Nov 25",
      title: "Wed, Nov 25, 2026",
      totalText: "1,234.8",
      text: { ask_anything_api: "1,234.8" },
      plotMilli: { ask_anything_api: 1_234_800 },
    });
    expect(model.periodText).toBe("Oct 27, 2026 – Nov 25, 2026");
    expect(toUsageChartModel(bucketUsage(usageWindow("30d", TODAY), [])).empty).toBe(true);
    const weeks = toUsageChartModel(bucketUsage(usageWindow("12m", TODAY), []));
    expect(weeks.points.at(-1)!.title).toBe("Week of Nov 23, 2026 (through Nov 25)");
    expect(weeks.points.at(-2)!.title).toBe("Week of Nov 16, 2026");
  });
});
