// Prisma's schema engine as WebAssembly, so that migrations run on machines where Prisma's CLI
// cannot fetch its native engine. Node 20 will not import a .wasm module, so the engine's
// glue is loaded and instantiated by hand.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import type { DatabaseConfig } from "../../lib/db-config";
import { ROOT } from "./schemas";

type EngineModule = { SchemaEngine: typeof SchemaEngine };
let enginePromise: Promise<EngineModule> | undefined;

function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    // The package's exports hide package.json, so find its folder under node_modules.
    const dir = path.join(ROOT, "node_modules/@prisma/schema-engine-wasm");
    const bg = await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href);
    const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg as EngineModule;
  })();
  return enginePromise;
}

function adapterFactory(config: DatabaseConfig): SqlMigrationAwareDriverAdapterFactory {
  if (config.provider === "sqlite") return new PrismaBetterSqlite3({ url: config.url });
  return new PrismaPg(pgConfigFromUrl(config.url));
}

/** PrismaPg ignores overrides given beside a connection string, so pass its parts. */
export function pgConfigFromUrl(url: string) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
  };
}

/**
 * Runs `fn` with a schema engine connected to the database, then frees the engine and closes
 * every connection it opened (freeing alone leaves SQLite locked for the next process user).
 */
export async function withSchemaEngine<T>(config: DatabaseConfig, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const inner = adapterFactory(config);
  const opened: { dispose(): Promise<void> }[] = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await inner.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  const logs: string[] = [];
  const engine = await SchemaEngine.new({ datamodels: undefined } as never, (log: string) => logs.push(log), bindMigrationAwareSqlAdapterFactory(tracking));
  try {
    return await fn(engine);
  } catch (error) {
    throw new Error(`schema engine: ${describeEngineError(error)}`, { cause: error });
  } finally {
    engine.free();
    for (const adapter of opened) await adapter.dispose().catch(() => undefined);
  }
}

function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null) return JSON.stringify(error);
  return String(error);
}
