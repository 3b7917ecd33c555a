// Many charges at once against a small balance (R-LEDGER-7, R-LEDGER-8): never more charged than
// there was, nothing charged twice. On PostgreSQL through a pool of connections; on SQLite
// through two connections to one file, as when the app and a worker share it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { col, shape } from "../sql/rows";
import { charge, getCreditSummary } from "./index";

const NOW = new Date("2026-04-01T12:00:00.000Z");

describe.each(PROVIDERS)("concurrent charges on %s", (provider) => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    const url = await freshDatabaseUrl(provider);
    a = openDatabase(databaseConfig(url));
    b = openDatabase(databaseConfig(url));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("charges at most the balance, and refuses the rest whole", async () => {
    const { companyId } = await makeCompany(a.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const attempts = Array.from({ length: 40 }, (_, i) =>
      charge(i % 2 ? a.sql : b.sql, companyId, { amountMilli: 1_000n, action: "Ask Anything API", usage: TEST_USAGE }, NOW),
    );
    const outcomes = (await Promise.all(attempts)).map((o) => o.outcome);
    expect(outcomes.filter((o) => o === "charged")).toHaveLength(10);
    expect(outcomes.filter((o) => o === "exceeds_credits")).toHaveLength(30);
    expect((await getCreditSummary(a.sql, { companyId, now: NOW })).remainingMilli).toBe(0n);
    await expectLedgerConsistent(a.sql, companyId);
  });

  it("charges a key sent many times at once exactly once", async () => {
    const { companyId } = await makeCompany(a.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const attempts = Array.from({ length: 20 }, (_, i) =>
      charge(
        i % 2 ? a.sql : b.sql,
        companyId,
        { amountMilli: 500n, action: "Ask Anything API", usage: TEST_USAGE, idempotencyKey: `k${i % 4}`, requestHash: "same" },
        NOW,
      ),
    );
    const outcomes = (await Promise.all(attempts)).map((o) => o.outcome);
    expect(outcomes.filter((o) => o === "charged")).toHaveLength(4);
    expect(outcomes.filter((o) => o === "exists")).toHaveLength(16);
    expect((await getCreditSummary(a.sql, { companyId, now: NOW })).usedMilli).toBe(2_000n);
    await expectLedgerConsistent(a.sql, companyId);
  });
});

describe("concurrent charges from separate processes on one SQLite file", () => {
  it("charges at most the balance, and each key once", async () => {
    const { execFile } = await import("node:child_process");
    const path = await import("node:path");
    const url = await freshDatabaseUrl("sqlite");
    const db = openDatabase(databaseConfig(url));
    try {
      const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 25 });
      const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
      const worker = path.resolve("test/support/charge-worker.ts");
      const run = (args: string[]) =>
        new Promise<string[]>((resolve, reject) =>
          execFile(
            process.execPath,
            [tsx, worker, url, companyId, ...args],
            { env: { ...process.env, CHARGE_NOW: NOW.toISOString() } },
            (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout) as string[])),
          ),
        );
      // 3 processes × 15 plain charges of 1 credit, plus 2 processes sending 5 keys of 2 credits.
      const results = (
        await Promise.all([
          run(["15", "1000", "-"]),
          run(["15", "1000", "-"]),
          run(["15", "1000", "-"]),
          run(["10", "2000", "key-"]),
          run(["10", "2000", "key-"]),
        ])
      ).flat();
      const summary = await getCreditSummary(db.sql, { companyId, now: NOW });
      const charged = results.filter((o) => o === "charged").length;
      expect(results.filter((o) => o === "exceeds_credits").length + charged + results.filter((o) => o === "exists").length).toBe(results.length);
      expect(summary.remainingMilli >= 0n).toBe(true);
      expect(summary.usedMilli <= 25_000n).toBe(true);
      const keyed = await db.sql.rows(
        `SELECT "idempotencyKey" FROM "LedgerEntry" WHERE "companyId" = ? AND "idempotencyKey" IS NOT NULL`,
        [companyId],
        shape({ idempotencyKey: col.text }),
      );
      expect(new Set(keyed.map((k) => k.idempotencyKey)).size).toBe(keyed.length);
      await expectLedgerConsistent(db.sql, companyId);
      // The balance was too small for everything: it ran out, and nothing was overspent.
      expect(summary.remainingMilli < 1_000n).toBe(true);
    } finally {
      await db.close();
    }
  });
});
