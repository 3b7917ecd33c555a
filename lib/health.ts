// Readiness: the app answers 200 on /api/health once the database is migrated and seeded.
import { getDatabase } from "./db";
import { col, shape } from "./sql/rows";

const CountRow = shape({ n: col.int });

export async function isReady(): Promise<boolean> {
  try {
    const { sql } = getDatabase();
    const row = await sql.row(`SELECT COUNT(*) AS n FROM "Company"`, [], CountRow);
    return row !== undefined && row.n > 0;
  } catch {
    return false;
  }
}
