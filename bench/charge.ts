// Charge throughput of the credit ledger (lib/ledger), through its public API, on a fresh SQLite
// file and on a throwaway durable PostgreSQL, each next to the ceiling of the same driver on the
// same machine in the same run.
//
//   npx tsx bench/charge.ts            full run (a minute or two)
//   npx tsx bench/charge.ts --quick    small sizes, a smoke run
//   … --only=sqlite | --only=postgresql    one database (e.g. under node --cpu-prof)
//
// Measured: single charges (one charge() per transaction, as an API request makes), batched
// charges (chargeMany() of 1,000, as tracker processing makes) and, on PostgreSQL, 8 concurrent
// callers charging one company (they queue on its account row lock). Each charge checks its
// idempotency key, locks and reads the account and its 5 grants, draws FEFO, inserts an entry
// and an allocation, upserts a usage record and writes the grants and the account back.
//
// The ceiling is plain INSERTs of ledger-entry-shaped rows into a scratch table with only a
// primary key, 1,000 per transaction, on the same driver and database, the faster of two runs
// (bench/lib/ceiling.ts). A charge writes at least one such row, so charges/s ÷ ceiling says how
// close the ledger gets to the cost of writing its own entries. Figures move by up to a third
// between runs (see the toolchain note), so only the same-run ratio is compared. On PostgreSQL
// the ceiling is one prepared INSERT per statement (a round trip each, like the ledger's own
// statements); a single 1,000-row INSERT per transaction is printed for reference.
// Targets (SQLite, batched): ≥ 20,000 charges/s and ≥ a tenth of the ceiling.
// The exit code is 0 whether targets pass or fail; it is 1 only when the run breaks or the
// ledger's own checks afterwards fail (then the figures mean nothing).
import { databaseConfig } from "../lib/db-config";
import type { SqlDatabase } from "../lib/sql";
import { type Measured, postgresCeiling, sqliteCeiling } from "./lib/ceiling";
import { prepareDatabases } from "./lib/env";
import { ceilingLine, int, machineFacts, type Result, rate, resultsTable, target } from "./lib/report";
import { BATCH_SIZE, batchedCharges, type Counts, concurrentCharges, countRows, makeBenchCompany, singleCharges, verify } from "./lib/workload";

const SIZES = {
  full: { sqlite: { single: 20_000, batched: 200_000, ceiling: 200_000 }, postgresql: { single: 2_000, batched: 20_000, concurrent: 2_000, ceiling: 20_000 } },
  quick: { sqlite: { single: 500, batched: 5_000, ceiling: 5_000 }, postgresql: { single: 100, batched: 2_000, concurrent: 200, ceiling: 2_000 } },
};
const CALLERS = 8;
const TARGET_BATCHED_PER_SECOND = 20_000;
const TARGET_CEILING_FRACTION = 0.1;

type Section = { database: string; results: Result[]; ceilings: string[]; counts: Counts; checks: { ok: boolean; lines: string[] } };

const progress = (line: string) => process.stderr.write(`  … ${line}\n`);
const done = (what: string, m: Measured) => progress(`${what}: ${int(m.count)} in ${m.seconds.toFixed(2)} s (${int(rate(m))}/s)`);

async function measureSqlite(
  sql: SqlDatabase,
  file: string,
  sizes: (typeof SIZES)["full"]["sqlite"],
): Promise<Omit<Section, "counts" | "checks"> & { companyId: string; charges: number }> {
  const companyId = await makeBenchCompany(sql, "sqlite");
  const ceiling = sqliteCeiling(file, sizes.ceiling);
  done("sqlite ceiling", ceiling);
  const single = await singleCharges(sql, companyId, "single", sizes.single);
  done("sqlite single", single);
  const batched = await batchedCharges(sql, companyId, "batched", sizes.batched);
  done("sqlite batched", batched);
  const per = rate(ceiling);
  return {
    database: "sqlite",
    companyId,
    charges: single.count + batched.count,
    ceilings: [ceilingLine("sqlite", `better-sqlite3 prepared INSERT, ${BATCH_SIZE} per transaction, faster of 2 runs`, ceiling)],
    results: [
      { database: "sqlite", mode: "single (1 per tx)", measured: single, ceilingPerSecond: per },
      { database: "sqlite", mode: `batched (${BATCH_SIZE} per tx)`, measured: batched, ceilingPerSecond: per },
    ],
  };
}

