// A process killed (SIGKILL) anywhere inside a charge, on both databases: after the first grant's
// update, before the account row's update, before the usage rollup. The charge spans three
// grants, so the crash lands between writes of one transaction. Afterwards the ledger, the usage
// tables and the notification state are exactly as before, the invariants hold, and the replay
// with the same key charges exactly once.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { ledgerSnapshot } from "../../test/support/ledger-snapshot";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { col, shape } from "../sql/rows";
import type { CrashPoint } from "./crash-points";
import { charge, getCreditSummary, recordPurchase } from "./index";

const ROOT = path.resolve(__dirname, "../..");
const NOW = new Date("2026-05-04T09:30:00.000Z");
const CRASH_POINTS: CrashPoint[] = ["after-first-grant-update", "before-account-update", "before-usage-rollup"];

/** Runs test/support/crash-charge.ts; answers how it ended and what it printed. */
function chargeInChild(url: string, companyId: string, key: string, milli: bigint, crashAt: CrashPoint) {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/crash-charge.ts", url, companyId, key, String(milli), NOW.toISOString()], {
    cwd: ROOT,
    env: { ...process.env, LEDGER_CRASH_AT: crashAt },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString();
  });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, output })),
  );
}

describe.each(PROVIDERS)("a charge killed partway on %s", (provider) => {
  let url: string;
  let db: Database;
  beforeAll(async () => {
    url = await freshDatabaseUrl(provider);
    db = openDatabase(databaseConfig(url));
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each(CRASH_POINTS)("at %s leaves the ledger unchanged, and the replay charges once", async (crashAt) => {
    // Three grants that expire one after another: 1 and 2 purchased credits, then 10 default.
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    for (const [credits, days] of [
      [1_000n, 20],
      [2_000n, 40],
    ] as const) {
      await recordPurchase(
        db.sql,
        {
          companyId,
          creditsMilli: credits,
          orderReference: `crash-${companyId}-${days}`,
          purchasedAt: NOW,
          availableFrom: NOW,
          expiresAt: new Date(NOW.getTime() + days * DAY),
        },
        NOW,
      );
    }
    // An earlier charge, so the usage rollup has a row the crashed charge would have added to.
    expect((await charge(db.sql, companyId, { amountMilli: 100n, action: "Ask Anything API", usage: TEST_USAGE }, NOW)).outcome).toBe("charged");
    const before = await ledgerSnapshot(db.sql, companyId);
    expect(before.grants.filter((g) => g.status === "active")).toHaveLength(3);

    const key = `crash-${crashAt}`;
    const child = await chargeInChild(url, companyId, key, 5_000n, crashAt);
    expect(child.signal, child.output).toBe("SIGKILL");

    expect(await ledgerSnapshot(db.sql, companyId)).toEqual(before);
    await expectLedgerConsistent(db.sql, companyId);

    // The client retries with the same key: charged once, split over the three grants.
    const request = { amountMilli: 5_000n, action: "Ask Anything API", usage: TEST_USAGE, idempotencyKey: key, requestHash: "crash-test" };
    const replay = await charge(db.sql, companyId, request, NOW);
    expect(replay).toMatchObject({ outcome: "charged", amountMilli: 5_000n, balanceAfterMilli: 12_900n - 5_000n });
    expect(replay.outcome === "charged" && replay.allocations.map((a) => a.amountMilli)).toEqual([900n, 2_000n, 2_100n]);
    expect(await charge(db.sql, companyId, request, NOW)).toMatchObject({ outcome: "exists", amountMilli: 5_000n });
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).remainingMilli).toBe(7_900n);
    const keyed = await db.sql.rows(
      `SELECT "amountMilli" FROM "LedgerEntry" WHERE "companyId" = ? AND "idempotencyKey" = ?`,
      [companyId, key],
      shape({ amountMilli: col.bigint }),
    );
    expect(keyed).toEqual([{ amountMilli: -5_000n }]);
    const usage = await db.sql.row(
      `SELECT SUM("creditsMilli") AS used, SUM("requests") AS requests FROM "UsageRecord" WHERE "companyId" = ?`,
      [companyId],
      shape({ used: col.bigint, requests: col.int }),
    );
    expect(usage).toEqual({ used: 5_100n, requests: 2 });
    await expectLedgerConsistent(db.sql, companyId);
  });
});
