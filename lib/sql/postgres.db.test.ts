// The PostgreSQL SQL layer against a real server: transactions run in READ COMMITTED whatever the
// database's default; serialization failures (40001) and deadlocks (40P01) are retried, a bounded
// number of times, without ever applying a charge twice; every way a page read can stop leaves
// its connection clean; a connection lost while in use (the server ended an idle transaction)
// fails its own work and never the process; a connection lost with a COMMIT on its way is told
// apart (it may have taken effect); a pool with no connection free answers `busy`; and the app's
// pools carry the timeouts the README states.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabaseUrl } from "../../test/support/databases";
import { eventually } from "../../test/support/instances";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { ledgerSnapshot } from "../../test/support/ledger-snapshot";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { AppError } from "../errors";
import { charge, getCreditSummary } from "../ledger";
import { EXPORT_STALL_MS } from "../reports/export-slots";
import { type Query, q, type SqlDatabase } from "./index";
import { CommitOutcomeUnknown, MAX_ATTEMPTS, openPostgres, pipelinedPool } from "./postgres";
import { col, shape, tuple } from "./rows";

const NOW = new Date("2026-06-10T12:00:00.000Z");
const One = shape({ one: col.int });
const use = (idempotencyKey?: string, amountMilli = 1_000n) => ({
  amountMilli,
  action: "Ask Anything API",
  usage: TEST_USAGE,
  idempotencyKey,
  requestHash: "h",
});

/** Runs statements on the database outside the app's pools (DDL, settings). */
async function onServer(url: string, ...statements: string[]): Promise<pg.QueryResult[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const results: pg.QueryResult[] = [];
    for (const s of statements) results.push(await client.query(s));
    return results;
  } finally {
    await client.end();
  }
}

/** Each key charged exactly once in the ledger, whatever the outcomes said. */
async function expectEachKeyOnce(sql: SqlDatabase, companyId: string, keys: string[]) {
  const rows = await sql.rows(
    `SELECT "idempotencyKey" FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used' ORDER BY "idempotencyKey"`,
    [companyId],
    shape({ idempotencyKey: col.text }),
  );
  expect(rows.map((r) => r.idempotencyKey)).toEqual([...keys].sort());
}

describe("a database whose default isolation is serializable", () => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    const url = await freshDatabaseUrl("postgresql");
    const name = new URL(url).pathname.slice(1);
    await onServer(url, `ALTER DATABASE "${name}" SET default_transaction_isolation = 'serializable'`);
    // Opened after the change: every new connection starts with the serializable default.
    a = openDatabase(databaseConfig(url));
    b = openDatabase(databaseConfig(url));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("still runs ledger transactions in READ COMMITTED, so concurrent keyed charges neither fail nor charge twice", async () => {
    expect(await a.sql.row(`SHOW default_transaction_isolation`, [], shape({ default_transaction_isolation: col.text }))).toEqual({
      default_transaction_isolation: "serializable",
    });
    const { companyId } = await makeCompany(a.sql, NOW);
    const keys = Array.from({ length: 8 }, (_, i) => `serial-${i}`);
    const attempts = Array.from({ length: 32 }, (_, i) => charge((i % 2 ? a : b).sql, companyId, use(keys[i % keys.length]), NOW));
    const outcomes = (await Promise.all(attempts)).map((o) => o.outcome);
    expect(outcomes.filter((o) => o === "charged")).toHaveLength(8);
    expect(outcomes.filter((o) => o === "exists")).toHaveLength(24);
    await expectEachKeyOnce(a.sql, companyId, keys);
    expect((await getCreditSummary(a.sql, { companyId, now: NOW })).remainingMilli).toBe(100_000n - 8_000n);
    await expectLedgerConsistent(a.sql, companyId);
    expect(await a.sql.transaction(() => q.row(`SHOW transaction_isolation`, [], shape({ transaction_isolation: col.text })))).toEqual({
      transaction_isolation: "read committed",
    });
  });
});

