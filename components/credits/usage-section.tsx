// Usage over time, read for the chosen range from the per-day totals (never the usage rows):
// at most one row per day and feature type, whatever the company's volume. With a team chosen,
// that team's total per day, from the per-day scope totals the ledger writes for budgets (they
// have no split by feature).

import { Card } from "@/components/ui/card";
import { bucketUsage, readTeamUsageDays, readUsageDayTotals, TEAM_SERIES, toUsageChartModel, type UsageRange, usageWindow } from "@/lib/credits";
import type { Db } from "@/lib/db";
import type { SqlReader } from "@/lib/sql";
import { listTeamNames } from "@/lib/teams";
import { UsageOverTime } from "./usage-over-time";

export async function UsageSection({
  sql,
  prisma,
  companyId,
  today,
  range,
  teamId = "",
}: {
  sql: SqlReader;
  /** Reads the company's teams, for the Team select. */
  prisma: Db;
  companyId: string;
  today: string;
  range: UsageRange;
  /** The team the URL asks for; one the company does not have shows all teams. */
  teamId?: string;
}) {
  const window = usageWindow(range, today);
  const teams = await listTeamNames(prisma, { companyId });
  const team = teams.find((t) => t.id === teamId);
  const rows = team
    ? await readTeamUsageDays(sql, { companyId, teamId: team.id, from: window.from, to: window.to })
    : await readUsageDayTotals(sql, { companyId, from: window.from, to: window.to });
  const model = toUsageChartModel(bucketUsage(window, rows));
  // A team's one series is named by the team.
  const named = team ? { ...model, series: model.series.map((s) => (s.key === TEAM_SERIES ? { ...s, label: team.name } : s)) } : model;
  return (
    <Card>
      <section aria-labelledby="usage-over-time">
        <UsageOverTime model={named} shownRange={range} teams={teams} shownTeam={team ?? null} />
      </section>
    </Card>
  );
}
