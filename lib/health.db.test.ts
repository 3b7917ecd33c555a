// Readiness on real databases: not before the schema is there, then once the demo is seeded, or at
// once with SEED_DEMO=false (a production install starts with no companies).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../test/support/companies";
import { freshDatabase, PROVIDERS } from "../test/support/databases";
import { type Database, openDatabase } from "./db";
import { databaseConfig } from "./db-config";
import { isReady } from "./health";

describe.each(PROVIDERS)("readiness on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("waits for the demo unless SEED_DEMO=false, and is ready once a company exists", async () => {
    expect(await isReady(db.sql, {})).toBe(false);
    expect(await isReady(db.sql, { SEED_DEMO: "false" })).toBe(true);
    await makeCompany(db.sql, new Date());
    expect(await isReady(db.sql, {})).toBe(true);
  });
});

describe("readiness before migrations", () => {
  it("is not ready on a database without the schema, whatever SEED_DEMO says", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "health-")), "empty.db");
    const empty = openDatabase(databaseConfig(`file:${file}`));
    try {
      expect(await isReady(empty.sql, { SEED_DEMO: "false" })).toBe(false);
    } finally {
      await empty.close();
    }
  });
});
