// npm run db:migration -- <name>
// Makes the next migration for both databases from the change between the schema the newest
// migration was made from and the current prisma/schema.prisma. PostgreSQL's diff needs a
// reachable server even from schema to schema, so a throwaway one is started for it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseConfig } from "../../lib/db-config";
import { startPostgres } from "../pg/server";
import { writePostgresSchema } from "./generate";
import { diffSchemas, latestMigrationSchema } from "./migrations";
import { MIGRATIONS_DIRS, type Provider, SCHEMA_PATHS } from "./schemas";

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:migration -- <name in lower_snake_case>");
    process.exit(2);
  }
  writePostgresSchema();
  const pg = await startPostgres();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "credits-diff-"));
  try {
    const folder = `${stamp()}_${name}`;
    for (const provider of ["sqlite", "postgresql"] as Provider[]) {
      const current = fs.readFileSync(SCHEMA_PATHS[provider], "utf8");
      const previous = latestMigrationSchema(provider);
      if (previous === current) {
        console.log(`${provider}: schema unchanged, no migration`);
        continue;
      }
      const config = provider === "sqlite" ? databaseConfig(`file:${path.join(scratch, "diff.db")}`) : databaseConfig(pg.url);
      const sql = await diffSchemas(config, previous, current);
      const dir = path.join(MIGRATIONS_DIRS[provider], folder);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), sql);
      fs.writeFileSync(path.join(dir, "schema.prisma"), current);
      const lock = path.join(MIGRATIONS_DIRS[provider], "migration_lock.toml");
      if (!fs.existsSync(lock)) fs.writeFileSync(lock, `provider = "${provider}"\n`);
      console.log(`${provider}: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
    }
  } finally {
    pg.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
