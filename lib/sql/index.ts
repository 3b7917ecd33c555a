// SQL on the database driver itself, for the hot paths (charges, batch charges, CSV export)
// where Prisma's per-query cost is too high. One interface over better-sqlite3 and pg: queries
// use `?` placeholders and quoted Prisma table and column names.
//
// A transaction is a generator that yields its statements (`yield* q.get(...)`). On SQLite the
// runner drives it synchronously inside BEGIN IMMEDIATE … COMMIT, so no other code in the
// process (another connection, Prisma's) can run while it holds the write lock; better-sqlite3
// blocks the thread on a lock, so a transaction that awaited midway could stall the process.
// On PostgreSQL the same generator runs over one pooled connection, statement by statement.
//
// Rows are typed by the query: `q.rows(sql, params, decode)` with a decoder from lib/sql/rows.ts.
import type { RowDecoder, TupleDecoder } from "./rows";

export type Dialect = "sqlite" | "postgresql";
export type SqlValue = string | number | bigint | boolean | Date | null;
export type Row = Record<string, unknown>;

/** One statement, or (kind "batch") statements sent together and answered together, in order. */
export type Op = { kind: "all" | "get" | "run" | "write"; sql: string; params: readonly SqlValue[] } | { kind: "batch"; ops: readonly Op[] };
/** A unit of database work: yields statements, returns T. */
export type Query<T> = Generator<Op, T, unknown>;

/** The statements a transaction yields. */
export const q = {
  /** Every row, decoded. */
  *rows<T>(sql: string, params: readonly SqlValue[], decode: RowDecoder<T>): Query<T[]> {
    const rows = (yield { kind: "all", sql, params }) as Row[];
    return rows.map(decode);
  },
  /** The first row, decoded, or undefined. */
  *row<T>(sql: string, params: readonly SqlValue[], decode: RowDecoder<T>): Query<T | undefined> {
    const row = (yield { kind: "get", sql, params }) as Row | undefined;
    return row === undefined ? undefined : decode(row);
  },
  /**
   * A statement whose result nobody reads (an insert, an update): the runner may send it later,
   * with the next statement that needs an answer, or with the commit. Its errors fail the
   * transaction all the same.
   */
  *write(sql: string, params: readonly SqlValue[] = []): Query<void> {
    yield { kind: "write", sql, params };
  },
  /** Answers how many rows the statement changed. */
  *run(sql: string, params: readonly SqlValue[] = []): Query<number> {
    return (yield { kind: "run", sql, params }) as number;
  },
  /**
   * Runs units of work side by side: each step, the statements every unit is waiting on go out
   * together, in the order of the units, and each unit gets its own answer. On PostgreSQL that is
   * one round trip where one after the other would be several; on SQLite it changes nothing.
   * Statements run in that order, so a unit placed after one that locks a row reads after the lock.
   */
  *parallel<T extends unknown[]>(...units: { [K in keyof T]: Query<T[K]> }): Query<T> {
    const steps = units.map((u) => u.next());
    while (steps.some((s) => !s.done)) {
      const waiting = steps.map((s, i) => (s.done ? -1 : i)).filter((i) => i >= 0);
      const answers = (yield { kind: "batch", ops: waiting.map((i) => steps[i]!.value as Op) }) as unknown[];
      waiting.forEach((i, k) => {
        steps[i] = units[i]!.next(answers[k]);
      });
    }
    return steps.map((s) => s.value) as T;
  },
};

/** `?, ?, ?` for `count` values. */
export const placeholders = (count: number) => Array.from({ length: count }, () => "?").join(", ");

/** `(?, ?), (?, ?)` for `rows` rows of `width` values: a multi-row VALUES list. */
export function valueTuples(rows: number, width: number): string {
  const tuple = `(${placeholders(width)})`;
  return Array.from({ length: rows }, () => tuple).join(", ");
}