describe("serialization failures and deadlocks", () => {
  let url: string;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    url = await freshDatabaseUrl("postgresql");
    // Injected failures, real to the database: a charge's keyed entry names its key for the
    // transaction; when the account row is then updated (the last write of a charge, after its
    // grants, entries and usage), the key's plan says whether this attempt fails, counted by a
    // sequence (nextval is not rolled back, so attempts are counted across retries).
    await onServer(
      url,
      `CREATE TABLE faults_plan ("key" text PRIMARY KEY, "failFirst" int NOT NULL, "code" text NOT NULL, "attempts" text NOT NULL)`,
      `CREATE FUNCTION faults_name_key() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW."idempotencyKey" IS NOT NULL THEN PERFORM set_config('faults.key', NEW."idempotencyKey", true); END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER faults_name_key AFTER INSERT ON "LedgerEntry" FOR EACH ROW EXECUTE FUNCTION faults_name_key()`,
      `CREATE FUNCTION faults_fail_attempt() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE plan faults_plan;
       BEGIN
         SELECT * INTO plan FROM faults_plan WHERE "key" = current_setting('faults.key', true);
         IF FOUND AND nextval(plan."attempts"::regclass) <= plan."failFirst" THEN
           RAISE EXCEPTION 'injected failure for %', plan."key" USING ERRCODE = plan."code";
         END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER faults_fail_attempt AFTER UPDATE ON "CreditAccount" FOR EACH ROW EXECUTE FUNCTION faults_fail_attempt()`,
    );
    a = openDatabase(databaseConfig(url));
    b = openDatabase(databaseConfig(url));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  /** The first `failFirst` attempts that write a charge under `key` fail with `code`. */
  async function planFailures(key: string, failFirst: number, code: string) {
    const attempts = `faults_attempts_${Math.random().toString(36).slice(2)}`;
    await onServer(url, `CREATE SEQUENCE ${attempts}`, `INSERT INTO faults_plan VALUES ('${key}', ${failFirst}, '${code}', '${attempts}')`);
    return async () => {
      const [result] = await onServer(url, `SELECT last_value, is_called FROM ${attempts}`);
      const row = result!.rows[0] as { last_value: string; is_called: boolean };
      return row.is_called ? Number(row.last_value) : 0;
    };
  }

  it.each([
    ["40001", "serialization failures"],
    ["40P01", "deadlocks"],
  ])("retries %s (%s) raised after a charge's writes, charging each key exactly once", async (code) => {
    const { companyId } = await makeCompany(a.sql, NOW);
    const keys = Array.from({ length: 6 }, (_, i) => `${code}-${i}`);
    const attemptsOf = await Promise.all(keys.map((key) => planFailures(key, 3, code)));
    // Each key sent twice at once, over two pools.
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => charge((i % 2 ? a : b).sql, companyId, use(keys[i % 6]), NOW)));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual([...Array(6).fill("charged"), ...Array(6).fill("exists")]);
    // Three failed attempts per key, then the one that committed.
    for (const attempts of attemptsOf) expect(await attempts()).toBe(4);
    await expectEachKeyOnce(a.sql, companyId, keys);
    expect((await getCreditSummary(a.sql, { companyId, now: NOW })).remainingMilli).toBe(100_000n - 6_000n);
    const usage = await a.sql.row(`SELECT SUM("creditsMilli") AS used FROM "UsageRecord" WHERE "companyId" = ?`, [companyId], shape({ used: col.bigint }));
    expect(usage?.used).toBe(6_000n);
    await expectLedgerConsistent(a.sql, companyId);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts with the error, having changed nothing`, async () => {
    const { companyId } = await makeCompany(a.sql, NOW);
    const attempts = await planFailures("always-fails", 1_000, "40001");
    const before = await ledgerSnapshot(a.sql, companyId);
    await expect(charge(a.sql, companyId, use("always-fails"), NOW)).rejects.toMatchObject({ code: "40001" });
    expect(await attempts()).toBe(MAX_ATTEMPTS);
    expect(await ledgerSnapshot(a.sql, companyId)).toEqual(before);
    await expectLedgerConsistent(a.sql, companyId);
  });

  it("retries the loser of a real deadlock, which then completes", async () => {
    const first = await makeCompany(a.sql, NOW);
    const second = await makeCompany(a.sql, NOW);
    const runs = { ab: 0, ba: 0 };
    // Locks two account rows in opposite orders, with a pause between, so each waits for the other.
    const lockBoth = (name: keyof typeof runs, one: string, other: string) =>
      function* (): Query<string> {
        runs[name]++;
        const lock = `SELECT "companyId" FROM "CreditAccount" WHERE "companyId" = ? FOR UPDATE`;
        yield* q.run(lock, [one]);
        yield* q.run(`SELECT pg_sleep(0.2)`);
        yield* q.run(lock, [other]);
        return name;
      };
    const done = await Promise.all([
      a.sql.transaction(lockBoth("ab", first.companyId, second.companyId)),
      b.sql.transaction(lockBoth("ba", second.companyId, first.companyId)),
    ]);
    expect(done).toEqual(["ab", "ba"]);
    expect(runs.ab + runs.ba).toBe(3);
  });
});

describe("connections after a page read stops early", () => {
  let url: string;
  let pool: pg.Pool;
  let sql: SqlDatabase;
  beforeAll(async () => {
    url = await freshDatabaseUrl("postgresql");
    // One connection: whatever a page read leaves behind, the next transaction gets.
    pool = pipelinedPool({ connectionString: url, max: 1 });
    sql = openPostgres(pool);
  });
  afterAll(async () => {
    await sql?.close();
  });

  const pages = (text = `SELECT n FROM generate_series(1, 10) AS n`) => sql.iteratePages(text, [], tuple(["n", col.int]), 2);

  it("ends the read's transaction when the reader stops, throws, or the query fails, so the next charge on that connection works", async () => {
    const { companyId } = await makeCompany(sql, NOW);
    for await (const page of pages()) {
      expect(page).toEqual([[1], [2]]);
      break;
    }
    expect((await charge(sql, companyId, use("after-break"), NOW)).outcome).toBe("charged");

    const consumerFailure = (async () => {
      for await (const _ of pages()) throw new Error("the consumer failed");
    })();
    await expect(consumerFailure).rejects.toThrow("the consumer failed");
    expect((await charge(sql, companyId, use("after-throw"), NOW)).outcome).toBe("charged");

    const queryFailure = (async () => {
      for await (const _ of pages(`SELECT 10 / (5 - n) AS n FROM generate_series(1, 10) AS n`));
    })();
    await expect(queryFailure).rejects.toMatchObject({ code: "22012" });
    expect((await charge(sql, companyId, use("after-error"), NOW)).outcome).toBe("charged");

    const [activity] = await onServer(
      url,
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(activity!.rows[0]).toEqual({ n: 0 });
    await expectLedgerConsistent(sql, companyId);
  });

  it("refuses a main pool that does not pipeline, naming the pool to use", async () => {
    const plain = new pg.Pool({ connectionString: url, max: 1 });
    try {
      expect(() => openPostgres(plain)).toThrow(/pipeline mode: make it with pipelinedPool\(\)/);
    } finally {
      await plain.end();
    }
  });

  it("answers busy, not a driver error, when no pooled connection comes free in time", async () => {
    const tight = pipelinedPool({ connectionString: url, max: 1, connectionTimeoutMillis: 200 });
    const tightSql = openPostgres(tight);
    try {
      const held = await tight.connect();
      try {
        const started = Date.now();
        const refused = await tightSql.transaction(() => q.row(`SELECT 1 AS one`, [], One)).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(AppError);
        expect(refused).toMatchObject({ code: "busy", details: { retryAfter: expect.any(String) } });
        expect(Date.now() - started).toBeLessThan(5_000);
        await expect(tightSql.row(`SELECT 1 AS one`, [], One)).rejects.toMatchObject({ code: "busy" });
        await expect(
          tightSql
            .iteratePages(`SELECT 1 AS one`, [], tuple(["one", col.int]))
            [Symbol.asyncIterator]()
            .next(),
        ).rejects.toMatchObject({
          code: "busy",
        });
      } finally {
        held.release();
      }
      expect(await tightSql.transaction(() => q.row(`SELECT 1 AS one`, [], One))).toEqual({ one: 1 });
    } finally {
      await tightSql.close();
    }
  });
});

describe("connections lost while in use", () => {
  let url: string;
  let sql: SqlDatabase;
  beforeAll(async () => {
    url = await freshDatabaseUrl("postgresql");
    // The export pool ends a transaction left idle after 200 ms (the app's: 30 s).
    sql = openPostgres({
      main: pipelinedPool({ connectionString: url, max: 1 }),
      exports: new pg.Pool({ connectionString: url, max: 1, idle_in_transaction_session_timeout: 200 }),
    });
  });
  afterAll(async () => {
    await sql?.close();
  });

  it("fail the page read whose reader stalled past the server's idle limit, and only it: the process and both pools carry on", async () => {
    const { companyId } = await makeCompany(sql, NOW);
    const reading = sql.iteratePages(`SELECT n, pg_backend_pid() AS pid FROM generate_series(1, 10) AS n`, [], tuple(["n", col.int], ["pid", col.int]), 2);
    const pages = reading[Symbol.asyncIterator]();
    const first = await pages.next();
    const pid = (first.value as [number, number][])[0]![1];
    // The reader stops; the server ends its transaction and its connection.
    await eventually(
      "the server ends the idle export",
      async () => (await sql.row(`SELECT pid FROM pg_stat_activity WHERE pid = ?`, [pid], shape({ pid: col.int }))) === undefined,
      5_000,
    );
    await expect(pages.next()).rejects.toThrow();
    const rows: unknown[] = [];
    for await (const page of sql.iteratePages(`SELECT n FROM generate_series(1, 10) AS n`, [], tuple(["n", col.int]), 2)) rows.push(...page);
    expect(rows).toHaveLength(10);
    expect((await charge(sql, companyId, use("after-lost-export"), NOW)).outcome).toBe("charged");
    await expectLedgerConsistent(sql, companyId);
  });

  it("fail the transaction whose connection was terminated, without a retry, and the next one gets a working connection", async () => {
    let runs = 0;
    const terminated = await sql
      .transaction(function* () {
        runs++;
        return yield* q.run(`SELECT pg_terminate_backend(pg_backend_pid())`);
      })
      .catch((error: unknown) => error);
    expect(terminated).toMatchObject({ code: "57P01" });
    expect(runs).toBe(1);
    expect(await sql.transaction(() => q.row(`SELECT 1 AS one`, [], One))).toEqual({ one: 1 });
  });
});

describe("a connection lost while its COMMIT is on the way", () => {
  it("fails as CommitOutcomeUnknown, and the COMMIT may indeed have taken effect", async () => {
    const url = await freshDatabaseUrl("postgresql");
    // A deferred constraint trigger makes the COMMIT itself take a second, on the server.
    await onServer(
      url,
      `CREATE TABLE slow_commit (x int)`,
      `CREATE FUNCTION slow_commit() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$ LANGUAGE plpgsql`,
      `CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON slow_commit DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()`,
    );
    const pool = pipelinedPool({ connectionString: url, max: 1 });
    const clients: pg.Client[] = [];
    pool.on("connect", (client) => clients.push(client));
    const sql = openPostgres(pool);
    try {
      const failed = sql.transaction(() => q.write(`INSERT INTO slow_commit VALUES (1)`)).catch((error: unknown) => error);
      const committing = `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query = 'COMMIT' AND wait_event = 'PgSleep'`;
      await eventually("the COMMIT runs its deferred trigger", async () => (await onServer(url, committing))[0]!.rowCount === 1, 10_000);
      // The connection fails on this side; the server goes on with the COMMIT.
      (clients[0] as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      const error = await failed;
      expect(error).toBeInstanceOf(CommitOutcomeUnknown);
      expect((error as CommitOutcomeUnknown).cause).toBeInstanceOf(Error);
      const committed = `SELECT 1 FROM slow_commit`;
      await eventually("the COMMIT took effect", async () => (await onServer(url, committed))[0]!.rowCount === 1, 10_000);
    } finally {
      await pool.end();
    }
  });
});

describe("the app's PostgreSQL pools", () => {
  it("set the server's timeouts: idle in a transaction 60 s on the main pool, 90 s (past the stall watchdog's 60) and a 60 s statement limit on the export pool", async () => {
    const db = openDatabase(databaseConfig(await freshDatabaseUrl("postgresql")));
    try {
      const settings = `SELECT current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('statement_timeout') AS statement`;
      const Settings = { idle: col.text, statement: col.text };
      expect(await db.sql.row(settings, [], shape(Settings))).toEqual({ idle: "1min", statement: "0" });
      expect(await db.sql.transaction(() => q.row(settings, [], shape(Settings)))).toEqual({ idle: "1min", statement: "0" });
      const exported = [];
      for await (const page of db.sql.iteratePages(settings, [], tuple(["idle", col.text], ["statement", col.text]))) exported.push(...page);
      expect(exported).toEqual([["90s", "1min"]]);
      expect(EXPORT_STALL_MS).toBe(60_000);
    } finally {
      await db.close();
    }
  });
});
