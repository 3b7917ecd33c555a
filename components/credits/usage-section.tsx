// Usage over time, read for the chosen range from the per-day totals (never the usage rows):
// at most one row per day and feature type, whatever the company's volume.

import { Card } from "@/components/ui/card";
import { bucketUsage, readUsageDayTotals, toUsageChartModel, type UsageRange, usageWindow } from "@/lib/credits";
import type { SqlReader } from "@/lib/sql";
import { UsageOverTime } from "./usage-over-time";

export async function UsageSection({ sql, companyId, today, range }: { sql: SqlReader; companyId: string; today: string; range: UsageRange }) {
  const window = usageWindow(range, today);
  const rows = await readUsageDayTotals(sql, { companyId, from: window.from, to: window.to });
  return (
    <Card>
      <section aria-labelledby="usage-over-time">
        <UsageOverTime model={toUsageChartModel(bucketUsage(window, rows))} shownRange={range} />
      </section>
    </Card>
  );
}
