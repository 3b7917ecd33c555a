// The benchmark's throwaway databases: a SQLite file in a temp dir and a durable PostgreSQL
// cluster, both migrated with the app's own migration code. Everything is removed at the end,
// also when the run fails or is interrupted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseConfig } from "../../lib/db-config";
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
