// SQL on the database driver itself, for the hot paths (charges, batch charges, CSV export)
// where Prisma's per-query cost is too high. One interface over better-sqlite3 and pg: queries
// use `?` placeholders and quoted Prisma table and column names, and run in transactions that
// serialize per company (SQLite: one writer; PostgreSQL: `FOR UPDATE` on the account row).

export type Dialect = "sqlite" | "postgresql";
export type SqlValue = string | number | bigint | boolean | Date | null;
export type Row = Record<string, unknown>;

export interface SqlExecutor {
  readonly dialect: Dialect;
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; answers how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Streams a query's rows in pages without holding them all. */
  iterate<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): AsyncIterable<T>;
  close(): Promise<void>;
}

/** A bigint from a column value (pg answers int8 as text; better-sqlite3 as bigint). */
export function toBigInt(value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`expected an integer column value, got ${typeof value} ${String(value)}`);
}

export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value !== "") return Number(value);
  throw new TypeError(`expected a numeric column value, got ${typeof value}`);
}

/** A Date from a column value (SQLite stores Prisma DateTimes as ISO text). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string") {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new TypeError(`expected a timestamp column value, got ${String(value)}`);
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** `FOR UPDATE` where the database has row locks (SQLite's writer lock covers it already). */
export function forUpdate(dialect: Dialect): string {
  return dialect === "postgresql" ? " FOR UPDATE" : "";
}