async function measurePostgres(
  sql: SqlDatabase,
  url: string,
  sizes: (typeof SIZES)["full"]["postgresql"],
): Promise<Omit<Section, "counts" | "checks"> & { companyId: string; charges: number }> {
  const companyId = await makeBenchCompany(sql, "postgresql");
  const { perStatement, multiRow } = await postgresCeiling(url, sizes.ceiling);
  done("postgresql ceiling", perStatement);
  const single = await singleCharges(sql, companyId, "single", sizes.single);
  done("postgresql single", single);
  const batched = await batchedCharges(sql, companyId, "batched", sizes.batched);
  done("postgresql batched", batched);
  const concurrent = await concurrentCharges(sql, companyId, "concurrent", sizes.concurrent, CALLERS);
  done("postgresql concurrent", concurrent);
  const per = rate(perStatement);
  return {
    database: "postgresql",
    companyId,
    charges: single.count + batched.count + concurrent.count,
    ceilings: [
      ceilingLine("postgresql", `pg, one prepared INSERT per statement, ${BATCH_SIZE} per transaction, faster of 2 (used for the ratio)`, perStatement),
      ceilingLine("postgresql", `pg, one ${BATCH_SIZE}-row INSERT per transaction (reference)`, multiRow),
    ],
    results: [
      { database: "postgresql", mode: "single (1 per tx)", measured: single, ceilingPerSecond: per },
      { database: "postgresql", mode: `batched (${BATCH_SIZE} per tx)`, measured: batched, ceilingPerSecond: per },
      { database: "postgresql", mode: `${CALLERS} concurrent, 1 company`, measured: concurrent, ceilingPerSecond: per },
    ],
  };
}

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const only = args.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const want = { sqlite: only === undefined || only === "sqlite", postgresql: only === undefined || only === "postgresql" };
  const sizes = quick ? SIZES.quick : SIZES.full;
  process.stderr.write(`Charge benchmark (${quick ? "quick" : "full"}): preparing databases\n`);
  const env = await prepareDatabases(want);
  const sections: Section[] = [];
  try {
    // lib/db loads the generated Prisma clients, which prepareDatabases has just (re)generated.
    const { openDatabase } = await import("../lib/db");
    const run = async (url: string, measure: (sql: SqlDatabase) => ReturnType<typeof measureSqlite>) => {
      const db = openDatabase(databaseConfig(url));
      try {
        const { companyId, charges, ...section } = await measure(db.sql);
        sections.push({ ...section, counts: await countRows(db.sql), checks: await verify(db.sql, companyId, charges) });
      } finally {
        await db.close();
      }
    };
    if (env.sqliteUrl && env.sqliteFile) await run(env.sqliteUrl, (sql) => measureSqlite(sql, env.sqliteFile!, sizes.sqlite));
    if (env.pgUrl) await run(env.pgUrl, (sql) => measurePostgres(sql, env.pgUrl!, sizes.postgresql));
  } finally {
    env.cleanup();
  }
  report(sections, quick);
}

function report(sections: Section[], quick: boolean) {
  const out: string[] = [`Credit ledger charge benchmark${quick ? " (--quick: sizes too small for real figures)" : ""}`, machineFacts(), ""];
  out.push(resultsTable(sections.flatMap((s) => s.results)), "");
  for (const s of sections) out.push(...s.ceilings);
  out.push("");
  for (const s of sections) {
    const c = s.counts;
    out.push(
      `${s.database} after the run: ${int(c.grants)} grants, ${int(c.entries)} ledger entries, ${int(c.allocations)} allocations, ${int(c.usageRecords)} usage records`,
    );
    out.push(...s.checks.lines.map((l) => `  ${l}`));
  }
  const sqlite = sections.find((s) => s.database === "sqlite");
  const batched = sqlite?.results.find((r) => r.mode.startsWith("batched"));
  if (batched?.ceilingPerSecond) {
    const perSecond = rate(batched.measured);
    out.push("", "Targets (SQLite, batched):");
    out.push(target(`batched ≥ ${int(TARGET_BATCHED_PER_SECOND)} charges/s`, perSecond >= TARGET_BATCHED_PER_SECOND, `${int(perSecond)} charges/s`));
    out.push(
      target(
        `batched ≥ ${TARGET_CEILING_FRACTION} × raw insert rate`,
        perSecond >= TARGET_CEILING_FRACTION * batched.ceilingPerSecond,
        `${int(perSecond)} vs ${int(TARGET_CEILING_FRACTION * batched.ceilingPerSecond)} = ${TARGET_CEILING_FRACTION} × ${int(batched.ceilingPerSecond)} rows/s`,
      ),
    );
  }
  console.log(out.join("\n"));
  if (sections.some((s) => !s.checks.ok)) {
    console.log("\nThe ledger's checks failed: the figures above are not valid.");
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
