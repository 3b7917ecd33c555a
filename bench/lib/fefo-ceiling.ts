// The ceiling a charge is measured against: the least a FEFO charge can do, written directly on
// the driver against the app's own schema, with nothing else around it. Per charge: check the
// idempotency key, read the balance (PostgreSQL: with the account row locked), read the grants in
// FEFO order, draw from the first, update that grant, insert the ledger entry and its allocation,
// update the account. No usage records, no budgets, no alerts, no invariant checks, no typed rows:
// what the ledger adds on top of this is what the ratio measures.
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteTime } from "../../lib/sql/sqlite";
import type { Measured } from "./ceiling";

const AMOUNT = 1_500n;

const SQL = {
  key: `SELECT "id" FROM "LedgerEntry" WHERE "companyId" = ? AND "idempotencyKey" = ?`,
  account: `SELECT "balanceMilli", "lastSeq" FROM "CreditAccount" WHERE "companyId" = ?`,
  grants: `SELECT "id", "remainingMilli" FROM "CreditGrant" WHERE "companyId" = ? AND "status" = 'active' AND "remainingMilli" > 0 ORDER BY "expiresAt", "createdAt", "id"`,
  grant: `UPDATE "CreditGrant" SET "remainingMilli" = ? WHERE "id" = ?`,
  entry: `INSERT INTO "LedgerEntry" ("id", "companyId", "seq", "at", "kind", "amountMilli", "balanceBeforeMilli", "balanceAfterMilli", "action", "idempotencyKey", "requestHash")
          VALUES (?, ?, ?, ?, 'used', ?, ?, ?, 'Ask Anything API', ?, ?)`,
  allocation: `INSERT INTO "LedgerAllocation" ("entryId", "grantId", "amountMilli") VALUES (?, ?, ?)`,
  update: `UPDATE "CreditAccount" SET "balanceMilli" = ?, "lastSeq" = ?, "lastEntryAt" = ? WHERE "companyId" = ?`,
};

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
let serial = 0;
const entryId = () => `entry_ceiling_${process.pid}_${(serial++).toString(36).padStart(10, "0")}`;

export type SqliteFefoCeiling = {
  /** `n` charges, `perTx` to a transaction, their keys made from `run`. */
  run(n: number, perTx: number, run: string): Measured;
  close(): void;
};

/**
 * Minimal FEFO charges on better-sqlite3 with the app's pragmas, on a connection of their own
 * that stays open between runs, as the ledger's does.
 */
export function openSqliteFefoCeiling(file: string, companyId: string): SqliteFefoCeiling {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  const s = Object.fromEntries(Object.entries(SQL).map(([k, text]) => [k, db.prepare(text)])) as Record<keyof typeof SQL, Database.Statement>;
  s.account.safeIntegers(true);
  s.grants.safeIntegers(true);
  const chargeOne = (key: string, i: number, at: string) => {
    if (s.key.get(companyId, key)) throw new Error("replayed key in the ceiling");
    const account = s.account.get(companyId) as { balanceMilli: bigint; lastSeq: bigint };
    const grant = (s.grants.all(companyId) as { id: string; remainingMilli: bigint }[]).find((g) => g.remainingMilli >= AMOUNT);
    if (!grant || account.balanceMilli < AMOUNT) throw new Error("the ceiling company ran out of credits");
    const id = entryId();
    const after = account.balanceMilli - AMOUNT;
    s.grant.run(grant.remainingMilli - AMOUNT, grant.id);
    s.entry.run(id, companyId, account.lastSeq + 1n, at, -AMOUNT, account.balanceMilli, after, key, `h${i}`);
    s.allocation.run(id, grant.id, AMOUNT);
    s.update.run(after, account.lastSeq + 1n, at, companyId);
  };
  const batch = db.transaction((run: string, from: number, to: number) => {
    const at = sqliteTime(new Date());
    for (let i = from; i < to; i++) chargeOne(`ceiling-${run}-${i}`, i, at);
  });
  return {
    run(n, perTx, run) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i += perTx) batch(run, i, Math.min(i + perTx, n));
      return { count: n, seconds: seconds(start) };
    },
    close: () => db.close(),
  };
}

/** Round trips per charge of the PostgreSQL ceiling: BEGIN, seven statements, COMMIT. */
export const PG_CEILING_ROUND_TRIPS = 9;

/**
 * Minimal FEFO charges on pg, one per transaction, from `callers` connections at once, each
 * charging `companyIds[caller % companyIds.length]`: with one company they queue on its row lock.
 */
export async function postgresFefoCeiling(url: string, companyIds: readonly string[], n: number, callers: number, run: string): Promise<Measured> {
  const clients = await Promise.all(
    Array.from({ length: callers }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const prepared = Object.fromEntries(
    Object.entries(SQL).map(([k, text]) => {
      let p = 0;
      return [k, { name: `ceiling_${k}`, text: text.replace(/\?/g, () => `$${++p}`) }];
    }),
  ) as Record<keyof typeof SQL, { name: string; text: string }>;
  prepared.account.text += " FOR UPDATE";
  let next = 0;
  const caller = async (client: pg.Client, companyId: string) => {
    const q = (s: { name: string; text: string }, values: unknown[]) => client.query({ ...s, values });
    while (next < n) {
      const i = next++;
      const key = `ceiling-${run}-${i}`;
      await client.query("BEGIN");
      const account = (await q(prepared.account, [companyId])).rows[0] as { balanceMilli: string; lastSeq: number };
      if ((await q(prepared.key, [companyId, key])).rows.length) throw new Error("replayed key in the ceiling");
      const grant = ((await q(prepared.grants, [companyId])).rows as { id: string; remainingMilli: string }[]).find((g) => BigInt(g.remainingMilli) >= AMOUNT);
      const balance = BigInt(account.balanceMilli);
      if (!grant || balance < AMOUNT) throw new Error("the ceiling company ran out of credits");
      const id = entryId();
      const at = new Date().toISOString();
      await q(prepared.grant, [(BigInt(grant.remainingMilli) - AMOUNT).toString(), grant.id]);
      await q(prepared.entry, [id, companyId, account.lastSeq + 1, at, (-AMOUNT).toString(), balance.toString(), (balance - AMOUNT).toString(), key, `h${i}`]);
      await q(prepared.allocation, [id, grant.id, AMOUNT.toString()]);
      await q(prepared.update, [(balance - AMOUNT).toString(), account.lastSeq + 1, at, companyId]);
      await client.query("COMMIT");
    }
  };
  try {
    const start = process.hrtime.bigint();
    await Promise.all(clients.map((client, c) => caller(client, companyIds[c % companyIds.length]!)));
    return { count: n, seconds: seconds(start) };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
