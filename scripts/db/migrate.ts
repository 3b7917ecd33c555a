// npm run db:migrate: applies pending migrations to the database DATABASE_URL names
// (the embedded SQLite file by default). `npm start` runs the same before serving.
import { databaseConfig } from "../../lib/db-config";
import { applyMigrations } from "./migrations";

async function main() {
  const config = databaseConfig();
  const applied = await applyMigrations(config);
  console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : "database is up to date");
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
