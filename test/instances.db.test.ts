// Several instances on one PostgreSQL database (spec: "Several instances"): two real `npm start`
// programs started at the same moment on an empty database migrate and seed it once; an MCP
// session opened on one is served by the other; charges sent to both draw one balance exactly;
// with trackers published and calls arriving, each call is charged once across both workers; an
// outbox email is sent once through a real SMTP server; a session cookie made by one instance
// works on the other. Then SIGTERM during a burst of charged requests: every request answered
// 200 is in the ledger, none other is, and the instance exits 0.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiWorld, addCredits, makeApiCompany } from "../e2e/api-world";
import { chargeKeyOf } from "../lib/ai/requests";
import { createId } from "../lib/ids";
import type { SqlDatabase } from "../lib/sql";
import { openPostgres, pipelinedPool } from "../lib/sql/postgres";
import { col, shape } from "../lib/sql/rows";
import { freePort } from "../scripts/pg/server";
import { buildIfStale } from "../scripts/serve";
import { eventually, type Instance, startInstance, waitHealthy } from "./support/instances";
import { expectLedgerConsistent } from "./support/ledger-invariants";
import { TestSmtp } from "./support/smtp";

const CHARGE_PER_EMAIL_MILLI = 100n;
const BalanceRow = shape({ balanceMilli: col.bigint });
const CountRow = shape({ n: col.int });

