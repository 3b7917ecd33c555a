// The two schema files: prisma/schema.prisma (SQLite, the source) and the PostgreSQL copy
// derived from it. One generated client cannot serve both databases, so each gets its own.
import path from "node:path";

export type Provider = "sqlite" | "postgresql";

export const ROOT = path.resolve(__dirname, "../..");

export const SCHEMA_PATHS: Record<Provider, string> = {
  sqlite: path.join(ROOT, "prisma/schema.prisma"),
  postgresql: path.join(ROOT, "prisma/postgresql/schema.prisma"),
};

export const MIGRATIONS_DIRS: Record<Provider, string> = {
  sqlite: path.join(ROOT, "prisma/migrations"),
  postgresql: path.join(ROOT, "prisma/postgresql/migrations"),
};

const HEADER = "// Generated from prisma/schema.prisma by `npm run db:generate`; do not edit.\n";

/** The PostgreSQL schema text for a given SQLite source schema. */
export function toPostgresSchema(sqliteSchema: string): string {
  const out = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output          = "../lib/generated/sqlite"', 'output          = "../../lib/generated/postgresql"');
  if (out === sqliteSchema || !out.includes('"postgresql"') || !out.includes("generated/postgresql")) {
    throw new Error("prisma/schema.prisma: could not derive the PostgreSQL schema (provider or output line changed)");
  }
  return HEADER + out;
}
