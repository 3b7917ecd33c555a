"use client";
import { useQueryState } from "nuqs";
// Usage over time by feature type (R-PAGE-2): the range switch, the stacked bars, a legend with
// each feature's total, and the same figures as a table for screen readers. With a team chosen
// (when the company has teams), that team's total per day instead. Range and team live in the
// URL; changing either asks the server for the new data (shallow: false) and dims the chart
// until it arrives.
import { useMemo, useTransition } from "react";
import { StackedBarChart, type StackedBarPoint } from "@/components/charts/stacked-bar-chart";
import { CardDescription, CardTitle } from "@/components/ui/card";
import { formatCreditsGrouped } from "@/lib/credits/amount";
// Straight from the modules, not the folder index, which brings the server reads along.
import { creditsPageSearchParams } from "@/lib/credits/search-params";
import type { UsageChartModel } from "@/lib/credits/usage-chart";
import { USAGE_RANGE_LABELS, type UsageRange } from "@/lib/credits/usage-series";
import { featureColor } from "./feature-colors";
import { UsageRangeSwitch } from "./usage-range-switch";
import { UsageTeamSelect } from "./usage-team-select";

// Axis ticks are whole milli-credits chosen by the chart; they are formatted as exact credits.
const formatMilliTick = (value: number) => formatCreditsGrouped(BigInt(Math.round(value)));

type Team = { id: string; name: string };

export function UsageOverTime({
  model,
  shownRange,
  teams = [],
  shownTeam = null,
}: {
  model: UsageChartModel;
  shownRange: UsageRange;
  teams?: readonly Team[];
  /** The team the figures are for; null: every team and none. */
  shownTeam?: Team | null;
}) {
  const [isPending, startTransition] = useTransition();
  const options = { shallow: false, scroll: false, startTransition };
  const [range, setRange] = useQueryState("range", creditsPageSearchParams.range.withOptions(options));
  const [team, setTeam] = useQueryState("team", creditsPageSearchParams.team.withOptions(options));
  const series = useMemo(() => model.series.map((s) => ({ ...s, color: featureColor(s.key) })), [model.series]);
  const points = useMemo<StackedBarPoint[]>(() => model.points.map((p) => ({ ...p, plot: p.plotMilli })), [model.points]);
  const per = model.granularity === "week" ? "week" : "day";
  const byWhat = shownTeam ? `by the team ${shownTeam.name}` : "by feature type";

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4 px-5 pt-5">
        <div className="min-w-0 flex-1 basis-64">
          <CardTitle id="usage-over-time">Usage over time</CardTitle>
          <CardDescription className="mt-1">
            Credits used per {per} {byWhat}, {model.periodText}.
          </CardDescription>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {teams.length > 0 ? <UsageTeamSelect teams={teams} value={team} onChange={(next) => void setTeam(next || null)} /> : null}
          <UsageRangeSwitch value={range} onChange={(next) => void setRange(next)} />
        </div>
      </div>
      <div aria-busy={isPending} className={`px-5 pt-4 pb-5 transition-opacity ${isPending ? "opacity-50" : ""}`}>
        {model.empty ? (
          <div className="rounded-md border border-dashed border-neutral-300 px-5 py-12 text-center">
            <p className="text-sm font-medium text-neutral-900">
              No credits used {shownTeam ? `by the team ${shownTeam.name} ` : ""}in the last {USAGE_RANGE_LABELS[shownRange]}
            </p>
            <p className="mt-1 text-sm text-neutral-600">
              {shownTeam
                ? "A team's usage is what its members spend through the API and MCP, and what trackers spend on the calls and emails they own."
                : "Usage shows here as question-based trackers, the Ask Anything and Briefer APIs, the MCP server and automated briefs use credits."}
            </p>
          </div>
        ) : (
          <>
            <StackedBarChart points={points} series={series} formatTick={formatMilliTick} unit="credits" />
            <ul className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm" aria-label={`Credits used in this period ${byWhat}`}>
              {series.map((s) => (
                <li key={s.key} className="flex items-center gap-2">
                  <span aria-hidden="true" className="size-3 rounded-sm" style={{ backgroundColor: s.color }} />
                  <span className="text-neutral-700">{s.label}</span>
                  <span className="font-medium text-neutral-900 tabular-nums">{s.totalText}</span>
                </li>
              ))}
              <li className="flex items-center gap-2 sm:ml-auto">
                <span className="text-neutral-700">Total</span>
                <span className="font-semibold text-neutral-900 tabular-nums">{model.totalText}</span>
                <span className="text-neutral-500">credits</span>
              </li>
            </ul>
            {/* The chart's figures for screen readers. The hiding box is a div: a table ignores the
                1px width sr-only gives it, and would widen the page by its full width. */}
            <div className="sr-only">
              <table>
                <caption>
                  Credits used per {per} {byWhat}, {model.periodText}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{per === "week" ? "Week" : "Day"}</th>
                    {series.map((s) => (
                      <th key={s.key} scope="col">
                        {s.label}
                      </th>
                    ))}
                    <th scope="col">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {model.points.map((p) => (
                    <tr key={p.key}>
                      <th scope="row">{p.title}</th>
                      {series.map((s) => (
                        <td key={s.key}>{p.text[s.key]}</td>
                      ))}
                      <td>{p.totalText}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </>
  );
}
