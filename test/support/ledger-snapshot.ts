// Everything a charge can write for one company, read in a fixed order, so a test can show that
// an operation which did not complete (a process killed mid-transaction, a failed attempt) left
// the ledger, the usage tables and the notification state exactly as they were.
import type { Row, SqlReader } from "../../lib/sql";
import { col, shape } from "../../lib/sql/rows";

// Whole rows, every column as the driver answers it: a snapshot is only ever compared with
// another snapshot of the same database, and a column added later must count too.
const wholeRow = (row: Row): Row => row;

export async function ledgerSnapshot(sql: SqlReader, companyId: string) {
  const rows = (table: string, order: string) => sql.rows(`SELECT * FROM "${table}" WHERE "companyId" = ? ORDER BY ${order}`, [companyId], wholeRow);
  return {
    account: await rows("CreditAccount", `"companyId"`),
    grants: await rows("CreditGrant", `"id"`),
    entries: await rows("LedgerEntry", `"seq"`),
    allocations: await sql.rows(
      `SELECT a."entryId", a."grantId", a."amountMilli" FROM "LedgerAllocation" a JOIN "LedgerEntry" e ON e."id" = a."entryId"
        WHERE e."companyId" = ? ORDER BY a."entryId", a."grantId"`,
      [companyId],
      shape({ entryId: col.text, grantId: col.text, amountMilli: col.bigint }),
    ),
    usage: await rows("UsageRecord", `"id"`),
    scopeDays: await rows("UsageScopeDay", `"scope", "usageDate"`),
    thresholds: await rows("ThresholdState", `"percent"`),
    notifications: await rows("Notification", `"id"`),
    outbox: await rows("OutboxEmail", `"id"`),
  };
}
