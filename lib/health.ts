// Readiness: the app answers 200 on /api/health once the database is migrated and seeded. `npm
// start` migrates (and seeds an empty database with the demo, unless SEED_DEMO=false) before it
// listens, so here "ready" is: the schema answers, and the demo, when it is to be seeded, is there.
// With SEED_DEMO=false an empty database is ready: a production install starts with no companies.
import { getDatabase } from "./db";
import type { SqlReader } from "./sql";
import { col, shape } from "./sql/rows";

const CountRow = shape({ n: col.int });

export async function isReady(sql?: SqlReader, env: Record<string, string | undefined> = process.env): Promise<boolean> {
  try {
    const row = await (sql ?? getDatabase().sql).row(`SELECT COUNT(*) AS n FROM "Company"`, [], CountRow);
    if (row === undefined) return false;
    return env.SEED_DEMO === "false" || row.n > 0;
  } catch {
    return false;
  }
}