const insertHead = (table: string, columns: readonly string[]) => `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;

/**
 * Inserts rows with multi-row INSERTs of up to `perStatement` rows: one round trip per chunk on
 * PostgreSQL, and a fraction of the statements on SQLite. Answers how many rows went in (with
 * `onConflict: "ON CONFLICT … DO NOTHING"`, the ones that were new).
 */
export function* insertRows(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  options: { perStatement?: number; onConflict?: string } = {},
): Query<number> {
  const perStatement = options.perStatement ?? 200;
  const head = insertHead(table, columns);
  const tail = options.onConflict ? ` ${options.onConflict}` : "";
  let inserted = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    inserted += yield* q.run(head + valueTuples(chunk.length, columns.length) + tail, chunk.flat());
  }
  return inserted;
}

/**
 * The texts of a statement that varies only with a count (of rows, of values in a list), each
 * built once for the small counts and the full chunk that charges use, and then the same string
 * every time: the drivers find a string they have seen among their prepared statements at once,
 * where a new one is hashed and compared in full.
 */
export class TextsByCount {
  readonly #texts = new Map<number, string>();
  constructor(
    private readonly build: (count: number) => string,
    private readonly keep: (count: number) => boolean = (count) => count <= 16,
  ) {}

  of(count: number): string {
    let text = this.#texts.get(count);
    if (text === undefined) {
      text = this.build(count);
      if (this.keep(count)) this.#texts.set(count, text);
    }
    return text;
  }
}

// By column list (the callers' constants), then table and chunk size.
const insertTexts = new WeakMap<readonly string[], Map<string, TextsByCount>>();

/** insertRows for rows nobody counts: the statements may go out later (see q.write). */
export function* writeRows(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], perStatement = 200): Query<void> {
  let byTable = insertTexts.get(columns);
  if (!byTable) {
    byTable = new Map();
    insertTexts.set(columns, byTable);
  }
  const key = `${table} ${perStatement}`;
  let texts = byTable.get(key);
  if (!texts) {
    const head = insertHead(table, columns);
    texts = new TextsByCount(
      (count) => head + valueTuples(count, columns.length),
      (count) => count <= 16 || count === perStatement,
    );
    byTable.set(key, texts);
  }
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.length <= perStatement ? rows : rows.slice(i, i + perStatement);
    yield* q.write(texts.of(chunk.length), chunk.length === 1 ? chunk[0]! : chunk.flat());
  }
}

/**
 * Rows per page of iteratePages. SQLite's pages are read in-process, and small ones keep a
 * million-row export in the CPU's caches (500 rows: a tenth faster than 2,000); PostgreSQL's
 * each cost a round trip, so they are larger.
 */
export const PAGE_ROWS: Record<Dialect, number> = { sqlite: 500, postgresql: 2000 };

/**
 * iterateParts on SQLite reads a part's first PART_ROWS rows in one call and any more row by row,
 * so a part of any size holds at most this many rows at once (a few megabytes), and one call
 * keeps the event loop for at most about 30 ms (1.5 µs a usage row; a day of the benchmark's
 * million-row company, 2,740 rows, about 4 ms). A year of 4,000,000 usage rows has about 11,000
 * a day: at 5,000 a call, half its rows were read row by row, and its export took 11.7–13.9 s
 * against 11.1–11.2 s at 20,000.
 */
export const PART_ROWS = 20_000;

/** Plain reads and single statements outside a transaction. */
export interface SqlReader {
  readonly dialect: Dialect;
  /** Every row, decoded. */
  rows<T>(sql: string, params: readonly SqlValue[], decode: RowDecoder<T>): Promise<T[]>;
  /** The first row, decoded, or undefined. */
  row<T>(sql: string, params: readonly SqlValue[], decode: RowDecoder<T>): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDatabase extends SqlReader {
  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(work: (dialect: Dialect) => Query<T>): Promise<T>;
  /**
   * Streams a query's rows in pages of `pageSize`, without holding them all. Rows are read as
   * arrays of the select list's values and decoded with `tuple(…)` from lib/sql/rows.ts. On
   * SQLite integers arrive as numbers, and the decoders refuse any past 2^53.
   */
  iteratePages<T>(sql: string, params: readonly SqlValue[], decode: TupleDecoder<T>, pageSize?: number): AsyncIterable<T[]>;
  /**
   * Streams the rows of one statement run once per parameter list in `parts`, in that order and
   * in one read snapshot, as pages of at most `pageSize` rows, each with the index of its part.
   * For a query whose order starts with a column of few values (the usage report's date), read a
   * value at a time: no row carries that column, and on SQLite a part of up to PART_ROWS rows is
   * read in one call (see sqlite.ts). On PostgreSQL each part is a cursor of its own, three round
   * trips, so there the usage report keeps its one cursor (lib/reports/definitions.ts). The
   * statement has no LIMIT of its own.
   */
  iterateParts<T>(sql: string, parts: readonly (readonly SqlValue[])[], decode: TupleDecoder<T>, pageSize?: number): AsyncIterable<{ part: number; rows: T[] }>;
  close(): Promise<void>;
}

/** One statement of an Op. */
export type Statement = Exclude<Op, { kind: "batch" }>;

/** Drives a unit of work with a synchronous executor; a batch's statements run one by one. */
export function runSync<T>(work: Query<T>, execOne: (op: Statement) => unknown): T {
  let step = work.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = execSync(step.value, execOne);
    } catch (error) {
      step = work.throw(error);
      continue;
    }
    step = work.next(result);
  }
  return step.value;
}

function execSync(op: Op, execOne: (op: Statement) => unknown): unknown {
  return op.kind === "batch" ? op.ops.map((one) => execSync(one, execOne)) : execOne(op);
}

/** Drives a unit of work with an asynchronous executor. */
export async function runAsync<T>(work: Query<T>, exec: (op: Op) => Promise<unknown>): Promise<T> {
  let step = work.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = await exec(step.value);
    } catch (error) {
      step = work.throw(error);
      continue;
    }
    step = work.next(result);
  }
  return step.value;
}

/** `FOR UPDATE` where the database has row locks (SQLite's writer lock covers it already). */
export function forUpdate(dialect: Dialect, of?: string): string {
  return dialect === "postgresql" ? ` FOR UPDATE${of ? ` OF ${of}` : ""}` : "";
}

/** A unique index refused a row: SQLSTATE 23505 on PostgreSQL, SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY on SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
