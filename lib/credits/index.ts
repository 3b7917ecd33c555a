// lib/credits: credits as an admin sees them on the credits page (R-PAGE-2, R-PLUS-1,
// R-NOTIFY-1, R-CORRECT-3): usage over time, the runway, the thresholds passed, the grants
// table's sort, each grant's lineage (read through actions.ts when a row is opened) and the
// page's URL state. Balances and grants come from lib/ledger; nothing here changes any data.
// amount.ts, the one module that turns milli-credits into decimal text and back, is imported
// directly (the ledger uses it too). Client components import the modules they need directly
// (search-params, usage-series, grant-sort), since this index brings the server reads along.
export { addDays, formatMediumDate } from "./calendar";
export { DEFAULT_GRANT_SORT, GRANT_SORT_COLUMNS, type GrantSort, type GrantSortColumn, sortGrants } from "./grant-sort";
export { type GrantLineageView, type LineageLineView, readGrantLineage } from "./lineage";
export { listThresholdFirings, readTeamUsageDays, readUsageDayTotals, sumUsageBetween, TEAM_SERIES } from "./queries";
export { readRunway } from "./read-runway";
export { BURN_WINDOW_DAYS, computeRunway, type Runway, type RunwayGrant } from "./runway";
export { creditsPageSearchParams, loadCreditsPageSearchParams, parseAsSort } from "./search-params";
export { describeThresholds, formatTenthsOfPercent, type ThresholdsView, USAGE_THRESHOLDS } from "./thresholds";
export { featureTypeLabel, toUsageChartModel, type UsageChartModel, type UsageChartPoint } from "./usage-chart";
export { bucketUsage, USAGE_RANGE_LABELS, USAGE_RANGES, type UsageRange, type UsageSeries, usageWindow } from "./usage-series";
