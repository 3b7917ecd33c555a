// The SQL layer on better-sqlite3: a connection of its own beside Prisma's, in WAL mode.
// Transactions run synchronously (see index.ts). When another process holds the write lock,
// BEGIN IMMEDIATE waits briefly on the lock and then retries after a timer, so the event loop
// (and whatever holds the lock in this process) keeps running.
import Database from "better-sqlite3";
import { PAGE_ROWS, PART_ROWS, type Query, type Row, runSync, type SqlDatabase, type SqlValue, type Statement } from "./index";
import type { RowDecoder, TupleDecoder } from "./rows";

// A charge writes the same instant many times (its entry's time, its usage's first and last time,
// the account's last entry) beside the account's next event: the last two formatted are kept.
const recentTimes = [Number.NaN, Number.NaN];
const recentTexts = ["", ""];

/** Prisma's text form of a DateTime in SQLite; raw SQL must write the same to compare. */
export function sqliteTime(d: Date): string {
  const time = d.getTime();
  if (time === recentTimes[0]) return recentTexts[0]!;
  if (time === recentTimes[1]) return recentTexts[1]!;
  const text = `${d.toISOString().slice(0, -1)}+00:00`;
  recentTimes[1] = recentTimes[0]!;
  recentTexts[1] = recentTexts[0]!;
  recentTimes[0] = time;
  recentTexts[0] = text;
  return text;
}

function bind(params: readonly SqlValue[]): unknown[] {
  const out = new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    out[i] = p instanceof Date ? sqliteTime(p) : typeof p === "boolean" ? (p ? 1 : 0) : p;
  }
  return out;
}

const LOCK_WAIT_MS = 50;
/** The longest a loop of transactions keeps the event loop to itself. */
const TURN_EVERY_MS = 2;
let lastTurn = 0;
const LOCK_GIVE_UP_MS = 15_000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

/** A statement of an export's read connection: rows as arrays, integers as numbers (see iteratePages). */
function exportStatement(reader: Database.Database, sql: string): Database.Statement {
  return reader.prepare(sql).raw(true).safeIntegers(false);
}

/** What a row of a part read whole is replaced with once the reader has taken it. */
const TAKEN: unknown[] = [];

/** Rows read one by one, decoded, in pages of `pageSize`. */
function* pagesOf<T>(rows: IterableIterator<unknown[]>, decode: TupleDecoder<T>, pageSize: number): Generator<T[]> {
  for (;;) {
    const page: T[] = [];
    for (let next = rows.next(); !next.done; next = rows.next()) {
      page.push(decode(next.value));
      if (page.length === pageSize) break;
    }
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
  }
}

