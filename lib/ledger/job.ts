// The ledger job: applies what is due (availability starts, expiries, contract-year resets) for
// every company whose next event has come, and releases holds whose processes died. `npm start`
// runs it every minute on every instance (settling twice finds nothing due the second time; a
// hold is released once); it is also run by hand (`npm run ledger:job`) and by tests with a set
// clock.
import type { SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";
import { Account } from "./account";
import type { LedgerOptions } from "./charge";
import { releaseExpiredHolds } from "./holds";

const DueRow = shape({ companyId: col.text });

export async function settleDueAccounts(db: SqlDatabase, now: Date, options: LedgerOptions = {}): Promise<{ companiesSettled: number; holdsReleased: number }> {
  const due = await db.rows(
    `SELECT "companyId" FROM "CreditAccount" WHERE "nextEventAt" IS NOT NULL AND "nextEventAt" <= ? ORDER BY "companyId"`,
    [now],
    DueRow,
  );
  for (const { companyId } of due) await settleAccount(db, companyId, now, options);
  const holdsReleased = await releaseExpiredHolds(db, now, options);
  return { companiesSettled: due.length, holdsReleased };
}

export function settleAccount(db: SqlDatabase, companyId: string, now: Date, options: LedgerOptions = {}): Promise<void> {
  return db.transaction(function* (dialect) {
    const account = yield* Account.open(dialect, companyId);
    account.settle(now);
    const change = yield* account.flush(now);
    if (options.afterChange) yield* options.afterChange(change);
  });
}
