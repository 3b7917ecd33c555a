// Readies the database for npm start: pending migrations, then the demo data when the database is
// empty, or again when its seed stopped half-way (unless SEED_DEMO=false; lib/seed/demo.ts), one
// instance at a time (scripts/db/startup-lock.ts). npm start runs it as a process of its own, so
// the serving process never loads the schema engine or the seed.
import fs from "node:fs";
import path from "node:path";
import { systemClock } from "../../lib/clock";
import { openDatabase } from "../../lib/db";
import { databaseConfig } from "../../lib/db-config";
import { ensureDemo } from "../../lib/seed/demo";
import { applyMigrations } from "./migrations";
import { withStartupLock } from "./startup-lock";

async function main() {
  const config = databaseConfig();
  if (config.provider === "sqlite") fs.mkdirSync(path.dirname(config.file), { recursive: true });
  await withStartupLock(config, async () => {
    const applied = await applyMigrations(config);
    if (applied.length) console.log(`applied migrations: ${applied.join(", ")}`);
    const db = openDatabase(config);
    try {
      if (process.env.SEED_DEMO !== "false") {
        await ensureDemo(db, systemClock.now(), (line) => console.log(line));
      }
    } finally {
      await db.close();
    }
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
