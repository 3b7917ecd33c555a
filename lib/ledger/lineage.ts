// Lineage (R-CORRECT-3): what a grant paid for, by feature type and month in the company's zone,
// read from the splits the ledger recorded with each charge (LedgerAllocation), with what was
// refunded to it (under the refunded charge's feature type, in the month of the refund) and, for
// a voided purchase, what the void removed. One query per grant; months are summed in SQL
// between the month boundaries, so a grant with a million charges costs one scan of its splits.
import type { SqlReader } from "../sql";
import { col, shape } from "../sql/rows";
import { formatLocalDate, startOfLocalDay } from "../time/zoned";
import type { FeatureType } from "./types";

export type LineageLine = {
  /** YYYY-MM in the company's zone. */
  month: string;
  /** The feature type charged; "" for removals that were not charges (negative adjustments). */
  featureType: FeatureType | "";
  usedMilli: bigint;
  refundedMilli: bigint;
};

export type GrantLineage = {
  grantId: string;
  lines: LineageLine[];
  voided: { at: Date; removedMilli: bigint; reason: string } | null;
};

const GrantRow = shape({ id: col.text, availableFrom: col.date, voidedAt: col.dateOrNull, voidReason: col.textOrNull, timeZone: col.text });
const VoidRow = shape({ amountMilli: col.bigint });

/** The month starts (YYYY-MM-01, local) from `from`'s month through `to`'s. */
function monthsBetween(from: Date, to: Date, timeZone: string): string[] {
  const first = formatLocalDate(from, timeZone).slice(0, 7);
  const last = formatLocalDate(to, timeZone).slice(0, 7);
  const months: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  for (let guard = 0; guard < 600; guard++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    months.push(month);
    if (month >= last) break;
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export async function grantLineage(
  sql: SqlReader,
  { companyId, grantId, now }: { companyId: string; grantId: string; now: Date },
): Promise<GrantLineage | undefined> {
  const grant = await sql.row(
    `SELECT g."id", g."availableFrom", p."voidedAt", p."voidReason", c."timeZone"
       FROM "CreditGrant" g JOIN "Company" c ON c."id" = g."companyId" LEFT JOIN "Purchase" p ON p."grantId" = g."id"
      WHERE g."id" = ? AND g."companyId" = ?`,
    [grantId, companyId],
    GrantRow,
  );
  if (!grant) return undefined;
  const months = monthsBetween(grant.availableFrom < now ? grant.availableFrom : now, now, grant.timeZone);
  const bounds = months.map((m) => [startOfLocalDay(`${m}-01`, grant.timeZone), startOfLocalDay(`${nextMonth(m)}-01`, grant.timeZone)] as const);
  const columns = bounds.map((_, i) => `COALESCE(SUM(CASE WHEN e."at" >= ? AND e."at" < ? THEN a."amountMilli" END), 0) AS "m${i}"`);
  const decode = shape({ featureType: col.text, kind: col.text, ...Object.fromEntries(bounds.map((_, i) => [`m${i}`, col.bigint])) });
  const rows = await sql.rows(
    // A refund is booked under the feature type of the charge it reverses.
    `SELECT COALESCE(r."featureType", e."featureType") AS "featureType", e."kind", ${columns.join(", ")}
       FROM "LedgerAllocation" a JOIN "LedgerEntry" e ON e."id" = a."entryId"
       LEFT JOIN "LedgerEntry" r ON r."id" = e."reversesEntryId"
      WHERE a."grantId" = ? AND e."companyId" = ? AND e."kind" IN ('used', 'adjusted', 'refunded')
      GROUP BY COALESCE(r."featureType", e."featureType"), e."kind"`,
    [...bounds.flat(), grantId, companyId],
    decode,
  );
  const byKey = new Map<string, LineageLine>();
  for (const row of rows) {
    const values = row as unknown as Record<string, bigint>;
    months.forEach((month, i) => {
      const amount = values[`m${i}`] ?? 0n;
      if (amount === 0n) return;
      const featureType = row.featureType as FeatureType | "";
      const key = `${month}\u0000${featureType}`;
      const line = byKey.get(key) ?? { month, featureType, usedMilli: 0n, refundedMilli: 0n };
      if (row.kind === "refunded") line.refundedMilli += amount;
      else line.usedMilli += amount;
      byKey.set(key, line);
    });
  }
  const lines = [...byKey.values()].sort((a, b) => (a.month === b.month ? a.featureType.localeCompare(b.featureType) : a.month < b.month ? -1 : 1));
  let voided: GrantLineage["voided"] = null;
  if (grant.voidedAt) {
    const entry = await sql.row(
      `SELECT "amountMilli" FROM "LedgerEntry" WHERE "companyId" = ? AND "grantId" = ? AND "kind" = 'voided'`,
      [companyId, grantId],
      VoidRow,
    );
    voided = { at: grant.voidedAt, removedMilli: entry ? -entry.amountMilli : 0n, reason: grant.voidReason ?? "" };
  }
  return { grantId, lines, voided };
}
