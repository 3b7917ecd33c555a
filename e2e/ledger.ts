// The specs read what the page must show straight from the test server's database, through
// the ledger's own SQL layer. Not through lib/db.ts: Playwright compiles specs to CommonJS, and
// Prisma's generated client uses import.meta, so Node 20 loads it as an ES module and fails
// ("exports is not defined in ES module scope"). lib/sql needs no Prisma.
import { databaseConfig } from "../lib/db-config";
import type { SqlDatabase } from "../lib/sql";
import { openPostgres, pipelinedPool } from "../lib/sql/postgres";
import { col, shape } from "../lib/sql/rows";
import { openSqlite } from "../lib/sql/sqlite";
import { E2E_DATABASE_URL } from "./env";

export function openE2eSql(): SqlDatabase {
  const config = databaseConfig(E2E_DATABASE_URL);
  return config.provider === "sqlite" ? openSqlite(config.file) : openPostgres(pipelinedPool({ connectionString: config.url, max: 2 }));
}

/** A demo company's id by its name; the seed guarantees "Acme Corp" and "Globex". */
export async function companyIdByName(sql: SqlDatabase, name: string): Promise<string> {
  const row = await sql.row(`SELECT "id" FROM "Company" WHERE "name" = ?`, [name], shape({ id: col.text }));
  if (!row) throw new Error(`the test database has no company named ${name}: was it seeded?`);
  return row.id;
}