describe("two instances on one PostgreSQL database", () => {
  let a: Instance;
  let b: Instance;
  let sql: SqlDatabase;
  let databaseUrl: string;
  const smtp = new TestSmtp();

  beforeAll(async () => {
    buildIfStale();
    await smtp.start();
    const name = `instances_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: inject("pgServerUrl") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databaseUrl = inject("pgServerUrl").replace(/\/postgres$/, `/${name}`);
    const env = {
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url(),
      TRACKER_WORKER_INTERVAL_MS: "200",
      OUTBOX_INTERVAL_MS: "200",
      DATABASE_POOL_SIZE: "5",
    };
    const [portA, portB] = [await freePort(), await freePort()];
    // Both at the same moment, on an empty database.
    a = startInstance(portA, env);
    b = startInstance(portB, env);
    await Promise.all([waitHealthy(a), waitHealthy(b)]);
    sql = openPostgres(pipelinedPool({ connectionString: databaseUrl, max: 4 }));
  }, 600_000);

  afterAll(async () => {
    a?.signal("SIGTERM");
    b?.signal("SIGTERM");
    await Promise.all([a?.exited, b?.exited]);
    await sql?.close();
    await smtp.stop();
  }, 60_000);

  it("migrated and seeded the empty database once", async () => {
    const migrations = await sql.rows(
      `SELECT "migration_name", COUNT(*) AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL GROUP BY "migration_name"`,
      [],
      shape({ migration_name: col.text, n: col.int }),
    );
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.every((m) => m.n === 1)).toBe(true);
    const companies = await sql.rows(`SELECT "name" FROM "Company" ORDER BY "name"`, [], shape({ name: col.text }));
    expect(companies.map((c) => c.name)).toEqual(["Acme Corp", "Globex"]);
    const logs = `${a.output()}\n${b.output()}`;
    expect(logs.match(/seeding the demo companies/g)).toHaveLength(1);
  });

  async function world(credits: number): Promise<ApiWorld & { emailId: string }> {
    const w = await makeApiCompany(sql, { credits });
    const emailId = `e-${w.companyId}`;
    const ingest = await fetch(`${a.url}/api/v1/emails`, {
      method: "POST",
      headers: { authorization: `Bearer ${w.key}`, "content-type": "application/json" },
      body: JSON.stringify({ emails: [{ externalId: emailId, sentAt: new Date().toISOString(), body: "Pricing is fine." }] }),
    });
    expect(ingest.status).toBe(200);
    return { ...w, emailId };
  }

  const ask = (instance: Instance, w: ApiWorld & { emailId: string }, key?: string) =>
    fetch(`${instance.url}/api/v1/ask-anything`, {
      method: "POST",
      headers: { authorization: `Bearer ${w.key}`, "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
      body: JSON.stringify({ question: "What about pricing?", emailIds: [w.emailId] }),
    });

  it("serves an MCP session opened on one instance from the other", async () => {
    const w = await world(10);
    const rpc = (instance: Instance, body: unknown, session?: string) =>
      fetch(`${instance.url}/api/mcp`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${w.key}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2025-06-18",
          ...(session ? { "mcp-session-id": session } : {}),
        },
        body: JSON.stringify(body),
      });
    const init = await rpc(a, {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "Two-instance client", version: "1.0" } },
    });
    expect(init.status).toBe(200);
    const session = init.headers.get("mcp-session-id");
    expect(session).toBeTruthy();
    expect((await rpc(b, { jsonrpc: "2.0", method: "notifications/initialized" }, session!)).status).toBe(202);
    const call = await rpc(
      b,
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "ask_anything", arguments: { question: "pricing?", emailIds: [w.emailId] } } },
      session!,
    );
    expect(call.status).toBe(200);
    const result = (await call.json()) as { result: { structuredContent: { creditsCharged: string }; isError?: boolean } };
    expect(result.result.isError).toBeFalsy();
    expect(result.result.structuredContent.creditsCharged).toBe("0.1");
    const usage = await sql.rows(
      `SELECT "integration" FROM "UsageRecord" WHERE "companyId" = ? AND "featureType" = 'mcp'`,
      [w.companyId],
      shape({ integration: col.text }),
    );
    expect(usage.map((u) => u.integration)).toEqual(["Two-instance client"]);
    // A session that does not exist is 404 on either instance, as the protocol says.
    const gone = await rpc(a, { jsonrpc: "2.0", id: 3, method: "tools/list" }, "no-such-session");
    expect(gone.status).toBe(404);
  });

  it("draws one balance exactly from charges sent to both instances", async () => {
    const w = await world(2);
    // 2 credits hold 20 charges of 0.1: 30 requests, alternating instances, at once.
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => ask(i % 2 === 0 ? a : b, w, `burst-${i}`)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 402)).toHaveLength(10);
    const account = await sql.row(`SELECT "balanceMilli" FROM "CreditAccount" WHERE "companyId" = ?`, [w.companyId], BalanceRow);
    expect(account!.balanceMilli).toBe(0n);
    await expectLedgerConsistent(sql, w.companyId);
  });

  it("charges each arriving call once across both instances' tracker workers", async () => {
    const w = await world(100);
    const now = new Date();
    for (const name of ["Pricing", "Competitors"]) {
      await sql.run(
        `INSERT INTO "Tracker" ("id", "companyId", "name", "type", "question", "status", "createdAt", "publishedAt") VALUES (?, ?, ?, 'question', ?, 'published', ?, ?)`,
        [createId("tracker", now), w.companyId, name, `Did they talk about ${name}?`, now, now],
      );
    }
    const calls = Array.from({ length: 40 }, (_, i) => ({
      externalId: `call-${i}`,
      startedAt: new Date(now.getTime() + 1000 + i).toISOString(),
      durationSeconds: 300,
      transcript: "We talked about pricing.",
    }));
    for (let i = 0; i < calls.length; i += 10) {
      const target = (i / 10) % 2 === 0 ? a : b;
      const r = await fetch(`${target.url}/api/v1/calls`, {
        method: "POST",
        headers: { authorization: `Bearer ${w.key}`, "content-type": "application/json" },
        body: JSON.stringify({ calls: calls.slice(i, i + 10) }),
      });
      expect(r.status).toBe(200);
    }
    const results = async () =>
      (await sql.row(
        `SELECT COUNT(*) AS n FROM "TrackerResult" r JOIN "Tracker" t ON t."id" = r."trackerId" WHERE t."companyId" = ?`,
        [w.companyId],
        CountRow,
      ))!.n;
    await eventually("both trackers processed every call", async () => (await results()) === 80);
    const charges = await sql.rows(
      `SELECT "idempotencyKey" AS key, COUNT(*) AS n FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used' GROUP BY "idempotencyKey"`,
      [w.companyId],
      shape({ key: col.textOrNull, n: col.int }),
    );
    // The world's one email was never named by a request here, so every charge is a call's.
    expect(charges).toHaveLength(40);
    expect(charges.every((c) => c.n === 1)).toBe(true);
    const account = await sql.row(`SELECT "balanceMilli" FROM "CreditAccount" WHERE "companyId" = ?`, [w.companyId], BalanceRow);
    expect(account!.balanceMilli).toBe(100_000n - 40n * 500n);
    await expectLedgerConsistent(sql, w.companyId);
  });

  it("sends each outbox email once through SMTP", async () => {
    const w = await world(1);
    const now = new Date();
    const recipients = Array.from({ length: 12 }, (_, i) => `admin${i}-${w.companyId.toLowerCase()}@instances.test`);
    for (const to of recipients) {
      await sql.run(
        `INSERT INTO "OutboxEmail" ("id", "companyId", "to", "subject", "text", "status", "attempts", "lastError", "createdAt") VALUES (?, ?, ?, 'Usage alert', 'Check your credits.', 'pending', 0, '', ?)`,
        [createId("outbox", now), w.companyId, to, now],
      );
    }
    const sent = async () => (await sql.row(`SELECT COUNT(*) AS n FROM "OutboxEmail" WHERE "companyId" = ? AND "status" = 'sent'`, [w.companyId], CountRow))!.n;
    await eventually("every email is sent", async () => (await sent()) === recipients.length);
    for (const to of recipients) expect(smtp.received.filter((m) => m.rcpt.includes(to))).toHaveLength(1);
  });

  it("reads a session cookie made by one instance on the other", async () => {
    const jar = new Map<string, string>();
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const keep = (r: Response) => {
      for (const line of r.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const [k, v] = pair!.split("=");
        jar.set(k!, v ?? "");
      }
    };
    const csrf = await fetch(`${a.url}/api/auth/csrf`);
    keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${a.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email: "tech@acme.test", password: "demo-credits", json: "true" }),
    });
    keep(signIn);
    const session = await fetch(`${b.url}/api/auth/session`, { headers: { cookie: cookie() } });
    expect(((await session.json()) as { user?: { email?: string } }).user?.email).toBe("tech@acme.test");
    const page = await fetch(`${b.url}/admin-center/settings/credits`, { headers: { cookie: cookie() }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Credits remaining");
  });

  it("on SIGTERM finishes the requests in flight, exits 0, and the ledger holds exactly the answered charges", async () => {
    const w = await world(0);
    await addCredits(sql, w.companyId, 1000);
    const keys = Array.from({ length: 60 }, (_, i) => `term-${i}-${randomBytes(3).toString("hex")}`);
    let first: () => void = () => undefined;
    const firstAnswered = new Promise<void>((resolve) => (first = resolve));
    const outcomes = keys.map((key, i) =>
      // Staggered over about half a second, so the signal lands in the middle of the burst.
      new Promise((resolve) => setTimeout(resolve, i * 8))
        .then(() => ask(b, w, key))
        .then(
          async (r) => {
            first();
            // 503 only as the stopping server's refusal of a request on a kept-alive connection.
            if (r.status === 503) return ((await r.json()) as { error?: string }).error === "busy" ? 503 : -503;
            return r.status;
          },
          () => 0,
        ),
    );
    await firstAnswered;
    b.signal("SIGTERM");
    const statuses = await Promise.all(outcomes);
    expect(await b.exited).toBe(0);
    // Everything in flight ended well within the grace period: the tracker worker stops between batches.
    expect(b.output()).not.toContain("after the grace period");
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    // Answered in full (200), or never taken: its connection refused (0) or, on a kept-alive
    // connection, answered 503 busy once the server stopped accepting.
    expect(
      statuses.filter((s) => s !== 200 && s !== 0 && s !== 503),
      `statuses ${JSON.stringify(statuses)}; the instance said:\n${b.output().slice(-2000)}`,
    ).toEqual([]);
    const booked = new Set(
      (
        await sql.rows(
          `SELECT "idempotencyKey" AS key FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used'`,
          [w.companyId],
          shape({ key: col.textOrNull }),
        )
      ).map((r) => r.key),
    );
    keys.forEach((key, i) => {
      expect(booked.has(chargeKeyOf("api", "ask", key)), `request ${i} answered ${statuses[i]}`).toBe(statuses[i] === 200);
    });
    const account = await sql.row(`SELECT "balanceMilli" FROM "CreditAccount" WHERE "companyId" = ?`, [w.companyId], BalanceRow);
    expect(account!.balanceMilli).toBe(1_000_000n - BigInt(statuses.filter((s) => s === 200).length) * CHARGE_PER_EMAIL_MILLI);
    await expectLedgerConsistent(sql, w.companyId);
  });
});
