// A throwaway PostgreSQL cluster for tests, benchmarks and making migrations: created in a
// temporary folder, listening on 127.0.0.1 only, and removed when stopped. initdb refuses to
// run as root, so as root the server runs as the `postgres` system user.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type PostgresServer = {
  url: string;
  port: number;
  dataDir: string;
  /** A fresh empty database on this server; answers its URL. */
  createDatabase(name: string): string;
  stop(): void;
};

function startServer(bin: string, dataDir: string, port: number, durable: boolean) {
  const opts = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-k ${dataDir}`,
    "-c max_connections=200",
    ...(durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
  ].join(" ");
  run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-o", opts, "-l", path.join(dataDir, "server.log"), "-w", "-t", "60", "start"]);
}

function binDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) return fromEnv;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = path.join(root, v, "bin");
    if (fs.existsSync(path.join(dir, "initdb"))) return dir;
  }
  throw new Error("PostgreSQL server binaries not found: apt-get install -y postgresql (or set PG_BIN_DIR)");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function asServerUser(cmd: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [cmd, args];
  return ["runuser", ["-u", "postgres", "--", cmd, ...args]];
}

function run(cmd: string, args: string[]) {
  const [c, a] = asServerUser(cmd, args);
  const r = spawnSync(c, a, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * Starts a cluster. `durable: false` (the default, for tests) turns fsync off; benchmarks that
 * compare with durable commits pass `durable: true`.
 */
export async function startPostgres({ durable = false } = {}): Promise<PostgresServer> {
  const bin = binDir();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "credits-pg-"));
  let port: number;
  try {
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", dataDir]);
    fs.chmodSync(dataDir, 0o700);
    run(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"]);
    port = await freePort();
    startServer(bin, dataDir, port, durable);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  const psql = (sql: string) =>
    run(path.join(bin, "psql"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name: ${name}`);
      psql(`CREATE DATABASE ${name}`);
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
