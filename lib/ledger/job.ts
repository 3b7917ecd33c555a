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

/**
 * Settles every company whose next event has come, then releases expired holds. One company or
 * hold that fails does not stop the others: each is tried, and then the failures are thrown
 * together (the next run tries them again).
 */
export async function settleDueAccounts(db: SqlDatabase, now: Date, options: LedgerOptions = {}): Promise<{ companiesSettled: number; holdsReleased: number }> {
  const due = await db.rows(
    `SELECT "companyId" FROM "CreditAccount" WHERE "nextEventAt" IS NOT NULL AND "nextEventAt" <= ? ORDER BY "companyId"`,
    [now],
    DueRow,
  );
  const failures: unknown[] = [];
  let companiesSettled = 0;
  for (const { companyId } of due) {
    try {
      await settleAccount(db, companyId, now, options);
      companiesSettled++;
    } catch (error) {
      failures.push(new Error(`settling company ${companyId} failed`, { cause: error }));
    }
  }
  let holdsReleased = 0;
  try {
    holdsReleased = await releaseExpiredHolds(db, now, options);
  } catch (error) {
    failures.push(...(error instanceof AggregateError ? error.errors : [error]));
  }
  if (failures.length > 0) {
    throw new AggregateError(
      failures,
      `the ledger job settled ${companiesSettled} of ${due.length} due companies and released ${holdsReleased} expired holds; ${failures.length} failed, and the next run tries them again`,
    );
  }
  return { companiesSettled, holdsReleased };
}

export function settleAccount(db: SqlDatabase, companyId: string, now: Date, options: LedgerOptions = {}): Promise<void> {
  return db.transaction(function* (dialect) {
    const account = yield* Account.open(dialect, companyId);
    account.settle(now);
    const change = yield* account.flush(now);
    if (options.afterChange) yield* options.afterChange(change);
  });
}
