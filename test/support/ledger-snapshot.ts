// Everything a charge can write for one company, read in a fixed order, so a test can show that
// an operation which did not complete (a process killed mid-transaction, a failed attempt) left
// the ledger, the usage tables and the notification state exactly as they were.
import type { SqlReader } from "../../lib/sql";

export async function ledgerSnapshot(sql: SqlReader, companyId: string) {
  const rows = (table: string, order: string) => sql.all(`SELECT * FROM "${table}" WHERE "companyId" = ? ORDER BY ${order}`, [companyId]);
  return {
    account: await rows("CreditAccount", `"companyId"`),
    grants: await rows("CreditGrant", `"id"`),
    entries: await rows("LedgerEntry", `"seq"`),
    allocations: await sql.all(
      `SELECT a."entryId", a."grantId", a."amountMilli" FROM "LedgerAllocation" a JOIN "LedgerEntry" e ON e."id" = a."entryId"
        WHERE e."companyId" = ? ORDER BY a."entryId", a."grantId"`,
      [companyId],
    ),
    usage: await rows("UsageRecord", `"id"`),
    dayTotals: await rows("UsageDayTotal", `"usageDate", "featureType"`),
    thresholds: await rows("ThresholdState", `"percent"`),
    notifications: await rows("Notification", `"id"`),
    outbox: await rows("OutboxEmail", `"id"`),
  };
}
