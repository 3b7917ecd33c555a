// Readiness: the app answers 200 on /api/health once the database is migrated and seeded.
import { getDatabase } from "./db";

export async function isReady(): Promise<boolean> {
  try {
    const { sql } = getDatabase();
    const row = await sql.get(`SELECT COUNT(*) AS n FROM "Company"`);
    return row !== undefined && Number(row.n) > 0;
  } catch {
    return false;
  }
}
