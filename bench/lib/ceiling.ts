// The ceiling a charge is compared with: how fast the same driver writes ledger-entry-shaped
// rows (LedgerEntry's 13 columns and types) when nothing else happens, in transactions of 1,000.
// The scratch table has the primary key only (no secondary index, no foreign key), so this is
// the price of writing a row and committing, the least any charge must pay per entry.
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteTime } from "../../lib/sql/sqlite";

export type Measured = { count: number; seconds: number };

const PER_TX = 1_000;
const TABLE = "BenchScratchEntry";
const COLUMNS = [
  "id",
  "companyId",
  "seq",
  "at",
  "kind",
  "amountMilli",
  "balanceBeforeMilli",
  "balanceAfterMilli",
  "action",
  "grantId",
  "idempotencyKey",
  "requestHash",
  "actorUserId",
];

function createSql(timestamp: string) {
  return `CREATE TABLE "${TABLE}" ("id" TEXT NOT NULL PRIMARY KEY, "companyId" TEXT NOT NULL, "seq" INTEGER NOT NULL, "at" ${timestamp} NOT NULL,
    "kind" TEXT NOT NULL, "amountMilli" BIGINT NOT NULL, "balanceBeforeMilli" BIGINT NOT NULL, "balanceAfterMilli" BIGINT NOT NULL,
    "action" TEXT NOT NULL, "grantId" TEXT, "idempotencyKey" TEXT, "requestHash" TEXT, "actorUserId" TEXT)`;
}

const insertSql = (placeholders: string) => `INSERT INTO "${TABLE}" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${placeholders}`;

/** One row as the ledger writes it for a charge; ids increase like the ledger's time-sorted ids. */
function row(i: number, at: string): unknown[] {
  const after = 1_000_000_000_000n - BigInt(i) * 1_500n;
  return [
    `entry_${i.toString(32).padStart(22, "0")}`,
    "co_bench",
    i + 1,
    at,
    "used",
    -1_500n,
    after + 1_500n,
    after,
    "Ask Anything API",
    null,
    `req-${i}`,
    `sha256:${i.toString(16)}`,
    null,
  ];
}

function seconds(start: bigint) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The faster of REPEATS runs: the first run in a process is slowed by a cold JIT and cold caches. */
const REPEATS = 2;
const fastest = (a: Measured, b: Measured) => (a.seconds <= b.seconds ? a : b);

/** better-sqlite3 on the benchmark's file, with the pragmas lib/sql/sqlite.ts uses (WAL, synchronous=NORMAL). */
export function sqliteCeiling(file: string, rows: number): Measured {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    let best: Measured | undefined;
    for (let r = 0; r < REPEATS; r++) {
      db.exec(createSql("DATETIME"));
      const insert = db.prepare(insertSql(`(${COLUMNS.map(() => "?").join(", ")})`));
      const batch = db.transaction((from: number, to: number) => {
        const at = sqliteTime(new Date());
        for (let i = from; i < to; i++) insert.run(...row(i, at));
      });
      const start = process.hrtime.bigint();
      for (let i = 0; i < rows; i += PER_TX) batch(i, Math.min(i + PER_TX, rows));
      const measured = { count: rows, seconds: seconds(start) };
      best = best ? fastest(best, measured) : measured;
      db.exec(`DROP TABLE "${TABLE}"`);
    }
    return best!;
  } finally {
    db.close();
  }
}

/**
 * pg on one connection to the benchmark's database. `perStatement`: one prepared INSERT per
 * row, each a round trip, as the ledger writes (this is the ceiling the ratio uses).
 * `multiRow`: one INSERT of 1,000 rows per transaction, for reference.
 */
export async function postgresCeiling(url: string, rows: number): Promise<{ perStatement: Measured; multiRow: Measured }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const values = (r: unknown[]) => r.map((v) => (typeof v === "bigint" ? v.toString() : v));
  const perStatementSql = { name: "bench_ceiling_insert", text: insertSql(`(${COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})`) };
  const transactions = async (write: (from: number, to: number, at: string) => Promise<unknown>): Promise<Measured> => {
    let best: Measured | undefined;
    for (let r = 0; r < REPEATS; r++) {
      await client.query(`TRUNCATE "${TABLE}"`);
      const start = process.hrtime.bigint();
      for (let i = 0; i < rows; i += PER_TX) {
        await client.query("BEGIN");
        await write(i, Math.min(i + PER_TX, rows), new Date().toISOString());
        await client.query("COMMIT");
      }
      const measured = { count: rows, seconds: seconds(start) };
      best = best ? fastest(best, measured) : measured;
    }
    return best!;
  };
  try {
    await client.query(createSql("TIMESTAMP(3)"));
    const perStatement = await transactions(async (from, to, at) => {
      for (let j = from; j < to; j++) await client.query({ ...perStatementSql, values: values(row(j, at)) });
    });
    const multiRow = await transactions((from, to, at) => {
      const tuples = Array.from({ length: to - from }, (_, k) => `(${COLUMNS.map((_, c) => `$${k * COLUMNS.length + c + 1}`).join(", ")})`);
      const params = Array.from({ length: to - from }, (_, k) => values(row(from + k, at))).flat();
      return client.query(insertSql(tuples.join(", ")), params);
    });
    await client.query(`DROP TABLE "${TABLE}"`);
    return { perStatement, multiRow };
  } finally {
    await client.end();
  }
}
