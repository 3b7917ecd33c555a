// Which database the app runs on: DATABASE_URL, or the embedded SQLite file under data/.
import path from "node:path";

export type DatabaseConfig = { provider: "sqlite"; url: string; file: string } | { provider: "postgresql"; url: string };

export const DEFAULT_SQLITE_FILE = "data/credits.db";

export function databaseConfig(url = process.env.DATABASE_URL): DatabaseConfig {
  if (!url || url.trim() === "") {
    const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), DEFAULT_SQLITE_FILE);
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), url.slice("file:".length));
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.split(":")[0]}:…")`);
}
