// Abandoned downloads never cost a charge its connection, on both databases: an export cancelled
// after its first page leaves the connection it used clean for the next charge (on PostgreSQL a
// pool of one, so the charge gets that very connection); a dozen exports whose readers stall
// take the process's few export slots or are refused at once with 503 busy, charges go through
// meanwhile, and the stall watchdog ends the stalled ones so a new export runs; an export whose
// client went away (read or never read) lets go of its slot and rows at once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabase, freshDatabaseUrl, PROVIDERS, type Provider } from "../../test/support/databases";
import { eventually } from "../../test/support/instances";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { errorResponse } from "../api/with-auth";
import { databaseConfig } from "../db-config";
import { AppError } from "../errors";
import { type ChargeRequest, charge, chargeMany } from "../ledger";
import { PAGE_ROWS, type SqlDatabase } from "../sql";
import { openPostgres, pipelinedPool } from "../sql/postgres";
import { openSqlite } from "../sql/sqlite";
import { ExportSlots, exportReport, parseReportRange } from "./index";

const TZ = "America/New_York";
const NOW = new Date("2026-08-12T15:00:00.000Z");
const RANGE = parseReportRange({ from: "2026-08-01", to: "2026-08-31" }, TZ);
// More entries than one page (PAGE_ROWS: 500 or 2,000 rows), so a download read to its first page is still open.
const ENTRIES = 2_100;

const small = (i: number): ChargeRequest => ({ amountMilli: 10n, action: "Ask Anything API", usage: TEST_USAGE, idempotencyKey: `bulk-${i}` });
const use = (key: string): ChargeRequest => ({ amountMilli: 1_000n, action: "Ask Anything API", usage: TEST_USAGE, idempotencyKey: key });

