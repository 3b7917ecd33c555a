// npm run db:seed [-- --usage-rows N]
// Seeds the demo data into an empty database, or again over a demo whose seed stopped half-way
// (leaving any other database with companies as it is, and refusing one that is not local). With
// --usage-rows N it also adds a large benchmark company with N usage rows over the last year.

import { systemClock } from "../../lib/clock";
import { type Database, openDatabase } from "../../lib/db";
import { databaseConfig } from "../../lib/db-config";
import { ensureDemo } from "../../lib/seed/demo";
import { seedLargeCompany } from "../../lib/seed/large";
import { applyMigrations } from "./migrations";
import { withStartupLock } from "./startup-lock";

export function assertLocalDatabase(url: string) {
  const config = databaseConfig(url);
  if (config.provider === "sqlite") return;
  const host = new URL(config.url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host) && process.env.ALLOW_REMOTE_SEED !== "1") {
    throw new Error(`refusing to seed ${host}: demo data goes only into a local database (set ALLOW_REMOTE_SEED=1 to override)`);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const rowsIndex = args.indexOf("--usage-rows");
  const usageRows = rowsIndex >= 0 ? Number(args[rowsIndex + 1]) : 0;
  if (rowsIndex >= 0 && (!Number.isInteger(usageRows) || usageRows <= 0)) {
    console.error("--usage-rows takes a whole number above zero, e.g. --usage-rows 1000000");
    process.exit(2);
  }
  const config = databaseConfig();
  assertLocalDatabase(config.url);
  const now = systemClock.now();
  const started = Date.now();
  // Under the lock npm start takes for the same work, so a seed in progress there is waited for,
  // not taken for a half-done one. The database is opened after migrating (on SQLite an open
  // handle would hold up the migration).
  let db: Database | undefined;
  try {
    const done = await withStartupLock(config, async () => {
      await applyMigrations(config);
      db = openDatabase(config);
      return ensureDemo(db, now, (line) => console.log(line));
    });
    if (done === "present") {
      if (!usageRows) console.log(`the database already has ${await db!.prisma.company.count()} companies: demo data not seeded again`);
    } else console.log(`seeded the demo companies in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (usageRows) {
      const started = Date.now();
      const { name } = await seedLargeCompany(db!, { usageRows, now });
      console.log(`seeded "${name}" with ${usageRows} usage rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await db?.close();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
