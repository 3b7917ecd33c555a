// A separate process that places one hold and then waits, never capturing it: the parent kills
// it with SIGKILL, as a request's process that dies mid-processing (R-HOLD-1).
// argv: <database url> <company id> <milli>; env HOLD_NOW (ISO instant). Prints the hold's outcome.

import { placeHold } from "../../lib/billing";
import { openDatabase } from "../../lib/db";
import { databaseConfig } from "../../lib/db-config";
import { TEST_USAGE } from "./companies";

async function main() {
  const [url, companyId, milli] = process.argv.slice(2);
  const db = openDatabase(databaseConfig(url));
  const outcome = await placeHold(
    db.sql,
    companyId!,
    { amountMilli: BigInt(milli!), action: "Ask Anything API", usage: TEST_USAGE },
    new Date(process.env.HOLD_NOW!),
  );
  process.stdout.write(`${JSON.stringify({ outcome: outcome.outcome, holdId: outcome.outcome === "held" ? outcome.holdId : null })}\n`);
  // Processing that never finishes: only SIGKILL ends this process.
  setInterval(() => {}, 60_000);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
