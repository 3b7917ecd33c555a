// A grant's lineage as the credits page shows it (R-CORRECT-3): what the grant paid for, by
// month (in the company's zone) and feature type, with what was refunded to it and, for a voided
// purchase, what the void removed. Read from the ledger's recorded splits (grantLineage) and
// formatted here, exact, so the browser renders text only.

import { AppError } from "../errors";
import { grantLineage } from "../ledger/lineage";
import type { SqlReader } from "../sql";
import { col, shape } from "../sql/rows";
import { formatLocalDate } from "../time/zoned";
import { formatCredits, formatCreditsGrouped } from "./amount";
import { formatMediumDate } from "./calendar";
import { featureTypeLabel } from "./usage-chart";

type Amount = { value: string; text: string };

export type LineageLineView = {
  /** YYYY-MM, in the company's zone. */
  month: string;
  /** "March 2026". */
  monthLabel: string;
  featureType: string;
  /** "Ask Anything API"; removals that were not charges (negative adjustments) read "Adjustments". */
  featureLabel: string;
  used: Amount;
  refunded: Amount;
};

export type GrantLineageView = {
  grantId: string;
  lines: LineageLineView[];
  totals: { used: Amount; refunded: Amount };
  voided: { date: string; removed: Amount; reason: string } | null;
};

const amount = (milli: bigint): Amount => ({ value: formatCredits(milli), text: formatCreditsGrouped(milli) });

const MONTH = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "long", year: "numeric" });
const monthLabel = (month: string) => MONTH.format(new Date(`${month}-01T00:00:00Z`));

/** The lineage of one of the company's grants; not_found when the company has no such grant. */
export async function readGrantLineage(
  sql: SqlReader,
  { companyId, grantId, now }: { companyId: string; grantId: string; now: Date },
): Promise<GrantLineageView> {
  const lineage = await grantLineage(sql, { companyId, grantId, now });
  if (!lineage) throw new AppError("not_found", "Your company has no such grant. Reload the page to see its current grants.", { field: "grantId" });
  let used = 0n;
  let refunded = 0n;
  const lines = lineage.lines.map((line) => {
    used += line.usedMilli;
    refunded += line.refundedMilli;
    return {
      month: line.month,
      monthLabel: monthLabel(line.month),
      featureType: line.featureType,
      featureLabel: line.featureType === "" ? "Adjustments" : featureTypeLabel(line.featureType),
      used: amount(line.usedMilli),
      refunded: amount(line.refundedMilli),
    };
  });
  let voided: GrantLineageView["voided"] = null;
  if (lineage.voided) {
    const zone = await sql.row(`SELECT "timeZone" FROM "Company" WHERE "id" = ?`, [companyId], shape({ timeZone: col.text }));
    voided = {
      date: formatMediumDate(formatLocalDate(lineage.voided.at, zone!.timeZone)),
      removed: amount(lineage.voided.removedMilli),
      reason: lineage.voided.reason,
    };
  }
  return { grantId, lines, totals: { used: amount(used), refunded: amount(refunded) }, voided };
}
