"use client";
// A stacked bar chart (recharts): one bar per point, one segment per series. The bars are drawn
// from numbers, but every figure a person reads (tooltip, axis) comes from text or a formatter
// the caller supplies, so a caller with exact amounts keeps them exact. The drawing is hidden
// from assistive technology; the caller gives the same data as text (a table or a summary).
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

export type StackedBarSeries = { key: string; label: string; color: string };

export type StackedBarPoint = {
  key: string;
  /** On the axis. */
  label: string;
  /** At the top of the tooltip. */
  title: string;
  /** Bar heights per series key. */
  plot: Record<string, number>;
  /** What the tooltip shows per series key. */
  text: Record<string, string>;
  totalText: string;
};

type Props = {
  points: StackedBarPoint[];
  series: StackedBarSeries[];
  /** Formats a value-axis tick. */
  formatTick: (value: number) => string;
  /** A word after each tooltip figure ("credits"). */
  unit?: string;
  height?: number;
};

export function StackedBarChart({ points, series, formatTick, unit, height = 280 }: Props) {
  const ticks = niceTicks(Math.max(0, ...points.map((p) => series.reduce((sum, s) => sum + (p.plot[s.key] ?? 0), 0))));
  return (
    <div aria-hidden="true" style={{ height }} className="w-full">
      <BarChart
        responsive
        data={points}
        style={{ width: "100%", height }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        barCategoryGap={points.length > 60 ? 1 : "20%"}
        // The data table beside the chart is the accessible form; the drawing takes no focus.
        accessibilityLayer={false}
      >
        <CartesianGrid vertical={false} stroke="#e5e5e5" />
        <XAxis
          dataKey="label"
          tickLine={false}
          axisLine={{ stroke: "#d4d4d4" }}
          tick={{ fontSize: 12, fill: "#525252" }}
          minTickGap={16}
          interval="preserveStartEnd"
        />
        <YAxis
          ticks={ticks}
          domain={[0, ticks[ticks.length - 1]!]}
          tickFormatter={formatTick}
          tickLine={false}
          axisLine={false}
          tick={{ fontSize: 12, fill: "#525252" }}
          width={64}
        />
        <Tooltip
          cursor={{ fill: "#f5f5f5" }}
          content={({ active, payload }) => (
            <ChartTooltip active={active} point={payload?.[0]?.payload as StackedBarPoint | undefined} series={series} unit={unit} />
          )}
          isAnimationActive={false}
        />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={(p: StackedBarPoint) => p.plot[s.key] ?? 0}
            name={s.label}
            stackId="total"
            fill={s.color}
            isAnimationActive={false}
            radius={i === series.length - 1 ? [2, 2, 0, 0] : 0}
          />
        ))}
      </BarChart>
    </div>
  );
}

/**
 * Round value-axis ticks from 0 to at least `max`: about four steps of 1, 2, 2.5 or 5 times a
 * power of ten, whole numbers only (a caller plotting integers gets integer ticks).
 */
function niceTicks(max: number, steps = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / steps;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough && Number.isInteger(s)) ?? 10 * power);
  const ticks = [0];
  while (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

function ChartTooltip({
  active,
  point,
  series,
  unit,
}: {
  active: boolean;
  point: StackedBarPoint | undefined;
  series: StackedBarSeries[];
  unit?: string;
}): ReactNode {
  if (!active || !point) return null;
  const suffix = unit ? ` ${unit}` : "";
  return (
    <div className="min-w-48 rounded-md border border-neutral-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="font-semibold text-neutral-900">{point.title}</p>
      <ul className="mt-1.5 space-y-1">
        {series
          .filter((s) => (point.plot[s.key] ?? 0) > 0)
          .map((s) => (
            <li key={s.key} className="flex items-center justify-between gap-4">
              <span className="flex items-center gap-1.5 text-neutral-700">
                <span className="size-2.5 rounded-sm" style={{ backgroundColor: s.color }} />
                {s.label}
              </span>
              <span className="text-neutral-900 tabular-nums">{point.text[s.key]}</span>
            </li>
          ))}
      </ul>
      <p className="mt-1.5 flex justify-between gap-4 border-t border-neutral-200 pt-1.5 font-medium text-neutral-900">
        <span>Total</span>
        <span className="tabular-nums">
          {point.totalText}
          {suffix}
        </span>
      </p>
    </div>
  );
}
