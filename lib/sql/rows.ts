// Typed rows for driver-level SQL. A query names the columns it reads and how to decode each;
// the row it answers has exactly those fields, with exact types. The decoders absorb what the two
// drivers answer differently: better-sqlite3 gives every integer as a bigint (safe integers are
// on) and timestamps as ISO text, pg gives int8 as bigint (lib/sql/postgres.ts), int4 as a
// number, timestamps as Dates and booleans as booleans, where SQLite has 0 and 1.
//
//   const GrantRow = shape({ id: col.text, remainingMilli: col.bigint, expiresAt: col.date });
//   const grants = yield* q.rows(`SELECT "id", "remainingMilli", "expiresAt" FROM …`, [companyId], GrantRow);
//
// Kysely would type the SQL but not these values, and its executor is asynchronous, which the
// synchronous SQLite transactions (lib/sql/index.ts) cannot run.
import type { Row } from "./index";

export type Decoder<T> = (value: unknown, column: string) => T;

function fail(column: string, expected: string, value: unknown): never {
  throw new TypeError(`column "${column}": expected ${expected}, got ${typeof value} ${String(value)}`);
}

const text: Decoder<string> = (v, c) => (typeof v === "string" ? v : fail(c, "text", v));

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const int: Decoder<number> = (v, c) => {
  // Only safe integers: past 2^53 a number is no longer exact, and an amount must be.
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  if (typeof v === "bigint" && v <= MAX_SAFE && v >= -MAX_SAFE) return Number(v);
  if (typeof v === "string" && /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  return fail(c, "an integer within 2^53", v);
};

const bigint: Decoder<bigint> = (v, c) => {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^-?\d+$/.test(v)) return BigInt(v);
  return fail(c, "an integer", v);
};

/** The digits of `v` from `start` to `end` as a number, or NaN. */
function digits(v: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The instant of Prisma's text form of a DateTime in SQLite (`2026-12-01T06:05:24.123+00:00`),
 * read field by field: the general parser took a fifth of decoding a company's grants. Any other
 * text, or a field out of its range, answers NaN and goes to the general parser.
 */
export function parseSqliteTime(v: string): number {
  if (v.length !== 29 || v[4] !== "-" || v[7] !== "-" || v[10] !== "T" || v[13] !== ":" || v[16] !== ":" || v[19] !== "." || !v.endsWith("+00:00")) {
    return Number.NaN;
  }
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 7);
  const day = digits(v, 8, 10);
  const hour = digits(v, 11, 13);
  const minute = digits(v, 14, 16);
  const second = digits(v, 17, 19);
  const ms = digits(v, 20, 23);
  // Date.UTC reads years 0 to 99 as 1900 to 1999: those go to the general parser too.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return Number.NaN;
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar, by arithmetic (Howard
 * Hinnant's days_from_civil): Date.UTC took a third of parsing a timestamp. A day past the month's
 * end runs on into the next month, as Date.UTC has it.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const date: Decoder<Date> = (v, c) => {
  if (typeof v === "string") {
    const fast = parseSqliteTime(v);
    const d = new Date(Number.isNaN(fast) ? v : fast);
    if (!Number.isNaN(d.getTime())) return d;
  } else if (v instanceof Date) return v;
  return fail(c, "a timestamp", v);
};

const bool: Decoder<boolean> = (v, c) => {
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 1n) return true;
  if (v === 0 || v === 0n) return false;
  return fail(c, "a boolean", v);
};

function nullable<T>(decode: Decoder<T>): Decoder<T | null> {
  return (v, c) => (v === null || v === undefined ? null : decode(v, c));
}

/** Text from a fixed set of values (a status, a kind). */
function oneOf<const T extends string>(values: readonly T[]): Decoder<T> {
  return (v, c) => (typeof v === "string" && (values as readonly string[]).includes(v) ? (v as T) : fail(c, values.join(" | "), v));
}

export const col = {
  text,
  int,
  bigint,
  date,
  bool,
  oneOf,
  textOrNull: nullable(text),
  intOrNull: nullable(int),
  bigintOrNull: nullable(bigint),
  dateOrNull: nullable(date),
};

export type Shape = Record<string, Decoder<unknown>>;
export type RowOf<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** A row decoder: the named columns, each decoded; a missing column is an error. */
export type RowDecoder<T> = (row: Row) => T;

export function shape<S extends Shape>(columns: S): RowDecoder<RowOf<S>> {
  const names = Object.keys(columns);
  const decoders = Object.values(columns);
  return (row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const value = row[name];
      if (value === undefined && !(name in row)) throw new TypeError(`column "${name}" is missing from the row (columns: ${Object.keys(row).join(", ")})`);
      out[name] = decoders[i]!(value, name);
    }
    return out as RowOf<S>;
  };
}

/** A decoder of positional rows: the values of the query's select list, in order. */
export type TupleDecoder<T> = (values: readonly unknown[]) => T;

type Column = readonly [name: string, decode: Decoder<unknown>];
export type TupleOf<C extends readonly Column[]> = { -readonly [K in keyof C]: ReturnType<C[K][1]> };

/**
 * A decoder of rows read as arrays, for the CSV exports: a million rows read as arrays and
 * decoded in place cost the drivers and the decoders a fraction of named objects (a fifth of the
 * export). The columns are the select list's, in order, each named for the error messages; a
 * row of another width is an error. The row is the driver's own array, decoded where it lies.
 *
 *   const UsageRow = tuple(["usageDate", col.text], ["creditsMilli", col.int]);
 *   for (const [usageDate, creditsMilli] of page) …
 */
export function tuple<const C extends readonly Column[]>(...columns: C): TupleDecoder<TupleOf<C>> {
  const names = columns.map(([name]) => name);
  const decoders = columns.map(([, decode]) => decode);
  const width = columns.length;
  return (values) => {
    if (values.length !== width) throw new TypeError(`expected ${width} columns (${names.join(", ")}), got ${values.length}`);
    const row = values as unknown[];
    for (let i = 0; i < width; i++) row[i] = decoders[i]!(row[i], names[i]!);
    return row as TupleOf<C>;
  };
}