export function openSqlite(file: string): SqlDatabase {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
  db.pragma("foreign_keys = ON");
  // Statements that return rows read them as arrays, made into objects here: better-sqlite3
  // builds an object row in C++ a property at a time, which cost a third of reading a company's
  // grants; the same object built in JavaScript, always in the same order, takes one shape.
  type Prepared = { stmt: Database.Statement; columns: string[] };
  const statements = new Map<string, Prepared>();
  const prepare = (sql: string): Prepared => {
    let prepared = statements.get(sql);
    if (!prepared) {
      const stmt = db.prepare(sql);
      const columns = stmt.reader ? stmt.columns().map((c) => c.name) : [];
      if (stmt.reader) stmt.safeIntegers(true).raw(true);
      prepared = { stmt, columns };
      statements.set(sql, prepared);
    }
    return prepared;
  };
  const toRow = (columns: string[], values: unknown[]): Row => {
    const row: Row = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i];
    return row;
  };
  const exec = (op: Statement): unknown => {
    const { stmt, columns } = prepare(op.sql);
    const params = bind(op.params);
    if (op.kind === "all") return (stmt.all(params) as unknown[][]).map((values) => toRow(columns, values));
    if (op.kind === "get") {
      const values = stmt.get(params) as unknown[] | undefined;
      return values === undefined ? undefined : toRow(columns, values);
    }
    return stmt.run(params).changes;
  };
  const control = (sql: "BEGIN IMMEDIATE" | "COMMIT" | "ROLLBACK") => prepare(sql).stmt.run();

  async function withLockRetry<T>(attempt: () => T): Promise<T> {
    const started = Date.now();
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error) || Date.now() - started > LOCK_GIVE_UP_MS) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
    }
  }

  const single = <T>(op: Statement) => withLockRetry(() => exec(op) as T);

  return {
    dialect: "sqlite",
    rows: async <T>(sql: string, params: readonly SqlValue[], decode: RowDecoder<T>) => (await single<Row[]>({ kind: "all", sql, params })).map(decode),
    row: async <T>(sql: string, params: readonly SqlValue[], decode: RowDecoder<T>) => {
      const row = await single<Row | undefined>({ kind: "get", sql, params });
      return row === undefined ? undefined : decode(row);
    },
    run: (sql: string, params: readonly SqlValue[] = []) => single<number>({ kind: "run", sql, params }),
    async transaction<T>(work: (dialect: "sqlite") => Query<T>): Promise<T> {
      // Each transaction runs synchronously; a turn of the event loop now and then keeps a loop
      // of transactions from starving requests and timers in the same process (a turn each time
      // would cost a tenth of a charge).
      if (performance.now() - lastTurn > TURN_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastTurn = performance.now();
      }
      return withLockRetry(() => {
        control("BEGIN IMMEDIATE");
        try {
          const result = runSync(work("sqlite"), exec);
          control("COMMIT");
          return result;
        } catch (error) {
          if (db.inTransaction) control("ROLLBACK");
          throw error;
        }
      });
    },
    async *iteratePages<T>(sql: string, params: readonly SqlValue[], decode: TupleDecoder<T>, pageSize = PAGE_ROWS.sqlite) {
      // A separate read connection: a long export holds no lock and blocks no writer. Rows are
      // read synchronously a page at a time, so the stream awaits once a page, not once a row.
      // They are read as arrays, integers as numbers (a bigint per amount would cost a third of
      // the export): the decoders refuse any integer past 2^53, where a number stops being exact.
      // A reader that stops early (a cancelled or stalled download) leaves the statement midway:
      // it is ended first, since better-sqlite3 refuses to close a connection still iterating.
      const reader = new Database(file, { readonly: true });
      let rows: IterableIterator<unknown[]> | undefined;
      try {
        rows = exportStatement(reader, sql).iterate(...bind(params)) as IterableIterator<unknown[]>;
        yield* pagesOf(rows, decode, pageSize);
      } finally {
        rows?.return?.();
        reader.close();
      }
    },
    async *iterateParts<T>(sql: string, parts: readonly (readonly SqlValue[])[], decode: TupleDecoder<T>, pageSize = PAGE_ROWS.sqlite) {
      // As iteratePages, on a read connection of its own, in one read transaction: in WAL mode
      // its first read fixes the snapshot every part is read from, and it blocks no writer.
      // A part's first PART_ROWS rows are read in one call (all()): better-sqlite3 then makes
      // the rows in one pass, where iterate() crosses into the driver once a row; a day of the
      // usage report read so cost a fifth less. Any further rows of a larger part are read row
      // by row, so no part is held whole however large it is.
      const reader = new Database(file, { readonly: true });
      let rest: IterableIterator<unknown[]> | undefined;
      try {
        const head = exportStatement(reader, `${sql} LIMIT ${PART_ROWS}`);
        const tail = exportStatement(reader, `${sql} LIMIT -1 OFFSET ${PART_ROWS}`);
        reader.exec("BEGIN");
        for (let part = 0; part < parts.length; part++) {
          const params = bind(parts[part]!);
          const rows = head.all(...params) as unknown[][];
          for (let i = 0; i < rows.length; i += pageSize) {
            yield { part, rows: rows.slice(i, i + pageSize).map(decode) };
            // Let go of the rows the reader has taken, so that a large part's rows are not all
            // kept to its end (4,000,000 usage rows: a peak of 149 MB, against 161–168 MB).
            rows.fill(TAKEN, i, i + pageSize);
          }
          if (rows.length < PART_ROWS) continue;
          rest = tail.iterate(...params) as IterableIterator<unknown[]>;
          for (const page of pagesOf(rest, decode, pageSize)) yield { part, rows: page };
          rest = undefined;
        }
        reader.exec("COMMIT");
      } finally {
        rest?.return?.();
        reader.close();
      }
    },
    async close() {
      db.close();
    },
  };
}
