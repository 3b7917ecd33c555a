// The schema and the migrations agree: the newest migration was made from the current schema
// on both providers, the migrations apply to empty databases (and a second time apply nothing),
// and afterwards every model can be written and read through Prisma.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, inject, it } from "vitest";
import { type Db, openDatabase } from "../../lib/db";
import { databaseConfig } from "../../lib/db-config";
import { PROVIDERS } from "../../test/support/databases";
import { applyMigrations, latestMigrationSchema, migrationNames } from "./migrations";
import { MIGRATIONS_DIRS, SCHEMA_PATHS, toPostgresSchema } from "./schemas";

describe("schema and migrations", () => {
  it("derive the PostgreSQL schema from the SQLite source", () => {
    expect(fs.readFileSync(SCHEMA_PATHS.postgresql, "utf8")).toBe(toPostgresSchema(fs.readFileSync(SCHEMA_PATHS.sqlite, "utf8")));
  });

  it.each(PROVIDERS)("have a %s migration made from the current schema (run `npm run db:migration -- <name>` after changing it)", (provider) => {
    expect(migrationNames(provider).length).toBeGreaterThan(0);
    expect(latestMigrationSchema(provider)).toBe(fs.readFileSync(SCHEMA_PATHS[provider], "utf8"));
  });

  it("keep the same migration names on both providers", () => {
    expect(migrationNames("postgresql")).toEqual(migrationNames("sqlite"));
  });
});

describe.each(PROVIDERS)("migrations on an empty %s database", (provider) => {
  it("apply once, then apply nothing, and every model can be written and read", async () => {
    const url = provider === "sqlite" ? `file:${path.join(inject("scratchDir"), `empty-${Date.now()}.db`)}` : await emptyPgDatabase();
    const config = databaseConfig(url);
    expect(await applyMigrations(config)).toEqual(migrationNames(provider));
    expect(await applyMigrations(config)).toEqual([]);
    const db = openDatabase(config);
    try {
      await writeAndReadEveryModel(db.prisma);
      await expectLeanChargeWrites(db.prisma, provider);
    } finally {
      await db.close();
    }
    if (config.provider === "sqlite") expectLeanHoldsKeepsRows(config.file);
  });
});

/**
 * What a charge writes is kept small (migration lean_charge_writes): the unique index on
 * reversesEntryId holds refunds only, and yet still refuses a second refund of one charge; on
 * SQLite LedgerAllocation, Hold and HoldAllocation are one B-tree each (WITHOUT ROWID; migrations
 * lean_charge_writes and lean_holds); the index of held holds keeps held holds only
 * (held_holds_index), and the reads of held holds use it.
 */
