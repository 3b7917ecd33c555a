// The export benchmark's database: a SQLite file migrated with the app's own migrations, seeded
// with the demo and a large company ("Initech (benchmark)") of N usage rows over the last year,
// each made by a real charge (lib/seed/large.ts). Building a million rows takes a while, so the
// file is cached under the OS temp dir and reused by later runs (--fresh rebuilds it). It is
// built under a temporary name and renamed only once seeding finished, so an interrupted build
// never leaves a half-seeded file that a later run would take for a good one; the seeding times
// are kept beside it (<file>.json) so a reusing run can still print them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseConfig } from "../../lib/db-config";
import { generateClients } from "../../scripts/db/generate";
import { applyMigrations } from "../../scripts/db/migrations";

export const BENCH_COMPANY = "Initech (benchmark)";

export type LargeDbMeta = {
  usageRows: number;
  seededAt: string;
  migrateSeconds: number;
  demoSeconds: number;
  largeSeconds: number;
};

export type LargeDb = { file: string; url: string; meta: LargeDbMeta; reused: boolean };

export function cacheDir(): string {
  return path.join(os.tmpdir(), "credits-bench");
}

export function cachedDbFile(usageRows: number): string {
  return path.join(cacheDir(), usageRows === 1_000_000 ? "large.db" : `large-${usageRows}.db`);
}

const SIDE_FILES = ["", "-wal", "-shm", "-journal", ".json"];

export function removeDbFiles(file: string) {
  for (const suffix of SIDE_FILES) fs.rmSync(file + suffix, { force: true });
}

const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

function readMeta(file: string, usageRows: number): LargeDbMeta | undefined {
  try {
    if (!fs.existsSync(file)) return undefined;
    const meta = JSON.parse(fs.readFileSync(`${file}.json`, "utf8")) as LargeDbMeta;
    return meta.usageRows === usageRows ? meta : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cached database for `usageRows`, built when missing, unreadable or `fresh`. Pending
 * migrations are applied to a reused file too. Generates the Prisma clients first (lib/db loads
 * them), as bench/lib/env.ts does.
 */
export async function prepareLargeDb({
  usageRows,
  fresh,
  progress,
}: {
  usageRows: number;
  fresh: boolean;
  progress: (line: string) => void;
}): Promise<LargeDb> {
  generateClients();
  const file = cachedDbFile(usageRows);
  const url = `file:${file}`;
  const existing = fresh ? undefined : readMeta(file, usageRows);
  if (existing) {
    const applied = await applyMigrations(databaseConfig(url));
    if (applied.length) progress(`applied migrations to the cached database: ${applied.join(", ")}`);
    return { file, url, meta: existing, reused: true };
  }

  fs.mkdirSync(cacheDir(), { recursive: true });
  removeDbFiles(file);
  const building = `${file}.building`;
  removeDbFiles(building);
  const cleanupPartial = () => removeDbFiles(building);
  process.once("exit", cleanupPartial);
  try {
    const config = databaseConfig(`file:${building}`);
    let start = process.hrtime.bigint();
    await applyMigrations(config);
    const migrateSeconds = elapsed(start);
    progress(`migrated ${building} in ${migrateSeconds.toFixed(1)} s`);

    const { openDatabase } = await import("../../lib/db");
    const { seedDemo } = await import("../../lib/seed/demo");
    const { seedLargeCompany } = await import("../../lib/seed/large");
    const db = openDatabase(config);
    const now = new Date();
    let demoSeconds: number;
    let largeSeconds: number;
    try {
      start = process.hrtime.bigint();
      await seedDemo(db, now);
      demoSeconds = elapsed(start);
      progress(`seeded the demo companies in ${demoSeconds.toFixed(1)} s`);
      progress(`seeding "${BENCH_COMPANY}" with ${usageRows.toLocaleString("en-US")} usage rows (target: under 2 minutes for a million)…`);
      start = process.hrtime.bigint();
      await seedLargeCompany(db, { usageRows, now, name: BENCH_COMPANY });
      largeSeconds = elapsed(start);
      progress(`seeded "${BENCH_COMPANY}" in ${largeSeconds.toFixed(1)} s`);
    } finally {
      await db.close();
    }
    // Closing the last connection checkpoints the WAL into the main file; rename the set.
    for (const suffix of ["-wal", "-shm"]) if (fs.existsSync(building + suffix)) fs.renameSync(building + suffix, file + suffix);
    fs.renameSync(building, file);
    const meta: LargeDbMeta = { usageRows, seededAt: now.toISOString(), migrateSeconds, demoSeconds, largeSeconds };
    fs.writeFileSync(`${file}.json`, `${JSON.stringify(meta, null, 2)}\n`);
    return { file, url, meta, reused: false };
  } finally {
    cleanupPartial();
    process.removeListener("exit", cleanupPartial);
  }
}
