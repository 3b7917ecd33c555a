// The credits page's reads beyond the balance and grants (lib/ledger/balance.ts). Each is
// scoped to one company and bounded: per-day totals by primary-key ranges of UsageScopeDay (at
// most one row per day and feature type, or per day for one team's scope), threshold states by
// primary key (at most five). None reads UsageRecord, so their cost does not grow with the number
// of usage rows.
import { budgetScope, scopeOfFeature } from "../ledger/scopes";
import { FEATURE_TYPES } from "../ledger/types";
import { placeholders, type SqlReader } from "../sql";
import { col, shape } from "../sql/rows";
import type { ThresholdFiring } from "./thresholds";
import type { UsageDayRow } from "./usage-series";

const DayTotalRow = shape({ usageDate: col.text, featureType: col.oneOf(FEATURE_TYPES), creditsMilli: col.bigint });
const ScopeDayRow = shape({ usageDate: col.text, creditsMilli: col.bigint });
const UsedRow = shape({ used: col.bigint });
const FiringRow = shape({ percent: col.int, firedAt: col.date });

// The feature scopes' rows hold what was used per day and feature type, as charged (usedMilli):
// one primary-key range per feature type.
const FEATURE_SCOPES = FEATURE_TYPES.map(scopeOfFeature);
const IN_FEATURE_SCOPES = `"scope" IN (${placeholders(FEATURE_SCOPES.length)})`;
const FEATURE_OF_SCOPE = `substr("scope", ${scopeOfFeature("").length + 1})`;

/** Per-day, per-feature-type totals for local dates from..to, both included. */
export async function readUsageDayTotals(sql: SqlReader, { companyId, from, to }: { companyId: string; from: string; to: string }): Promise<UsageDayRow[]> {
  return sql.rows(
    `SELECT "usageDate", ${FEATURE_OF_SCOPE} AS "featureType", "usedMilli" AS "creditsMilli" FROM "UsageScopeDay"
      WHERE "companyId" = ? AND ${IN_FEATURE_SCOPES} AND "usageDate" >= ? AND "usageDate" <= ? AND "usedMilli" <> 0
      ORDER BY "usageDate", "featureType"`,
    [companyId, ...FEATURE_SCOPES, from, to],
    DayTotalRow,
  );
}

/** The series key of one team's usage: its per-day total, with no split by feature. */
export const TEAM_SERIES = "team";

/**
 * One team's credits per day for local dates from..to, both included, from the per-day scope
 * totals the ledger writes with every charge and refund (scope "team:<id>"), as day rows of the
 * TEAM_SERIES series.
 */
export async function readTeamUsageDays(
  sql: SqlReader,
  { companyId, teamId, from, to }: { companyId: string; teamId: string; from: string; to: string },
): Promise<UsageDayRow[]> {
  const rows = await sql.rows(
    `SELECT "usageDate", "creditsMilli" FROM "UsageScopeDay"
      WHERE "companyId" = ? AND "scope" = ? AND "usageDate" >= ? AND "usageDate" <= ?
      ORDER BY "usageDate"`,
    [companyId, budgetScope("team", teamId), from, to],
    ScopeDayRow,
  );
  return rows.map((r) => ({ ...r, featureType: TEAM_SERIES }));
}

/** Credits used on local dates from..to, both included. */
export async function sumUsageBetween(sql: SqlReader, { companyId, from, to }: { companyId: string; from: string; to: string }): Promise<bigint> {
  const row = await sql.row(
    `SELECT COALESCE(SUM("usedMilli"), 0) AS used FROM "UsageScopeDay"
      WHERE "companyId" = ? AND ${IN_FEATURE_SCOPES} AND "usageDate" >= ? AND "usageDate" <= ?`,
    [companyId, ...FEATURE_SCOPES, from, to],
    UsedRow,
  );
  return row?.used ?? 0n;
}

/** The thresholds the notifier has recorded as fired this period. */
export async function listThresholdFirings(sql: SqlReader, { companyId }: { companyId: string }): Promise<ThresholdFiring[]> {
  return sql.rows(`SELECT "percent", "firedAt" FROM "ThresholdState" WHERE "companyId" = ? ORDER BY "percent"`, [companyId], FiringRow);
}
