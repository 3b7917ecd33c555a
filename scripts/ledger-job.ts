// npm run ledger:job: applies what is due now (availability starts, expiries, contract-year
// resets) once, for every company; `npm start` runs the same every minute.

import { settleDueAccounts } from "../lib/billing";
import { systemClock } from "../lib/clock";
import { openDatabase } from "../lib/db";

async function main() {
  const db = openDatabase();
  try {
    const { companiesSettled } = await settleDueAccounts(db.sql, systemClock.now());
    console.log(`ledger job: settled ${companiesSettled} compan${companiesSettled === 1 ? "y" : "ies"}`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
