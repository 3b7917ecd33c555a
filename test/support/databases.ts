// A fresh, migrated database per test (file) on either provider, copied from the templates the
// global setup made: a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../lib/db";
import { databaseConfig } from "../../lib/db-config";

export const PROVIDERS = ["sqlite", "postgresql"] as const;
export type Provider = (typeof PROVIDERS)[number];

export async function freshDatabaseUrl(provider: Provider): Promise<string> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  if (provider === "sqlite") {
    const file = path.join(inject("scratchDir"), `${name}.db`);
    fs.copyFileSync(inject("sqliteTemplate"), file);
    return `file:${file}`;
  }
  const admin = new pg.Client({ connectionString: inject("pgServerUrl") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE credits_template`);
  } finally {
    await admin.end();
  }
  return inject("pgServerUrl").replace(/\/postgres$/, `/${name}`);
}

export async function freshDatabase(provider: Provider): Promise<Database> {
  return openDatabase(databaseConfig(await freshDatabaseUrl(provider)));
}
