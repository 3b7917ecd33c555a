// A separate process that fires charges at a database, for cross-process concurrency tests.
// argv: <database url> <company id> <charges> <milli each> <key prefix or "-">

import { charge } from "../../lib/billing";
import { openDatabase } from "../../lib/db";
import { databaseConfig } from "../../lib/db-config";
import { TEST_USAGE } from "./companies";

async function main() {
  const [url, companyId, count, milli, keyPrefix] = process.argv.slice(2);
  const db = openDatabase(databaseConfig(url));
  const now = new Date(process.env.CHARGE_NOW!);
  const outcomes = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      charge(
        db.sql,
        companyId!,
        {
          amountMilli: BigInt(milli!),
          action: "Worker",
          usage: TEST_USAGE,
          idempotencyKey: keyPrefix === "-" ? undefined : `${keyPrefix}${i % 5}`,
          requestHash: "h",
        },
        now,
      ),
    ),
  );
  process.stdout.write(JSON.stringify(outcomes.map((o) => o.outcome)));
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
