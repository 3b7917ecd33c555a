// Applying and creating migrations, kept as ordinary Prisma migration folders
// (prisma/migrations/<stamp>_<name>/migration.sql) so that `prisma migrate deploy` can use them
// wherever the native engine exists. Beside each migration.sql lies schema.prisma, the schema
// it was made from: the next migration is the diff from that copy to the current schema
// (diffing from the folder itself would need a shadow database, which fails here).
import fs from "node:fs";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import type { DatabaseConfig } from "../../lib/db-config";
import { withSchemaEngine } from "./engine";
import { MIGRATIONS_DIRS, type Provider } from "./schemas";

const FILTERS = { externalTables: [], externalEnums: [] };

export function migrationNames(provider: Provider): string[] {
  const dir = MIGRATIONS_DIRS[provider];
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

function migrationList(provider: Provider): MigrationList {
  const baseDir = MIGRATIONS_DIRS[provider];
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    shadowDbInitScript: "",
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    migrationDirectories: migrationNames(provider).map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  } as MigrationList;
}

/** Applies the pending migrations; answers the names of those it applied. */
export async function applyMigrations(config: DatabaseConfig): Promise<string[]> {
  if (config.provider === "sqlite") fs.mkdirSync(path.dirname(config.file), { recursive: true });
  return withSchemaEngine(config, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: migrationList(config.provider), filters: FILTERS });
    return out.appliedMigrationNames;
  });
}

/** The schema the newest migration was made from ("" when there is no migration yet). */
export function latestMigrationSchema(provider: Provider): string {
  const names = migrationNames(provider);
  if (names.length === 0) return "";
  return fs.readFileSync(path.join(MIGRATIONS_DIRS[provider], names[names.length - 1]!, "schema.prisma"), "utf8");
}

/** The SQL that takes a database from the `from` schema to the `to` schema ("" = empty). */
export async function diffSchemas(config: DatabaseConfig, from: string, to: string): Promise<string> {
  const target = (content: string) =>
    content === "" ? { tag: "empty" as const } : { tag: "schemaDatamodel" as const, files: [{ path: "schema.prisma", content }] };
  return withSchemaEngine(config, async (engine) => {
    const result = await engine.diff({ from: target(from), to: target(to), script: true, exitCode: null, filters: FILTERS } as never);
    return (result as { stdout: string }).stdout;
  });
}
