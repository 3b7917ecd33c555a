// The SQL layer on pg, sharing one pool with Prisma's adapter. Statements are prepared once per
// connection (named by their text) and int8 and timestamp columns are read exactly: int8 as
// bigint, and Prisma's `timestamp(3)` (stored in UTC, without a zone) as UTC.
//
// Every transaction ends on every path: committed when its work returns, rolled back when it
// throws or its reader stops early (a cancelled download), and a connection whose ROLLBACK
// itself failed is destroyed rather than returned to the pool, where the next user would
// inherit the open transaction. Transactions run in READ COMMITTED whatever the database's
// default (operators may set `default_transaction_isolation = serializable`). Serialization
// failures and deadlocks (40001, 40P01) are still retried from the start, up to
// MAX_ATTEMPTS times with jittered backoff; the work is a fresh generator each time, and what
// it wrote in a failed attempt was rolled back, so a retry never applies anything twice.
import { createHash } from "node:crypto";
import pg from "pg";
import { AppError } from "../errors";
import { type Op, PAGE_ROWS, type Query, type Row, runAsync, type SqlDatabase, type SqlReader, type SqlValue, type Statement } from "./index";
import type { RowDecoder, TupleDecoder } from "./rows";

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

/** A statement's rows read through a server-side cursor in pages of `pageSize`, inside the caller's transaction; the cursor is closed after its last page. */
async function* cursorPages<T>(client: pg.PoolClient, sql: string, params: readonly SqlValue[], decode: TupleDecoder<T>, pageSize: number) {
  const cursor = `export_${Math.random().toString(36).slice(2)}`;
  await client.query({ text: `DECLARE ${cursor} NO SCROLL CURSOR FOR ${statement(sql).text}`, values: bind(params) } as pg.QueryConfig);
  for (;;) {
    const page = await client.query({ text: `FETCH ${Math.floor(pageSize)} FROM ${cursor}`, types, rowMode: "array" } as pg.QueryArrayConfig);
    if (page.rows.length) yield (page.rows as unknown[][]).map(decode);
    if (page.rows.length < pageSize) break;
  }
  await client.query(`CLOSE ${cursor}`);
}

function answer(op: Statement, result: pg.QueryResult): unknown {
  if (op.kind === "all") return result.rows;
  if (op.kind === "get") return result.rows[0];
  return result.rowCount ?? 0;
}

/**
 * One transaction's statements on one connection, sent without waiting where nothing waits on
 * them. With the pool in pipeline mode (lib/db.ts), BEGIN, the writes nobody reads (q.write)
 * and the statements of a batch (q.parallel) go out back to back and are answered in order, so a
 * charge is two round trips: its reads, then its writes with the COMMIT. The first failure is
 * the one thrown, at the next statement that waits.
 */
class Pipeline {
  private readonly pending: Promise<unknown>[] = [];
  private failure: unknown;
  private failed = false;
  private corked = false;
  roundTrips = 0;

  constructor(private readonly client: pg.PoolClient) {}

