// One instance at a time migrates and seeds: instances started together on an empty database
// take this lock in turn, so the first migrates and seeds and the others find it done.
// PostgreSQL: a session advisory lock, released when the holder disconnects or dies. SQLite: an
// exclusive transaction on a lock file beside the database, released the same ways.
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseConfig } from "../../lib/db-config";

/** The advisory lock key: any constant no other code in the database uses. */
const STARTUP_LOCK_KEY = 4_177_264_913;
const SQLITE_WAIT_MS = 10 * 60_000;

export async function withStartupLock<T>(config: DatabaseConfig, work: () => Promise<T>): Promise<T> {
  if (config.provider === "sqlite") {
    const lock = new Database(`${config.file}.startup-lock`);
    try {
      lock.pragma(`busy_timeout = ${SQLITE_WAIT_MS}`);
      lock.exec("BEGIN EXCLUSIVE");
      return await work();
    } finally {
      lock.close();
    }
  }
  const client = new pg.Client({ connectionString: config.url, application_name: "credits-admin-center startup" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
    return await work();
  } finally {
    await client.end();
  }
}
