// The public API and the MCP server over real HTTP against the running app (R-COST-*, R-ZERO-*
// for API and MCP, R-PLUS-3, the fixed API surfaces): ingestion, exact charges, idempotency,
// 402 at zero and recovery after a purchase, keys, bad input, concurrency.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { formatCredits } from "../lib/credits/amount";
import { getCreditSummary } from "../lib/ledger/balance";
import { FEATURE_TYPES } from "../lib/ledger/types";
import type { SqlDatabase } from "../lib/sql";
import { col, shape } from "../lib/sql/rows";
import { type ApiWorld, addCredits, makeApiCompany } from "./api-world";
import { E2E_BASE_URL } from "./env";
import { openE2eSql } from "./ledger";

const CountRow = shape({ n: col.int });

let sql: SqlDatabase;
test.beforeAll(() => {
  sql = openE2eSql();
});
test.afterAll(async () => {
  await sql.close();
});

const auth = (w: ApiWorld, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${w.key}`, ...extra });
const remaining = async (w: ApiWorld) => formatCredits((await getCreditSummary(sql, { companyId: w.companyId, now: new Date() })).remainingMilli);

async function ingest(request: APIRequestContext, w: ApiWorld) {
  const calls = await request.post("/api/v1/calls", {
    headers: auth(w),
    data: {
      calls: [
        {
          externalId: "c-10min",
          startedAt: "2026-11-20T15:00:00Z",
          durationSeconds: 600,
          title: "Pricing call",
          transcript: "The customer asked about pricing. We discussed the renewal.",
        },
        { externalId: "c-long", startedAt: "2026-11-21T15:00:00Z", durationSeconds: 601, transcript: "They compared our pricing with a competitor." },
        { externalId: "c-short", startedAt: "2026-11-22T15:00:00Z", durationSeconds: 30 },
      ],
    },
  });
  expect(calls.status()).toBe(200);
  expect(await calls.json()).toEqual({ accepted: 3, alreadyKnown: 0 });
  const emails = await request.post("/api/v1/emails", {
    headers: auth(w),
    data: {
      emails: [
        { externalId: "e-1", sentAt: "2026-11-20T16:00:00Z", subject: "Quote", body: "Here is the pricing we discussed." },
        { externalId: "e-2", sentAt: "2026-11-20T17:00:00Z" },
      ],
    },
  });
  expect(await emails.json()).toEqual({ accepted: 2, alreadyKnown: 0 });
}

test("ingests calls and emails, and counts a re-send as already known", async ({ request }) => {
  const w = await makeApiCompany(sql);
  await ingest(request, w);
  const again = await request.post("/api/v1/calls", {
    headers: auth(w),
    data: {
      calls: [
        { externalId: "c-10min", startedAt: "2026-11-20T15:00:00Z", durationSeconds: 600 },
        { externalId: "c-new", startedAt: "2026-11-23T15:00:00Z", durationSeconds: 10 },
      ],
    },
  });
  expect(await again.json()).toEqual({ accepted: 1, alreadyKnown: 1 });
});

test("charges Ask Anything and Briefer exactly: 0.5 for 10 minutes, 1 for longer, 0.1 per email", async ({ request }) => {
  const w = await makeApiCompany(sql, { credits: 10 });
  await ingest(request, w);
  const ask = await request.post("/api/v1/ask-anything", {
    headers: auth(w),
    data: { question: "What did they say about pricing?", callIds: ["c-10min", "c-long"], emailIds: ["e-1"] },
  });
  expect(ask.status()).toBe(200);
  const body = await ask.json();
  expect(body).toMatchObject({ id: expect.stringMatching(/^ans_/), creditsCharged: "1.6", remaining: "8.4" });
  expect(body.answer).toContain("pricing");
  const brief = await request.post("/api/v1/briefs", { headers: auth(w), data: { title: "Account brief", callIds: ["c-short"], emailIds: ["e-1", "e-2"] } });
  expect(await brief.json()).toMatchObject({
    id: expect.stringMatching(/^brief_/),
    brief: expect.stringContaining("# Account brief"),
    creditsCharged: "0.7",
    remaining: "7.7",
  });
  expect(await remaining(w)).toBe("7.7");
  const balance = await request.get("/api/v1/balance", { headers: auth(w) });
  expect(await balance.json()).toEqual({ remaining: "7.7", total: "10" });
  const usage = await sql.rows(
    `SELECT "featureType", "creditsMilli", "calls", "emails", "requests" FROM "UsageRecord" WHERE "companyId" = ? ORDER BY "featureType"`,
    [w.companyId],
    shape({ featureType: col.oneOf(FEATURE_TYPES), creditsMilli: col.bigint, calls: col.int, emails: col.int, requests: col.int }),
  );
  expect(usage).toEqual([
    { featureType: "ask_anything_api", creditsMilli: 1600n, calls: 2, emails: 1, requests: 1 },
    { featureType: "briefer_api", creditsMilli: 700n, calls: 1, emails: 2, requests: 1 },
  ]);
});

test("answers a repeated Idempotency-Key byte for byte and charges once; refuses it with another body", async ({ request }) => {
  const w = await makeApiCompany(sql, { credits: 5 });
  await ingest(request, w);
  const send = (question: string) =>
    request.post("/api/v1/ask-anything", { headers: auth(w, { "Idempotency-Key": "order-42" }), data: { question, callIds: ["c-long"] } });
  const first = await send("pricing?");
  const second = await send("pricing?");
  expect(first.status()).toBe(200);
  expect(await second.text()).toBe(await first.text());
  expect(await remaining(w)).toBe("4");
  const other = await send("something else?");
  expect(other.status()).toBe(409);
  expect(await other.json()).toMatchObject({ error: "idempotency_conflict", field: "Idempotency-Key" });
  const bad = await request.post("/api/v1/ask-anything", { headers: auth(w, { "Idempotency-Key": "x".repeat(256) }), data: { question: "q" } });
  expect(await bad.json()).toMatchObject({ error: "invalid_request", field: "Idempotency-Key" });
  expect(await remaining(w)).toBe("4");
});

test("refuses with 402 at zero, charging nothing, and works again after a purchase", async ({ request }) => {
  const w = await makeApiCompany(sql, { credits: 1 });
  await ingest(request, w);
  const ask = () =>
    request.post("/api/v1/ask-anything", {
      headers: auth(w, { "Idempotency-Key": "retry-me" }),
      data: { question: "pricing?", callIds: ["c-long", "c-10min"] },
    });
  const refused = await ask();
  expect(refused.status()).toBe(402);
  expect(await refused.json()).toEqual({ error: "insufficient_credits", message: expect.stringContaining("1.5"), required: "1.5", available: "1" });
  expect(await remaining(w)).toBe("1");
  expect((await sql.row(`SELECT COUNT(*) AS n FROM "UsageRecord" WHERE "companyId" = ?`, [w.companyId], CountRow))!.n).toBe(0);
  await addCredits(sql, w.companyId, 2);
  const accepted = await ask();
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toMatchObject({ creditsCharged: "1.5", remaining: "1.5" });
});

test("refuses requests without a valid key with 401", async ({ request }) => {
  const w = await makeApiCompany(sql, { credits: 1 });
  for (const headers of [{}, { authorization: "Bearer cr_unknown" }, { authorization: "Basic abc" }] as Record<string, string>[]) {
    const r = await request.get("/api/v1/balance", { headers });
    expect(r.status()).toBe(401);
    expect(await r.json()).toMatchObject({ error: "unauthorized", message: expect.any(String) });
  }
  await sql.run(`UPDATE "ApiKey" SET "revokedAt" = ? WHERE "userId" = ?`, [new Date(), w.userId]);
  expect((await request.post("/api/v1/ask-anything", { headers: auth(w), data: { question: "q" } })).status()).toBe(401);
});

test("refuses bad input with a clear 4xx naming the problem, and writes nothing", async ({ request }) => {
  const w = await makeApiCompany(sql, { credits: 5 });
  const post = (path: string, data: unknown, headers: Record<string, string> = {}) => request.post(path, { headers: auth(w, headers), data: data as never });
  const cases: Array<[Promise<import("@playwright/test").APIResponse>, number, Record<string, unknown>]> = [
    [
      post("/api/v1/calls", Buffer.from("{not json"), { "content-type": "application/json" }),
      400,
      { error: "invalid_request", message: "The body is not valid JSON." },
    ],
    [
      post("/api/v1/calls", Buffer.from('"a string"'), { "content-type": "application/json" }),
      400,
      { error: "invalid_request", message: "The body must be a JSON object." },
    ],
    [
      post("/api/v1/calls", {
        calls: [
          { externalId: "a", startedAt: "2026-11-20T15:00:00Z", durationSeconds: 1 },
          { startedAt: "2026-11-20T15:00:00Z", durationSeconds: 1 },
        ],
      }),
      400,
      { error: "invalid_request", field: "calls[1].externalId" },
    ],
    [
      post("/api/v1/calls", { calls: [{ externalId: "n", startedAt: "2026-11-20T15:00:00Z", durationSeconds: -5 }] }),
      400,
      { error: "invalid_request", field: "calls[0].durationSeconds" },
    ],
    [post("/api/v1/calls", { calls: [{ externalId: "d", startedAt: "yesterday", durationSeconds: 5 }] }), 400, { field: "calls[0].startedAt" }],
    [
      post("/api/v1/emails", { emails: Array.from({ length: 1001 }, (_, i) => ({ externalId: `e${i}`, sentAt: "2026-11-20T15:00:00Z" })) }),
      413,
      { error: "too_large", field: "emails" },
    ],
    [post("/api/v1/ask-anything", {}), 400, { error: "invalid_request", field: "question" }],
    [post("/api/v1/ask-anything", { question: "q", emailIds: ["nope"] }), 404, { error: "not_found", field: "emailIds[0]" }],
    [
      post("/api/v1/ask-anything", {
        question: "q",
        callIds: Array.from({ length: 600 }, (_, i) => `c${i}`),
        emailIds: Array.from({ length: 600 }, (_, i) => `e${i}`),
      }),
      413,
      { error: "too_large" },
    ],
    [
      post(
        "/api/v1/calls",
        Buffer.from(
          JSON.stringify({ calls: [{ externalId: "big", startedAt: "2026-11-20T15:00:00Z", durationSeconds: 1, transcript: "x".repeat(11 * 1024 * 1024) }] }),
        ),
        { "content-type": "application/json" },
      ),
      413,
      { error: "too_large" },
    ],
  ];
  for (const [response, status, body] of cases) {
    const r = await response;
    expect(r.status(), JSON.stringify(body)).toBe(status);
    expect(await r.json()).toMatchObject({ message: expect.any(String), ...body });
  }
  const written = await sql.row(
    `SELECT (SELECT COUNT(*) FROM "Call" WHERE "companyId" = ?) + (SELECT COUNT(*) FROM "Email" WHERE "companyId" = ?) AS n`,
    [w.companyId, w.companyId],
    CountRow,
  );
  expect(written!.n).toBe(0);
  expect(await remaining(w)).toBe("5");
});

test("many concurrent charged requests never charge more than there was; the rest get 402", async ({ request }) => {
  const w = await makeApiCompany(sql, { credits: 10 });
  await ingest(request, w);
  const responses = await Promise.all(
    Array.from({ length: 30 }, () => request.post("/api/v1/ask-anything", { headers: auth(w), data: { question: "pricing?", callIds: ["c-long"] } })),
  );
  const statuses = responses.map((r) => r.status()).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(10);
  expect(statuses.filter((s) => s === 402)).toHaveLength(20);
  expect(await remaining(w)).toBe("0");
});

test("the MCP server: tools through the SDK client, the client's name as Integration, 402 as a tool error, 401 without a key", async ({ request }) => {
  const w = await makeApiCompany(sql, { credits: 2 });
  await ingest(request, w);
  const client = new Client({ name: "Test MCP Client", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${E2E_BASE_URL}/api/mcp`), { requestInit: { headers: { authorization: `Bearer ${w.key}` } } }),
  );
  try {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["ask_anything", "generate_brief", "get_balance"]);
    const balance = await client.callTool({ name: "get_balance", arguments: {} });
    expect(balance.structuredContent).toEqual({ remaining: "2", total: "2" });
    const ask = await client.callTool({ name: "ask_anything", arguments: { question: "pricing?", callIds: ["c-long"] } });
    expect(ask.isError).toBeFalsy();
    expect(ask.structuredContent).toMatchObject({ creditsCharged: "1", remaining: "1" });
    expect(JSON.parse((ask.content as Array<{ text: string }>)[0]!.text)).toEqual(ask.structuredContent);
    const brief = await client.callTool({ name: "generate_brief", arguments: { title: "Too much", callIds: ["c-long", "c-10min"] } });
    expect(brief.isError).toBe(true);
    expect((brief.content as Array<{ text: string }>)[0]!.text).toMatch(/insufficient_credits.*required: 1\.5, available: 1/);
    const usage = await sql.rows(
      `SELECT "featureType", "integration", "usageAction", "creditsMilli" FROM "UsageRecord" WHERE "companyId" = ?`,
      [w.companyId],
      shape({ featureType: col.oneOf(FEATURE_TYPES), integration: col.text, usageAction: col.text, creditsMilli: col.bigint }),
    );
    expect(usage).toEqual([{ featureType: "mcp", integration: "Test MCP Client", usageAction: "ask_anything", creditsMilli: 1000n }]);
  } finally {
    await client.close();
  }
  const unauthenticated = await fetch(`${E2E_BASE_URL}/api/mcp`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } },
    }),
  });
  expect(unauthenticated.status).toBe(401);
});

test("serves the OpenAPI document with every endpoint", async ({ request }) => {
  const doc = await (await request.get("/api/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths).sort()).toEqual(["/api/mcp", "/api/v1/ask-anything", "/api/v1/balance", "/api/v1/briefs", "/api/v1/calls", "/api/v1/emails"]);
  expect(doc.components.schemas.IngestCalls.properties.calls.maxItems).toBe(1000);
});
