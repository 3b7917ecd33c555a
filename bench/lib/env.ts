// The benchmark's throwaway databases: a SQLite file in a temp dir and a durable PostgreSQL
// cluster, both migrated with the app's own migration code. Everything is removed at the end,
// also when the run fails or is interrupted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseConfig } from "../../lib/db-config";
import type { SqlDatabase } from "../../lib/sql";
import { generateClients } from "../../scripts/db/generate";
import { applyMigrations } from "../../scripts/db/migrations";
import { type PostgresServer, startPostgres } from "../../scripts/pg/server";

export type BenchEnv = {
  sqliteUrl?: string;
  sqliteFile?: string;
  pgUrl?: string;
  /** The PostgreSQL cluster's data directory (its postmaster.pid names the server process). */
  pgDataDir?: string;
  cleanup(): void;
};

/** `pgLog`: a file to keep the PostgreSQL server's log in, with slow statements and lock waits logged. */
export async function prepareDatabases(want: { sqlite: boolean; postgresql: boolean; pgLog?: string }): Promise<BenchEnv> {
  generateClients();
  let dir: string | undefined;
  let server: PostgresServer | undefined;
  const cleanup = () => {
    try {
      server?.stop();
    } finally {
      server = undefined;
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", cleanup);
  try {
    const env: BenchEnv = { cleanup };
    if (want.sqlite) {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "credits-bench-"));
      const config = databaseConfig(`file:${path.join(dir, "bench.db")}`);
      await applyMigrations(config);
      if (config.provider === "sqlite") [env.sqliteUrl, env.sqliteFile] = [config.url, config.file];
    }
    if (want.postgresql) {
      server = await startPostgres({ durable: true, keepLogAt: want.pgLog });
      env.pgUrl = await server.createDatabase("credits_bench");
      env.pgDataDir = server.dataDir;
      await applyMigrations(databaseConfig(env.pgUrl));
    }
    return env;
  } catch (error) {
    cleanup();
    throw error;
  }
}

/**
 * Gives the planner the statistics a database in service has and a just-created one lacks. A
 * PostgreSQL connection plans each prepared statement from the statistics of that moment (after
 * five runs of it) and keeps the plan until the table is analyzed again. On a new database the
 * statistics say every table is empty, so those first plans scan whole tables: a capture's key
 * lookup read every hold in the table, each charge slower than the one before, until
 * autovacuum's next pass replanned everything in the middle of a measured run. The benchmarks
 * measure after a warm-up has written rows and this has analyzed them, as pgbench does. SQLite
 * plans without statistics: nothing to do there.
 */
export async function analyzeWarmedDatabase(sql: Pick<SqlDatabase, "dialect" | "run">): Promise<void> {
  if (sql.dialect === "postgresql") await sql.run("VACUUM (ANALYZE)");
}
