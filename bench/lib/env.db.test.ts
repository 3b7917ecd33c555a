// analyzeWarmedDatabase: PostgreSQL gets statistics of the rows written so far, which the plans the
// measured runs keep are made from; SQLite, which plans without them, is left as it is.
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../../lib/db";
import { col, shape } from "../../lib/sql/rows";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase } from "../../test/support/databases";
import { analyzeWarmedDatabase } from "./env";

const NOW = new Date("2026-06-01T12:00:00Z");
const Count = shape({ n: col.int });

describe("analyzeWarmedDatabase", () => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("on PostgreSQL, records how many rows each table holds, where a new database says it was never analyzed", async () => {
    db = await freshDatabase("postgresql");
    await makeCompany(db.sql, NOW);
    const estimate = async () => (await db!.sql.row(`SELECT "reltuples"::bigint AS "n" FROM "pg_class" WHERE "relname" = 'CreditGrant'`, [], Count))!.n;
    const grants = (await db.sql.row(`SELECT COUNT(*) AS "n" FROM "CreditGrant"`, [], Count))!.n;
    expect(grants).toBeGreaterThan(0);
    expect(await estimate()).toBe(-1);

    await analyzeWarmedDatabase(db.sql);

    expect(await estimate()).toBe(grants);
  });

  it("on SQLite, leaves the database without statistics", async () => {
    db = await freshDatabase("sqlite");
    await makeCompany(db.sql, NOW);

    await analyzeWarmedDatabase(db.sql);

    const stats = await db.sql.row(`SELECT COUNT(*) AS "n" FROM "sqlite_master" WHERE "name" LIKE 'sqlite_stat%'`, [], Count);
    expect(stats!.n).toBe(0);
  });
});