async function expectLeanChargeWrites(prisma: Db, provider: (typeof PROVIDERS)[number]) {
  const definition = (query: string) => prisma.$queryRawUnsafe<{ sql: string }[]>(query).then((rows) => rows[0]?.sql ?? "");
  if (provider === "sqlite") {
    expect(await definition(`SELECT "sql" FROM sqlite_schema WHERE "name" = 'LedgerEntry_reversesEntryId_key'`)).toMatch(
      /WHERE "reversesEntryId" IS NOT NULL$/,
    );
    for (const table of ["LedgerAllocation", "Hold", "HoldAllocation"]) {
      expect(await definition(`SELECT "sql" FROM sqlite_schema WHERE "name" = '${table}'`)).toMatch(/\) WITHOUT ROWID$/);
    }
    expect(await definition(`SELECT "sql" FROM sqlite_schema WHERE "name" = 'Hold_state_companyId_expiresAt_idx'`)).toMatch(/WHERE "state" = 'held'$/);
    // Both reads of held holds use it: a company's, for its budgets, and the expired ones.
    for (const query of [
      `SELECT "amountMilli" FROM "Hold" WHERE "companyId" = 'co_1' AND "state" = 'held'`,
      `SELECT "id", "companyId" FROM "Hold" WHERE "state" = 'held' AND "expiresAt" <= '2026-01-01' ORDER BY "expiresAt"`,
    ]) {
      const plan = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${query}`);
      expect(plan.map((step) => step.detail).join("; ")).toMatch(/USING (COVERING )?INDEX Hold_state_companyId_expiresAt_idx/);
    }
  } else {
    expect(await definition(`SELECT "indexdef" AS "sql" FROM pg_indexes WHERE "indexname" = 'LedgerEntry_reversesEntryId_key'`)).toMatch(
      /^CREATE UNIQUE INDEX .* WHERE \("reversesEntryId" IS NOT NULL\)$/,
    );
    expect(await definition(`SELECT "indexdef" AS "sql" FROM pg_indexes WHERE "indexname" = 'Hold_state_companyId_expiresAt_idx'`)).toMatch(
      /WHERE \(state = 'held'::text\)$/,
    );
  }
  const refund = (id: string, seq: number) => ({
    id,
    companyId: "co_1",
    seq,
    at: new Date(),
    kind: "refunded",
    amountMilli: 1n,
    balanceBeforeMilli: 0n,
    balanceAfterMilli: 1n,
    action: "refund",
    reversesEntryId: "e_1",
  });
  await prisma.ledgerEntry.create({ data: refund("e_refund_1", 101) });
  await expect(prisma.ledgerEntry.create({ data: refund("e_refund_2", 102) })).rejects.toThrow(/Unique constraint/i);
}

/**
 * lean_holds rebuilds Hold and HoldAllocation: run again on a database holding a hold and its
 * allocation, it keeps every row as it was, and their indexes and foreign keys.
 */
function expectLeanHoldsKeepsRows(file: string) {
  const migration = migrationNames("sqlite").find((name) => name.endsWith("_lean_holds"));
  expect(migration).toBeDefined();
  const sql = fs.readFileSync(path.join(MIGRATIONS_DIRS.sqlite, migration!, "migration.sql"), "utf8");
  const db = new Database(file);
  try {
    const rows = () => ({
      holds: db.prepare(`SELECT * FROM "Hold" ORDER BY "id"`).all(),
      allocations: db.prepare(`SELECT * FROM "HoldAllocation" ORDER BY "holdId", "grantId"`).all(),
    });
    // A hold on the company and grant writeAndReadEveryModel made, split in its allocation.
    db.prepare(
      `INSERT INTO "Hold" ("id", "companyId", "amountMilli", "state", "createdAt", "expiresAt", "action", "ledgerKey", "featureType", "featureName", "usageAction", "calls")
       VALUES ('hold_m1', 'co_1', 1500, 'held', '2026-01-02T03:04:05.678+00:00', '2026-01-02T03:14:05.678+00:00', 'Ask Anything API', 'api-ask:k1', 'ask_anything_api', 'Ask Anything API', 'request', 2)`,
    ).run();
    db.prepare(`INSERT INTO "HoldAllocation" ("holdId", "grantId", "amountMilli") VALUES ('hold_m1', 'g_1', 1500)`).run();
    const before = rows();
    expect(before.holds).toHaveLength(1);
    expect(before.allocations).toHaveLength(1);
    db.exec(sql);
    expect(rows()).toEqual(before);
    const indexes = db
      .prepare(`SELECT "name" FROM sqlite_schema WHERE "type" = 'index' AND "tbl_name" IN ('Hold', 'HoldAllocation') AND "sql" IS NOT NULL ORDER BY "name"`)
      .pluck()
      .all();
    expect(indexes).toEqual(["HoldAllocation_grantId_idx", "Hold_state_companyId_expiresAt_idx"]);
    expect(db.prepare(`PRAGMA foreign_key_check`).all()).toEqual([]);
    expect(db.prepare(`SELECT "table" FROM pragma_foreign_key_list('HoldAllocation') ORDER BY "table"`).pluck().all()).toEqual(["CreditGrant", "Hold"]);
  } finally {
    db.close();
  }
}

/**
 * one_usage_day_table moves UsageDayTotal's rows into UsageScopeDay (usedMilli on the feature
 * scopes): on a database migrated up to the migration before it, holding day totals and scope
 * days, every day's total arrives, budgets' net credits stay as they were, and the table is gone.
 */
describe.each(PROVIDERS)("one_usage_day_table on a %s database in use", (provider) => {
  /**
   * Applies the migrations before the one named `suffix`, runs `before` (data as it was then),
   * applies that migration, and answers what each of `queries` reads after it.
   */
  async function acrossMigration(suffix: string, before: string, queries: readonly string[]): Promise<unknown[][]> {
    const names = migrationNames(provider);
    const index = names.findIndex((name) => name.endsWith(suffix));
    expect(index).toBeGreaterThan(0);
    const script = (name: string) => fs.readFileSync(path.join(MIGRATIONS_DIRS[provider], name, "migration.sql"), "utf8");
    if (provider === "sqlite") {
      const db = new Database(path.join(inject("scratchDir"), `across-${suffix}-${Date.now()}.db`));
      try {
        for (const name of names.slice(0, index)) db.exec(script(name));
        db.exec(before);
        db.exec(script(names[index]!));
        return queries.map((query) => db.prepare(query).all());
      } finally {
        db.close();
      }
    }
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: await emptyPgDatabase() });
    await client.connect();
    try {
      // Timestamps written with an offset are read back in UTC, whatever the server's zone.
      await client.query("SET TIME ZONE 'UTC'");
      for (const name of names.slice(0, index)) await client.query(script(name));
      await client.query(before.replaceAll("+00:00'", "+00:00'::timestamptz"));
      await client.query(script(names[index]!));
      const rows: unknown[][] = [];
      for (const query of queries) rows.push((await client.query(query)).rows);
      return rows;
    } finally {
      await client.end();
    }
  }

  const COMPANY = `INSERT INTO "Company" ("id", "name", "timeZone", "termStartsAt", "termEndsAt", "creditsPerCoreSeatMilli")
                     VALUES ('co_m', 'M', 'UTC', '2026-01-01T00:00:00.000+00:00', '2027-01-01T00:00:00.000+00:00', 0);`;

  it("keeps every day's usage, as charged and as budgets count it", async () => {
    const before = `${COMPANY}
                    INSERT INTO "UsageDayTotal" ("companyId", "usageDate", "featureType", "creditsMilli") VALUES
                      ('co_m', '2026-03-01', 'mcp', 1500), ('co_m', '2026-03-01', 'ai_tracker', 9007199254740993), ('co_m', '2026-03-02', 'mcp', 700);
                    INSERT INTO "UsageScopeDay" ("companyId", "scope", "usageDate", "creditsMilli") VALUES
                      ('co_m', 'feature:mcp', '2026-03-02', 200), ('co_m', 'team:team_1', '2026-03-02', 700);`;
    const after = `SELECT "scope", "usageDate", CAST("creditsMilli" AS TEXT) AS "credits", CAST("usedMilli" AS TEXT) AS "used" FROM "UsageScopeDay" ORDER BY "scope", "usageDate"`;
    const left = `SELECT CAST(COUNT(*) AS TEXT) AS "n" FROM ${provider === "sqlite" ? 'sqlite_schema WHERE "name"' : 'information_schema.tables WHERE "table_name"'} = 'UsageDayTotal'`;
    const [rows, tables] = await acrossMigration("_one_usage_day_table", before, [after, left]);
    expect(rows).toEqual([
      { scope: "feature:ai_tracker", usageDate: "2026-03-01", credits: "0", used: "9007199254740993" },
      { scope: "feature:mcp", usageDate: "2026-03-01", credits: "0", used: "1500" },
      { scope: "feature:mcp", usageDate: "2026-03-02", credits: "200", used: "700" },
      { scope: "team:team_1", usageDate: "2026-03-02", credits: "700", used: "0" },
    ]);
    expect(tables).toEqual([{ n: "0" }]);
  });

  it("moves an unsent email's attempt time out of sentAt, and keeps a sent email's", async () => {
    const before = `${COMPANY}
                    INSERT INTO "OutboxEmail" ("id", "companyId", "to", "subject", "text", "status", "attempts", "createdAt", "sentAt") VALUES
                      ('o_sent', 'co_m', 'a@m.test', 'S', 'T', 'sent', 1, '2026-03-01T10:00:00.000+00:00', '2026-03-01T10:01:00.000+00:00'),
                      ('o_retry', 'co_m', 'a@m.test', 'S', 'T', 'pending', 2, '2026-03-01T10:00:00.000+00:00', '2026-03-01T10:05:00.000+00:00'),
                      ('o_new', 'co_m', 'a@m.test', 'S', 'T', 'pending', 0, '2026-03-01T10:00:00.000+00:00', NULL);`;
    const after = `SELECT "id", "sentAt" IS NOT NULL AS "sent", "lastAttemptAt" IS NOT NULL AS "tried",
                          ${provider === "sqlite" ? `"lastAttemptAt" = '2026-03-01T10:05:00.000+00:00'` : `"lastAttemptAt" = '2026-03-01T10:05:00'`} AS "atRetry"
                     FROM "OutboxEmail" ORDER BY "id"`;
    const [rows] = await acrossMigration("_outbox_last_attempt", before, [after]);
    // SQLite answers booleans as 0 and 1.
    const b = (v: boolean) => (provider === "sqlite" ? Number(v) : v);
    expect(rows).toEqual([
      { id: "o_new", sent: b(false), tried: b(false), atRetry: null },
      { id: "o_retry", sent: b(false), tried: b(true), atRetry: b(true) },
      { id: "o_sent", sent: b(true), tried: b(true), atRetry: b(false) },
    ]);
  });
});

async function emptyPgDatabase(): Promise<string> {
  const pg = await import("pg");
  const name = `empty_${Date.now().toString(36)}`;
  const admin = new pg.default.Client({ connectionString: inject("pgServerUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return inject("pgServerUrl").replace(/\/postgres$/, `/${name}`);
}

async function writeAndReadEveryModel(prisma: Db) {
  const at = new Date("2026-01-02T03:04:05.678Z");
  const big = 9_007_199_254_740_993n; // beyond a double's exact range
  const c = await prisma.company.create({
    data: { id: "co_1", name: "Model Co", timeZone: "UTC", termStartsAt: at, termEndsAt: at, creditsPerCoreSeatMilli: big },
  });
  expect(c.creditsPerCoreSeatMilli).toBe(big);
  expect(c.termStartsAt.toISOString()).toBe(at.toISOString());
  await prisma.seat.create({ data: { companyId: c.id, seatType: "core", count: 3 } });
  const u = await prisma.user.create({ data: { id: "u_1", email: "m@x.test", name: "M", role: "member", companyId: c.id, passwordHash: "secret" } });
  expect("passwordHash" in u).toBe(false); // omitted globally
  await prisma.apiKey.create({ data: { id: "k_1", companyId: c.id, userId: u.id, name: "k", keyHash: "h", prefix: "p" } });
  await prisma.creditAccount.create({ data: { companyId: c.id, balanceMilli: big } });
  await prisma.creditGrant.create({
    data: {
      id: "g_1",
      companyId: c.id,
      kind: "default",
      amountMilli: big,
      remainingMilli: big,
      availableFrom: at,
      expiresAt: at,
      status: "active",
      createdAt: at,
    },
  });
  await prisma.ledgerEntry.create({
    data: { id: "e_1", companyId: c.id, seq: 1, at, kind: "added", amountMilli: big, balanceBeforeMilli: 0n, balanceAfterMilli: big, action: "a" },
  });
  await prisma.ledgerAllocation.create({ data: { entryId: "e_1", grantId: "g_1", amountMilli: 1n } });
  await prisma.purchase.create({
    data: {
      id: "p_1",
      companyId: c.id,
      orderReference: "o",
      creditsMilli: 1n,
      purchasedAt: at,
      availableFrom: at,
      expiresAt: at,
      grantId: "g_1",
      createdAt: at,
    },
  });
  await prisma.usageRecord.create({
    data: {
      id: "us_1",
      companyId: c.id,
      usageDate: "2026-01-02",
      featureType: "mcp",
      featureName: "MCP server",
      usageAction: "x",
      creditsMilli: 1n,
      firstAt: at,
      lastAt: at,
    },
  });
  await prisma.usageScopeDay.create({ data: { companyId: c.id, scope: "feature:mcp", usageDate: "2026-01-02", creditsMilli: 1n, usedMilli: big } });
  await prisma.call.create({ data: { id: "ca_1", companyId: c.id, externalId: "x", startedAt: at, durationSeconds: 1, receivedAt: at } });
  await prisma.email.create({ data: { id: "em_1", companyId: c.id, externalId: "x", sentAt: at, receivedAt: at } });
  await prisma.tracker.create({ data: { id: "t_1", companyId: c.id, name: "t", type: "question", status: "draft", createdAt: at } });
  await prisma.trackerResult.create({ data: { trackerId: "t_1", itemType: "call", itemId: "ca_1", matched: true, processedAt: at } });
  await prisma.brief.create({ data: { id: "b_1", companyId: c.id, title: "b", createdAt: at } });
  await prisma.briefSection.create({ data: { id: "s_1", briefId: "b_1", position: 0, heading: "h", source: "direct" } });
  await prisma.briefVersion.create({ data: { id: "v_1", briefId: "b_1", content: "c", generatedAt: at } });
  await prisma.idempotentRequest.create({ data: { companyId: c.id, key: "k", requestHash: "h", state: "done", createdAt: at } });
  await prisma.thresholdState.create({ data: { companyId: c.id, percent: 60, firedAt: at } });
  await prisma.notification.create({ data: { id: "n_1", companyId: c.id, userId: u.id, kind: "threshold", title: "t", body: "b", createdAt: at } });
  await prisma.outboxEmail.create({ data: { id: "m_1", companyId: c.id, to: "a@b", subject: "s", text: "t", status: "kept", createdAt: at } });
  await prisma.auditEntry.create({ data: { id: "a_1", companyId: c.id, action: "x", targetType: "y", targetId: "z", at } });
  const loaded = await prisma.company.findUniqueOrThrow({
    where: { id: c.id },
    include: {
      seats: true,
      users: true,
      apiKeys: true,
      account: true,
      grants: true,
      entries: { include: { allocations: true } },
      purchases: true,
      usage: true,
      usageScopeDays: true,
      calls: true,
      emails: true,
      trackers: { include: { results: true } },
      notifications: true,
      outbox: true,
      audit: true,
      briefs: { include: { sections: true, versions: true } },
      idempotentCalls: true,
      thresholdStates: true,
    },
  });
  expect(loaded.account?.balanceMilli).toBe(big);
  expect(loaded.entries[0]?.allocations).toHaveLength(1);
  expect(loaded.trackers[0]?.results).toHaveLength(1);
  expect(loaded.briefs[0]?.sections).toHaveLength(1);
  for (const list of [
    loaded.seats,
    loaded.users,
    loaded.apiKeys,
    loaded.grants,
    loaded.purchases,
    loaded.usage,
    loaded.usageScopeDays,
    loaded.calls,
    loaded.emails,
    loaded.notifications,
    loaded.outbox,
    loaded.audit,
    loaded.idempotentCalls,
    loaded.thresholdStates,
  ]) {
    expect(list).toHaveLength(1);
  }
  // strictUndefinedChecks: an undefined filter is an error, never "match every row".
  await expect(prisma.company.findMany({ where: { id: undefined } })).rejects.toThrow();
}
