// A separate process that makes one keyed charge and prints its outcome; started by the crash
// tests with LEDGER_CRASH_AT set, so it kills itself (SIGKILL) partway through the charge.
// argv: <database url> <company id> <idempotency key> <milli-credits> <now, ISO>
import { openDatabase } from "../../lib/db";
import { databaseConfig } from "../../lib/db-config";
import { charge } from "../../lib/ledger";
import { TEST_USAGE } from "./companies";

async function main() {
  const [url, companyId, key, milli, now] = process.argv.slice(2);
  const db = openDatabase(databaseConfig(url));
  try {
    const outcome = await charge(
      db.sql,
      companyId!,
      { amountMilli: BigInt(milli!), action: "Ask Anything API", usage: TEST_USAGE, idempotencyKey: key, requestHash: "crash-test" },
      new Date(now!),
    );
    process.stdout.write(JSON.stringify({ outcome: outcome.outcome }));
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
