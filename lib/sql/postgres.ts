// The SQL layer on pg, sharing one pool with Prisma's adapter. Statements are prepared once per
// connection (named by their text) and int8 and timestamp columns are read exactly: int8 as
// bigint, and Prisma's `timestamp(3)` (stored in UTC, without a zone) as UTC.
import { createHash } from "node:crypto";
import pg from "pg";
import { type Op, type Query, type Row, runAsync, type SqlDatabase, type SqlReader, type SqlValue } from "./index";

const INT8 = 20;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (v: string) => BigInt(v);
    if (oid === TIMESTAMP) return (v: string) => new Date(`${v.replace(" ", "T")}Z`);
    if (oid === TIMESTAMPTZ) return (v: string) => new Date(v);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

const converted = new Map<string, { text: string; name: string }>();
function statement(sql: string) {
  let s = converted.get(sql);
  if (!s) {
    let i = 0;
    const text = sql.replace(/\?/g, () => `$${++i}`);
    s = { text, name: `q_${createHash("sha1").update(text).digest("hex").slice(0, 16)}` };
    converted.set(sql, s);
  }
  return s;
}

// Timestamps are written as ISO text: `timestamp without time zone` takes its literal UTC
// time, whereas pg would serialize a Date in the process's local zone.
function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (p instanceof Date ? p.toISOString() : typeof p === "bigint" ? p.toString() : p));
}

function query(client: pg.PoolClient | pg.Pool, sql: string, params: readonly SqlValue[]) {
  const { text, name } = statement(sql);
  return client.query({ text, name, values: bind(params), types } as pg.QueryConfig);
}

async function exec(client: pg.PoolClient, op: Op): Promise<unknown> {
  const result = await query(client, op.sql, op.params);
  if (op.kind === "all") return result.rows;
  if (op.kind === "get") return result.rows[0];
  return result.rowCount ?? 0;
}

function readerOn(client: pg.Pool): SqlReader {
  return {
    dialect: "postgresql",
    async all<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await query(client, sql, params)).rows as T[];
    },
    async get<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await query(client, sql, params)).rows[0] as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await query(client, sql, params)).rowCount ?? 0;
    },
  };
}

export function openPostgres(pool: pg.Pool): SqlDatabase {
  const base = readerOn(pool);
  return {
    ...base,
    async transaction<T>(work: (dialect: "postgresql") => Query<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await runAsync(work("postgresql"), (op) => exec(client, op));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async *iteratePages<T extends Row>(sql: string, params: readonly SqlValue[] = [], pageSize = 2000) {
      // A server-side cursor read in pages, inside a read-only transaction.
      const client = await pool.connect();
      const cursor = `export_${Math.random().toString(36).slice(2)}`;
      try {
        await client.query("BEGIN READ ONLY");
        const { text } = statement(sql);
        await client.query({ text: `DECLARE ${cursor} NO SCROLL CURSOR FOR ${text}`, values: bind(params) } as pg.QueryConfig);
        for (;;) {
          const page = await client.query({ text: `FETCH ${Math.floor(pageSize)} FROM ${cursor}`, types } as pg.QueryConfig);
          if (page.rows.length) yield page.rows as T[];
          if (page.rows.length < pageSize) break;
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
