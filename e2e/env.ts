// Where the browser tests' server listens and which database it serves: one definition shared
// by playwright.config.ts (which starts the server) and the specs (which read the same database
// to know what the page must show).
import path from "node:path";

/** E2E_PORT runs a second suite beside the first, on its own port and database file. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** A SQLite file of its own under e2e/artifacts/ (gitignored), never the developer's data/. */
export const E2E_DATABASE_FILE = path.join(__dirname, "artifacts", E2E_PORT === 3100 ? "e2e.db" : `e2e-${E2E_PORT}.db`);
export const E2E_DATABASE_URL = `file:${E2E_DATABASE_FILE}`;
