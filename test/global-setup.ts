// Once per test run: a PostgreSQL server on 127.0.0.1 (stopped after the run), and a migrated
// template database on each provider, applied through the same migration code `npm start` uses.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { databaseConfig } from "../lib/db-config";
import { generateClients } from "../scripts/db/generate";
import { applyMigrations } from "../scripts/db/migrations";
import { type PostgresServer, startPostgres } from "../scripts/pg/server";

let server: PostgresServer | undefined;
let scratch: string | undefined;

export async function setup(project: TestProject) {
  generateClients();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "credits-test-"));
  const sqliteTemplate = path.join(scratch, "template.db");
  await applyMigrations(databaseConfig(`file:${sqliteTemplate}`));
  server = await startPostgres();
  const pgTemplateUrl = await server.createDatabase("credits_template");
  await applyMigrations(databaseConfig(pgTemplateUrl));
  project.provide("sqliteTemplate", sqliteTemplate);
  project.provide("pgServerUrl", server.url);
  project.provide("scratchDir", scratch);
}

export async function teardown() {
  server?.stop();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    pgServerUrl: string;
    scratchDir: string;
  }
}
