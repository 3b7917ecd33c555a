// Writes prisma/postgresql/schema.prisma from the source schema and generates both Prisma
// clients. Prisma's CLI looks for a native schema engine before every command, although
// `generate` never runs it; pointing it at any existing file lets it proceed offline.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, SCHEMA_PATHS, toPostgresSchema } from "./schemas";

export function writePostgresSchema(): boolean {
  const next = toPostgresSchema(fs.readFileSync(SCHEMA_PATHS.sqlite, "utf8"));
  const current = fs.existsSync(SCHEMA_PATHS.postgresql) ? fs.readFileSync(SCHEMA_PATHS.postgresql, "utf8") : "";
  if (current === next) return false;
  fs.mkdirSync(path.dirname(SCHEMA_PATHS.postgresql), { recursive: true });
  fs.writeFileSync(SCHEMA_PATHS.postgresql, next);
  return true;
}

function generateClient(schemaPath: string) {
  const prismaCli = path.join(ROOT, "node_modules/prisma/build/index.js");
  execFileSync(process.execPath, [prismaCli, "generate", "--schema", schemaPath], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
}

/** Generates the clients unless both are newer than the source schema. */
export function generateClients({ force = false } = {}) {
  writePostgresSchema();
  const sourceTime = fs.statSync(SCHEMA_PATHS.sqlite).mtimeMs;
  for (const [provider, schemaPath] of Object.entries(SCHEMA_PATHS)) {
    const marker = path.join(ROOT, "lib/generated", provider, "client.ts");
    if (!force && fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= sourceTime) continue;
    generateClient(schemaPath);
  }
}

if (require.main === module) {
  generateClients({ force: process.argv.includes("--force") });
  console.log("Prisma clients generated in lib/generated/{sqlite,postgresql}");
}