/** Fails with `what` unless `work` settles within `ms`: a deadline for correctness, not a benchmark. */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Open transactions on this PostgreSQL database that are waiting on their client. */
async function idleInTransaction(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    return (rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

async function companyWithEntries(sql: SqlDatabase) {
  const { companyId } = await makeCompany(sql, NOW, { timeZone: TZ });
  const outcomes = await chargeMany(
    sql,
    companyId,
    Array.from({ length: ENTRIES - 1 }, (_, i) => small(i)),
    NOW,
  );
  expect(outcomes.every((o) => o.outcome === "charged")).toBe(true);
  return companyId;
}

const ctx = (companyId: string) => ({ companyId, companyName: "Export Co", timeZone: TZ, range: RANGE, now: NOW });

describe.each(PROVIDERS)("a download cancelled after its first page on %s", (provider: Provider) => {
  let sql: SqlDatabase;
  beforeAll(async () => {
    const config = databaseConfig(await freshDatabaseUrl(provider));
    // On PostgreSQL one connection serves both, so the charge below gets the export's connection.
    sql = config.provider === "postgresql" ? openPostgres(pipelinedPool({ connectionString: config.url, max: 1 })) : openSqlite(config.file);
  });
  afterAll(async () => {
    await sql?.close();
  });

  it("ends the export's transaction, frees its slot, and the next charge on that connection goes through", async () => {
    const companyId = await companyWithEntries(sql);
    const slots = new ExportSlots(2, 2);
    const { stream } = exportReport(sql, "credit-balance", ctx(companyId), { slots, stallMs: 30_000 });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toMatch(/^Action date,Action,Method,/);
    const firstPage = decoder
      .decode((await reader.read()).value)
      .trimEnd()
      .split("\r\n");
    expect(firstPage).toHaveLength(PAGE_ROWS[sql.dialect]);
    expect(slots.inUse).toBe(1);
    await reader.cancel();
    expect(slots.inUse).toBe(0);

    const charged = await within(5_000, "the charge after the cancelled download", charge(sql, companyId, use("after-cancel"), NOW));
    expect(charged.outcome).toBe("charged");
    expect((await charge(sql, companyId, use("after-cancel-2"), NOW)).outcome).toBe("charged");
    await expectLedgerConsistent(sql, companyId);
  });
});

describe.each(PROVIDERS)("stalled downloads on %s", (provider: Provider) => {
  it("take at most the export slots, the rest are refused busy at once, charges go through, and the watchdog frees the slots", async () => {
    const db = await freshDatabase(provider);
    try {
      const companyId = await companyWithEntries(db.sql);
      const slots = new ExportSlots(2, 2);
      const stallMs = 400;
      const started: ReadableStreamDefaultReader<Uint8Array>[] = [];
      const refused: unknown[] = [];
      for (let i = 0; i < 12; i++) {
        try {
          started.push(exportReport(db.sql, "credit-balance", ctx(companyId), { slots, stallMs }).stream.getReader());
        } catch (error) {
          refused.push(error);
        }
      }
      expect(started).toHaveLength(2);
      expect(refused).toHaveLength(10);
      for (const error of refused) expect(error).toBeInstanceOf(AppError);
      expect(refused[0]).toMatchObject({ code: "busy" });
      const response = errorResponse(refused[0]);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");

      // Each reader takes the header, then stops reading: its first page is fetched and held.
      for (const reader of started) await reader.read();
      if (db.config.provider === "postgresql") {
        const url = db.config.url;
        await eventually("both stalled downloads hold an open transaction", async () => (await idleInTransaction(url)) === 2, 5_000);
      }

      // Charges do not wait on the stalled downloads: as many at once as the main pool holds.
      const charges = Promise.all(Array.from({ length: 10 }, (_, i) => charge(db.sql, companyId, use(`during-stall-${i}`), NOW)));
      const outcomes = await within(5_000, "charges while downloads stall", charges);
      expect(outcomes.map((o) => o.outcome)).toEqual(Array(10).fill("charged"));

      // The watchdog ends each stalled download: its reader sees an error, its slot and
      // transaction are let go.
      await eventually("the stalled downloads are ended", async () => slots.inUse === 0, 10_000);
      for (const reader of started) await expect(reader.read()).rejects.toThrow(/took nothing for 400 ms/);
      if (db.config.provider === "postgresql") {
        const url = db.config.url;
        await eventually("no transaction is left open", async () => (await idleInTransaction(url)) === 0, 10_000);
      }
      const { stream } = exportReport(db.sql, "credit-balance", ctx(companyId), { slots, stallMs });
      const lines = (await new Response(stream).text()).trimEnd().split("\r\n");
      expect(lines).toHaveLength(1 + ENTRIES + 10);
      expect(slots.inUse).toBe(0);
      await expectLedgerConsistent(db.sql, companyId);
    } finally {
      await db.close();
    }
  });
});

describe.each(PROVIDERS)("downloads whose clients went away on %s", (provider: Provider) => {
  it("let go of their slots and rows at once, read or never read, without waiting for the watchdog", async () => {
    const db = await freshDatabase(provider);
    try {
      const companyId = await companyWithEntries(db.sql);
      const slots = new ExportSlots(2, 2);
      // The watchdog would take a minute: what frees them here is their client going away.
      const stallMs = 60_000;
      const [unread, reading] = [new AbortController(), new AbortController()];
      // One answered but never read (a client gone before its first byte, or a HEAD answered by
      // a GET), one read to its first page: on PostgreSQL its transaction is open.
      exportReport(db.sql, "credit-balance", ctx(companyId), { slots, stallMs, signal: unread.signal });
      const reader = exportReport(db.sql, "credit-balance", ctx(companyId), { slots, stallMs, signal: reading.signal }).stream.getReader();
      await reader.read();
      await reader.read();
      expect(slots.inUse).toBe(2);
      if (db.config.provider === "postgresql") {
        const url = db.config.url;
        await eventually("the download being read holds an open transaction", async () => (await idleInTransaction(url)) === 1, 5_000);
      }

      unread.abort();
      reading.abort();
      await eventually("both slots are let go", async () => slots.inUse === 0, 5_000);
      if (db.config.provider === "postgresql") {
        const url = db.config.url;
        await eventually("no transaction is left open", async () => (await idleInTransaction(url)) === 0, 5_000);
      }
      const { stream } = exportReport(db.sql, "credit-balance", ctx(companyId), { slots, stallMs });
      expect((await new Response(stream).text()).trimEnd().split("\r\n")).toHaveLength(1 + ENTRIES);
      expect(slots.inUse).toBe(0);
    } finally {
      await db.close();
    }
  });
});