  /** The connection's socket (pg keeps it on the client's `connection`). */
  private get socket(): { cork(): void; uncork(): void } {
    return (this.client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
  }

  /**
   * Sends what was queued since the last wait. Statements between two waits are held in the
   * socket (corked) and leave in one write: a write per statement costs a system call and, on a
   * local server, a wake-up of the backend each, which at eight statements a charge was the
   * largest share of the serving process's time. Every path that waits or ends the transaction
   * flushes first.
   */
  flush(): void {
    if (this.corked) {
      this.corked = false;
      this.socket.uncork();
    }
  }

  private send(sql: string, params: readonly SqlValue[] = []): Promise<pg.QueryResult> {
    if (!this.corked) {
      this.socket.cork();
      this.corked = true;
    }
    const sent = query(this.client, sql, params);
    this.pending.push(
      sent.catch((error) => {
        if (!this.failed) {
          this.failed = true;
          this.failure = error;
        }
      }),
    );
    return sent;
  }

  /** Waits for everything sent; throws the first failure. */
  private async settle(): Promise<void> {
    this.flush();
    if (this.pending.length > 0) {
      this.roundTrips += 1;
      await Promise.all(this.pending.splice(0));
    }
    if (this.failed) throw this.failure;
  }

  later(sql: string): void {
    void this.send(sql);
  }

  async exec(op: Op): Promise<unknown> {
    if (op.kind === "write") {
      void this.send(op.sql, op.params);
      return undefined;
    }
    const statements = op.kind === "batch" ? flatten(op.ops) : [op];
    const sent = statements.map((s) => this.send(s.sql, s.params));
    await this.settle();
    const answers = await Promise.all(sent.map((p, i) => p.then((r) => answer(statements[i]!, r))));
    return op.kind === "batch" ? regroup(op.ops, answers) : answers[0];
  }

  async commit(): Promise<void> {
    void this.send("COMMIT");
    await this.settle();
  }
}

function flatten(ops: readonly Op[]): Statement[] {
  return ops.flatMap((op) => (op.kind === "batch" ? flatten(op.ops) : [op]));
}

/** Nested batches get nested answers, as their units expect. */
function regroup(ops: readonly Op[], answers: unknown[]): unknown[] {
  let next = 0;
  const take = (op: Op): unknown => (op.kind === "batch" ? op.ops.map(take) : answers[next++]);
  return ops.map(take);
}

/** Round trips of the transactions on this database, for the charge benchmark. */
export type PostgresStats = { transactions: number; roundTrips: number };

/** How many times a transaction runs at most when it keeps meeting serialization failures. */
export const MAX_ATTEMPTS = 10;

/** PostgreSQL's SQLSTATE of a driver error, if it has one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A serialization failure or a deadlock: the transaction did nothing and may run again. */
export function isRetryable(error: unknown): boolean {
  const code = sqlState(error);
  return code === "40001" || code === "40P01";
}

/**
 * An error PostgreSQL itself answered (a statement's, or a COMMIT's): its transaction was rolled
 * back. A lost connection is not one: a COMMIT may have taken effect before its answer was lost.
 */
function isAnsweredByServer(error: unknown): boolean {
  return error instanceof pg.DatabaseError;
}

/**
 * The connection failed while a transaction's COMMIT was on its way, without an answer from the
 * server: the COMMIT may have taken effect or not, and only reading the database tells which. A
 * transaction that failed any other way wrote nothing. The connection's own error is the cause.
 */
export class CommitOutcomeUnknown extends Error {
  constructor(cause: unknown) {
    super(`the connection failed while a COMMIT was on its way, which may have taken effect: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = "CommitOutcomeUnknown";
  }
}

/** The pause after failed attempt `attempt` (1, 2, …): 10, 20, 40 … ms up to 200 ms, each scaled by a random factor in [0.5, 1.5). */
function backoffMs(attempt: number): number {
  return Math.min(5 * 2 ** attempt, 200) * (0.5 + Math.random());
}

/** pg's error when no pooled connection came free within `connectionTimeoutMillis`, as `busy`. */
function busyIfAcquireTimedOut(error: unknown, purpose: string): unknown {
  if (error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message)) {
    return new AppError("busy", `No database connection came free for ${purpose} in time; the server is busy. Retry in a few seconds.`, {
      details: { retryAfter: "5" },
    });
  }
  return error;
}

const listening = new WeakSet<pg.PoolClient>();

/**
 * A connection can be lost while it is checked out: the server ends a transaction left idle
 * (idle_in_transaction_session_timeout, an export whose reader stalled), a backend is
 * terminated, the server restarts. pg then emits 'error' on the client, and the pool listens
 * only while the client is idle in it: with no listener, the event would throw and take the
 * whole process down. Here it is logged; the statement that follows fails, and the connection
 * is destroyed when it is released.
 */
function survivesLoss(client: pg.PoolClient): pg.PoolClient {
  if (!listening.has(client)) {
    listening.add(client);
    client.on("error", (error) => console.warn(`a pooled database connection was lost: ${error.message}`));
  }
  return client;
}

/** A pooled connection, or `busy` when none comes free within the pool's acquire timeout. */
async function connect(pool: pg.Pool, purpose: string): Promise<pg.PoolClient> {
  try {
    return survivesLoss(await pool.connect());
  } catch (error) {
    throw busyIfAcquireTimedOut(error, purpose);
  }
}

/** Ends an open transaction and gives the connection back; a connection that cannot be cleaned is destroyed. */
async function rollbackAndRelease(client: pg.PoolClient): Promise<void> {
  try {
    await client.query("ROLLBACK");
    client.release();
  } catch (error) {
    client.release(error instanceof Error ? error : new Error(String(error)));
  }
}

function readerOn(pool: pg.Pool): SqlReader {
  const single = async (sql: string, params: readonly SqlValue[]) => {
    try {
      return await query(pool, sql, params);
    } catch (error) {
      throw busyIfAcquireTimedOut(error, "this read");
    }
  };
  return {
    dialect: "postgresql",
    async rows<T>(sql: string, params: readonly SqlValue[], decode: RowDecoder<T>) {
      return ((await single(sql, params)).rows as Row[]).map(decode);
    },
    async row<T>(sql: string, params: readonly SqlValue[], decode: RowDecoder<T>) {
      const row = (await single(sql, params)).rows[0] as Row | undefined;
      return row === undefined ? undefined : decode(row);
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await single(sql, params)).rowCount ?? 0;
    },
  };
}

export type PostgresPools = {
  /** Charges, pages and everything else. */
  main: pg.Pool;
  /** CSV exports only, so that a slow download never holds a connection a charge needs. */
  exports?: pg.Pool;
};

/**
 * A pool whose connections pipeline (pg's `pipeline` option): a transaction's statements that
 * nothing waits on go out back to back on them (Pipeline above). openPostgres's main pool must be
 * one; the export pool may be too.
 */
export function pipelinedPool(config: pg.PoolConfig): pg.Pool {
  return new pg.Pool({ ...config, pipeline: true } as pg.PoolConfig);
}

export function openPostgres(pools: pg.Pool | PostgresPools, stats?: PostgresStats): SqlDatabase {
  const { main, exports = main } = pools instanceof pg.Pool ? { main: pools } : pools;
  if (!(main.options as { pipeline?: boolean }).pipeline) {
    throw new TypeError("openPostgres needs its main pool in pipeline mode: make it with pipelinedPool()");
  }
  const base = readerOn(main);

  async function attempt<T>(work: (dialect: "postgresql") => Query<T>): Promise<T> {
    const client = await connect(main, "this change");
    const pipeline = new Pipeline(client);
    let committing = false;
    try {
      // The ledger's correctness rests on row locks taken in READ COMMITTED (a locked row is read
      // as it stands after the wait); a database whose default is stricter would turn those waits
      // into serialization failures, so the level is named here.
      pipeline.later("BEGIN ISOLATION LEVEL READ COMMITTED");
      const result = await runAsync(work("postgresql"), (op) => pipeline.exec(op));
      committing = true;
      await pipeline.commit();
      client.release();
      return result;
    } catch (error) {
      pipeline.flush();
      await rollbackAndRelease(client);
      throw committing && !isAnsweredByServer(error) ? new CommitOutcomeUnknown(error) : error;
    } finally {
      if (stats) {
        stats.transactions += 1;
        stats.roundTrips += pipeline.roundTrips;
      }
    }
  }

  return {
    ...base,
    async transaction<T>(work: (dialect: "postgresql") => Query<T>): Promise<T> {
      for (let n = 1; ; n++) {
        try {
          return await attempt(work);
        } catch (error) {
          if (!isRetryable(error) || n >= MAX_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, backoffMs(n)));
        }
      }
    },
    async *iteratePages<T>(sql: string, params: readonly SqlValue[], decode: TupleDecoder<T>, pageSize = PAGE_ROWS.postgresql) {
      // A server-side cursor read in pages, inside a read-only transaction on the export pool.
      // The `finally` runs on every exit: the end of the rows, an error, and a reader that stops
      // early (the async generator's return()), so the transaction always ends.
      const client = await connect(exports, "this export");
      let committed = false;
      try {
        await client.query("BEGIN READ ONLY");
        yield* cursorPages(client, sql, params, decode, pageSize);
        await client.query("COMMIT");
        committed = true;
      } finally {
        if (committed) client.release();
        else await rollbackAndRelease(client);
      }
    },
    async *iterateParts<T>(sql: string, parts: readonly (readonly SqlValue[])[], decode: TupleDecoder<T>, pageSize = PAGE_ROWS.postgresql) {
      // As iteratePages, a cursor a part, in one REPEATABLE READ transaction: one snapshot for all.
      const client = await connect(exports, "this export");
      let committed = false;
      try {
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        for (let part = 0; part < parts.length; part++) {
          for await (const rows of cursorPages(client, sql, parts[part]!, decode, pageSize)) yield { part, rows };
        }
        await client.query("COMMIT");
        committed = true;
      } finally {
        if (committed) client.release();
        else await rollbackAndRelease(client);
      }
    },
    async close() {
      await main.end();
      if (exports !== main) await exports.end();
    },
  };
}
