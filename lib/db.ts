// The database handles, created once per process: the Prisma client for ordinary reads and
// writes, and the driver-level SQL layer (lib/sql) for the ledger's hot paths. DATABASE_URL
// picks SQLite (the default, data/credits.db) or PostgreSQL; each has its own generated client
// with the same model API, typed here as one.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type DatabaseConfig, databaseConfig } from "./db-config";
import { PrismaClient as PgClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { EXPORT_STALL_MS } from "./reports/export-slots";
import type { SqlDatabase } from "./sql";
import { openPostgres, pipelinedPool } from "./sql/postgres";
import { openSqlite } from "./sql/sqlite";

const OMIT = { user: { passwordHash: true }, apiKey: { keyHash: true } } as const;

function sqliteClient(url: string) {
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 10000 }), omit: OMIT });
}

/** The Prisma client: secrets (password and key hashes) are omitted unless a query asks. */
export type Db = ReturnType<typeof sqliteClient>;
/** What a `$transaction` callback receives; domain functions take `Db | Tx`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type Database = {
  config: DatabaseConfig;
  prisma: Db;
  sql: SqlDatabase;
  close(): Promise<void>;
};

/** How long a request waits for a pooled PostgreSQL connection before answering 503 busy. */
const ACQUIRE_TIMEOUT_MS = 10_000;

/**
 * How long a charge pool connection may sit idle before it is closed. pg's default, 10 s, closes
 * the connections a steady load leaves idle (the pool reuses the most recent first) and opens them
 * again at the next burst: a backend started and every statement prepared again while requests
 * queue on the account lock behind it (bench:api -- --pg-log shows each such burst of connections
 * followed by a burst of lock waits).
 */
const MAIN_POOL_IDLE_MS = 5 * 60_000;

/**
 * The PostgreSQL pools: one for charges, pages and jobs, and a small one of its own for CSV
 * exports, so that slow or stalled downloads never hold the connections charges need. The
 * server ends a transaction left idle (a crashed or stalled client) and an export statement
 * that runs too long.
 */
function postgresPools(url: string) {
  const common = { connectionString: url, connectionTimeoutMillis: ACQUIRE_TIMEOUT_MS, application_name: "credits-admin-center" };
  // Pipeline mode: a transaction sends what nothing waits on back to back (lib/sql/postgres.ts).
  const main = pipelinedPool({
    ...common,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    idleTimeoutMillis: MAIN_POOL_IDLE_MS,
    idle_in_transaction_session_timeout: 60_000,
  });
  const exports = new pg.Pool({
    ...common,
    max: Number(process.env.DATABASE_EXPORT_POOL_SIZE ?? 2),
    // Longer than the stall watchdog (EXPORT_STALL_MS): the app decides when a reader has left,
    // and a slow but live download is not cut off under it; this ends what a stuck process left.
    idle_in_transaction_session_timeout: EXPORT_STALL_MS + 30_000,
    statement_timeout: 60_000,
  });
  return { main, exports };
}

export function openDatabase(config: DatabaseConfig = databaseConfig()): Database {
  if (config.provider === "sqlite") {
    const sql = openSqlite(config.file);
    const prisma = sqliteClient(config.url);
    return {
      config,
      prisma,
      sql,
      close: async () => {
        await prisma.$disconnect();
        await sql.close();
      },
    };
  }
  const pools = postgresPools(config.url);
  const sql = openPostgres(pools);
  // The two generated clients differ only in their provider; see the toolchain note on typing.
  const prisma = new PgClient({ adapter: new PrismaPg(pools.main), omit: OMIT }) as unknown as Db;
  return {
    config,
    prisma,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await sql.close();
    },
  };
}

const globalForDb = globalThis as unknown as { creditsDatabase?: Database };

/** The process's database, opened on first use (kept across dev-server reloads). */
export function getDatabase(): Database {
  globalForDb.creditsDatabase ??= openDatabase();
  return globalForDb.creditsDatabase;
}
