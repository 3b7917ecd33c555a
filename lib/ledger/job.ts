// The ledger job: applies what is due (availability starts, expiries, contract-year resets) for
// every company whose next event has come. `npm start` runs it on a schedule; it is also run by
// hand (`npm run ledger:job`) and by tests with a set clock.
import type { SqlDatabase } from "../sql";
import { Account } from "./account";

export async function settleDueAccounts(db: SqlDatabase, now: Date): Promise<{ companiesSettled: number }> {
  const due = await db.all<{ companyId: string }>(
    `SELECT "companyId" FROM "CreditAccount" WHERE "nextEventAt" IS NOT NULL AND "nextEventAt" <= ? ORDER BY "companyId"`,
    [now],
  );
  for (const { companyId } of due) await settleAccount(db, companyId, now);
  return { companiesSettled: due.length };
}

export function settleAccount(db: SqlDatabase, companyId: string, now: Date): Promise<void> {
  return db.transaction(function* (dialect) {
    const account = yield* Account.open(dialect, companyId);
    account.settle(now);
    yield* account.flush(now);
  });
}
