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
import type { SqlDatabase } from "./sql";
import { openPostgres } from "./sql/postgres";
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
  const pool = new pg.Pool({ connectionString: config.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const sql = openPostgres(pool);
  // The two generated clients differ only in their provider; see the toolchain note on typing.
  const prisma = new PgClient({ adapter: new PrismaPg(pool), omit: OMIT }) as unknown as Db;
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
