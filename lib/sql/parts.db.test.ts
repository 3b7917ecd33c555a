// iterateParts, on both databases: one statement run once per part, its rows in the parts' order
// and each page tagged with its part; a part larger than PART_ROWS read whole across SQLite's
// switch from one call to row by row; every part read from the snapshot of the first read; and a
// reader that stops midway leaves no transaction open and its connection usable.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUrl, PROVIDERS, type Provider } from "../../test/support/databases";
import { databaseConfig } from "../db-config";
import { PART_ROWS, placeholders, q, type SqlDatabase, valueTuples } from "./index";
import { openPostgres, pipelinedPool } from "./postgres";
import { col, shape, tuple } from "./rows";
import { openSqlite } from "./sqlite";

const Probe = tuple(["n", col.int]);
const PARTS_SQL = `SELECT "n" FROM "PartsProbe" WHERE "part" = ? ORDER BY "n"`;
const BIG = PART_ROWS + 250;

async function collect(sql: SqlDatabase, parts: string[], pageSize?: number) {
  const pages: { part: number; rows: number[] }[] = [];
  for await (const { part, rows } of sql.iterateParts(
    PARTS_SQL,
    parts.map((p) => [p]),
    Probe,
    pageSize,
  ))
    pages.push({ part, rows: rows.map(([n]) => n) });
  return pages;
}

async function insert(sql: SqlDatabase, part: string, from: number, count: number) {
  const rows = Array.from({ length: count }, (_, i) => [part, from + i]);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await sql.run(`INSERT INTO "PartsProbe" ("part", "n") VALUES ${valueTuples(chunk.length, 2)}`, chunk.flat());
  }
}

describe.each(PROVIDERS)("iterateParts on %s", (provider: Provider) => {
  let sql: SqlDatabase;
  let url: string;
  beforeAll(async () => {
    url = await freshDatabaseUrl(provider);
    const config = databaseConfig(url);
    // On PostgreSQL one connection serves both pools: a read left open would hold it.
    sql = config.provider === "postgresql" ? openPostgres(pipelinedPool({ connectionString: config.url, max: 1 })) : openSqlite(config.file);
    await sql.run(`CREATE TABLE "PartsProbe" ("part" TEXT NOT NULL, "n" INTEGER NOT NULL)`);
    await sql.run(`CREATE INDEX "PartsProbe_part_n" ON "PartsProbe" ("part", "n")`);
    // Inserted out of order, so the rows come back in the statement's order, not the table's.
    const half = Math.floor(BIG / 2);
    await insert(sql, "big", half, BIG - half);
    await insert(sql, "big", 0, half);
    await insert(sql, "small", 1, 3);
  });
  afterAll(async () => {
    await sql?.close();
  });

  it("reads each part in order, the pages of each tagged with it, a part past PART_ROWS whole, an empty part as no page", async () => {
    const pages = await collect(sql, ["small", "none", "big", "small"], 1000);
    expect(pages.every((p) => p.rows.length > 0 && p.rows.length <= 1000)).toBe(true);
    const byPart = [0, 1, 2, 3].map((part) => pages.filter((p) => p.part === part).flatMap((p) => p.rows));
    expect(byPart[0]).toEqual([1, 2, 3]);
    expect(byPart[1]).toEqual([]);
    expect(byPart[2]).toEqual(Array.from({ length: BIG }, (_, i) => i));
    expect(byPart[3]).toEqual([1, 2, 3]);
    // Parts come one after the other, never interleaved.
    expect(pages.map((p) => p.part)).toEqual([...pages.map((p) => p.part)].sort((a, b) => a - b));
  });

  it("reads every part from one snapshot: a row committed after the first page is not in a later part", async () => {
    const reading = sql.iterateParts(PARTS_SQL, [["small"], ["late"]], Probe)[Symbol.asyncIterator]();
    const first = await reading.next();
    expect(first.value).toEqual({ part: 0, rows: [[1], [2], [3]] });
    if (provider === "postgresql") {
      // The pool's one connection is the export's: the write goes in on a connection of its own.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`INSERT INTO "PartsProbe" ("part", "n") VALUES ('late', 1)`);
      await client.end();
    } else {
      await sql.transaction(() => q.write(`INSERT INTO "PartsProbe" ("part", "n") VALUES (${placeholders(2)})`, ["late", 1]));
    }
    const rest = [];
    for (let next = await reading.next(); !next.done; next = await reading.next()) rest.push(next.value);
    expect(rest).toEqual([]);
    expect(await collect(sql, ["late"])).toEqual([{ part: 0, rows: [1] }]);
  });

  it("leaves no transaction open when the reader stops midway through a large part, and its connection serves the next query", async () => {
    const pageSize = 100;
    let read = 0;
    for await (const { rows } of sql.iterateParts(PARTS_SQL, [["big"]], Probe, pageSize)) {
      read += rows.length;
      // Past the part's first PART_ROWS rows: on SQLite, inside the row-by-row read.
      if (read > PART_ROWS) break;
    }
    expect(read).toBe(PART_ROWS + pageSize);
    const count = await sql.row(`SELECT COUNT(*) AS "n" FROM "PartsProbe" WHERE "part" = ?`, ["big"], shape({ n: col.int }));
    expect(count).toEqual({ n: BIG });
    await sql.transaction(() => q.write(`INSERT INTO "PartsProbe" ("part", "n") VALUES (${placeholders(2)})`, ["after", 1]));
    if (provider === "postgresql") {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      await client.end();
      expect(rows[0]).toEqual({ n: 0 });
    }
  });

  it("fails the read, not the process, when a part's statement fails, and the next read works", async () => {
    const failing = (async () => {
      for await (const _ of sql.iterateParts(`SELECT "n" FROM "PartsProbe" WHERE "part" = ? ORDER BY "missing"`, [["small"]], Probe));
    })();
    await expect(failing).rejects.toThrow(/missing/);
    expect(await collect(sql, ["small"])).toEqual([{ part: 0, rows: [1, 2, 3] }]);
  });
});
