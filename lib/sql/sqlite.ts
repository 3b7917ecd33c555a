// The SQL layer on better-sqlite3. A connection of its own beside Prisma's, in WAL mode with a
// busy timeout. better-sqlite3 is synchronous, so transactions that await are serialized by a
// queue: no other statement on this connection can slip into an open transaction.
import Database from "better-sqlite3";
import type { Row, SqlDatabase, SqlExecutor, SqlValue } from "./index";

/** Prisma's text form of a DateTime in SQLite; raw SQL must write the same to compare. */
export function sqliteTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (p instanceof Date ? sqliteTime(p) : typeof p === "boolean" ? (p ? 1 : 0) : p));
}

export function openSqlite(file: string): SqlDatabase {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 10000");
  db.pragma("foreign_keys = ON");
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (stmt.reader) stmt.safeIntegers(true);
      statements.set(sql, stmt);
    }
    return stmt;
  };

  const executor: SqlExecutor = {
    dialect: "sqlite",
    async all<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).all(...bind(params)) as T[];
    },
    async get<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).get(...bind(params)) as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).run(...bind(params)).changes;
    },
  };

  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = queue.then(fn, fn);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    ...executor,
    // Outside a transaction, statements still wait for an open transaction to finish.
    all: (sql, params) => serialized(() => executor.all(sql, params)),
    get: (sql, params) => serialized(() => executor.get(sql, params)),
    run: (sql, params) => serialized(() => executor.run(sql, params)),
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return serialized(async () => {
        prepare("BEGIN IMMEDIATE").run();
        try {
          const result = await fn(executor);
          prepare("COMMIT").run();
          return result;
        } catch (error) {
          if (db.inTransaction) prepare("ROLLBACK").run();
          throw error;
        }
      });
    },
    async *iterate<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      // A separate read connection: a long export must not hold the writer's queue.
      const reader = new Database(file, { readonly: true });
      try {
        const stmt = reader.prepare(sql);
        stmt.safeIntegers(true);
        for (const row of stmt.iterate(...bind(params))) yield row as T;
      } finally {
        reader.close();
      }
    },
    async close() {
      await queue;
      db.close();
    },
  };
}
