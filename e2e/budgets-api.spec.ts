// Budgets and holds over real HTTP against the running app (R-BUDGET-2, R-HOLD-1): a charged
// request over a full budget answers 402 budget_exceeded naming the budget and charges nothing;
// a replay of a request made before the budget filled answers the first response byte for byte;
// a request whose processing fails answers 502 processing_failed and charges nothing (the server
// runs with PROCESSOR_FAILS_WHEN, see playwright.config.ts); an MCP tool over a full budget is a
// tool error naming the budget.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { formatCredits } from "../lib/credits/amount";
import { getCreditSummary } from "../lib/ledger/balance";
import type { SqlDatabase } from "../lib/sql";
import { col, shape } from "../lib/sql/rows";
import { insertBudget } from "../test/support/budgets";
import { type ApiWorld, makeApiCompany } from "./api-world";
import { E2E_BASE_URL } from "./env";
import { openE2eSql } from "./ledger";

/** The marker playwright.config.ts gives the server: a question containing it fails to process. */
const FAIL_MARKER = "[fail processing]";

let sql: SqlDatabase;
test.beforeAll(() => {
  sql = openE2eSql();
});
test.afterAll(async () => {
  await sql.close();
});

const auth = (w: ApiWorld, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${w.key}`, ...extra });
const remaining = async (w: ApiWorld) => formatCredits((await getCreditSummary(sql, { companyId: w.companyId, now: new Date() })).remainingMilli);
const countOf = async (table: "UsageRecord" | "LedgerEntry" | "Hold", w: ApiWorld, where = "") =>
  (await sql.row(`SELECT COUNT(*) AS n FROM "${table}" WHERE "companyId" = ?${where}`, [w.companyId], shape({ n: col.int })))!.n;

async function ingestLongCall(request: APIRequestContext, w: ApiWorld) {
  const calls = await request.post("/api/v1/calls", {
    headers: auth(w),
    data: {
      calls: [{ externalId: "c-long", startedAt: "2026-11-21T15:00:00Z", durationSeconds: 601, transcript: "They compared our pricing with a competitor." }],
    },
  });
  expect(calls.status()).toBe(200);
}

test("answers 402 budget_exceeded over a full budget, charging nothing, and replays an earlier request byte for byte", async ({ request }) => {
  const w = await makeApiCompany(sql, { credits: 10 });
  await ingestLongCall(request, w);
  await insertBudget(sql, w.companyId, { name: "API questions", scopeKind: "feature", scopeValue: "ask_anything_api", limitMilli: 2_000n });
  const ask = (headers: Record<string, string> = {}) =>
    request.post("/api/v1/ask-anything", { headers: auth(w, headers), data: { question: "What about pricing?", callIds: ["c-long"] } });

  const first = await ask({ "Idempotency-Key": "before-the-budget-filled" });
  expect(first.status()).toBe(200);
  const firstBody = await first.text();
  expect(JSON.parse(firstBody)).toMatchObject({ creditsCharged: "1", remaining: "9" });
  expect((await ask()).status()).toBe(200);
  expect(await remaining(w)).toBe("8");
  const entries = await countOf("LedgerEntry", w);

  const refused = await ask();
  expect(refused.status()).toBe(402);
  expect(await refused.json()).toEqual({
    error: "budget_exceeded",
    message: expect.stringContaining('"API questions"'),
    budget: "API questions",
    limit: "2",
    used: "2",
    required: "1",
  });
  const refusedWithKey = await ask({ "Idempotency-Key": "after-the-budget-filled" });
  expect(refusedWithKey.status()).toBe(402);
  expect(await remaining(w)).toBe("8");
  expect(await countOf("LedgerEntry", w)).toBe(entries);
  expect(await countOf("Hold", w, ` AND "state" = 'held'`)).toBe(0);

  // The request made before the budget filled, sent again: its first answer, charged once.
  const replay = await ask({ "Idempotency-Key": "before-the-budget-filled" });
  expect(replay.status()).toBe(200);
  expect(await replay.text()).toBe(firstBody);
  expect(await remaining(w)).toBe("8");
  expect(await countOf("LedgerEntry", w)).toBe(entries);
});

test("answers 502 processing_failed when processing fails, charging nothing and holding nothing", async ({ request }) => {
  const w = await makeApiCompany(sql, { credits: 5 });
  await ingestLongCall(request, w);
  const entries = await countOf("LedgerEntry", w);
  for (const headers of [{}, { "Idempotency-Key": "fails-twice" }, { "Idempotency-Key": "fails-twice" }] as Record<string, string>[]) {
    const failed = await request.post("/api/v1/ask-anything", {
      headers: auth(w, headers),
      data: { question: `Pricing ${FAIL_MARKER}?`, callIds: ["c-long"] },
    });
    expect(failed.status()).toBe(502);
    expect(await failed.json()).toEqual({ error: "processing_failed", message: expect.stringContaining("nothing was charged") });
  }
  expect(await remaining(w)).toBe("5");
  expect(await countOf("LedgerEntry", w)).toBe(entries);
  expect(await countOf("UsageRecord", w)).toBe(0);
  expect(await countOf("Hold", w, ` AND "state" = 'held'`)).toBe(0);
  expect(await countOf("Hold", w, ` AND "state" = 'released'`)).toBe(3);
  expect((await getCreditSummary(sql, { companyId: w.companyId, now: new Date() })).heldMilli).toBe(0n);
  // The same request without the marker is processed and charged.
  const ok = await request.post("/api/v1/ask-anything", { headers: auth(w), data: { question: "Pricing?", callIds: ["c-long"] } });
  expect(ok.status()).toBe(200);
  expect(await remaining(w)).toBe("4");
});

test("an MCP tool over a full budget is a tool error naming the budget, and charges nothing", async ({ request }) => {
  const w = await makeApiCompany(sql, { credits: 10 });
  await ingestLongCall(request, w);
  await insertBudget(sql, w.companyId, { name: "Budget MCP client", scopeKind: "integration", scopeValue: "Budget Test Client", limitMilli: 1_000n });
  const client = new Client({ name: "Budget Test Client", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${E2E_BASE_URL}/api/mcp`), { requestInit: { headers: { authorization: `Bearer ${w.key}` } } }),
  );
  try {
    const first = await client.callTool({ name: "ask_anything", arguments: { question: "pricing?", callIds: ["c-long"] } });
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent).toMatchObject({ creditsCharged: "1", remaining: "9" });
    const over = await client.callTool({ name: "ask_anything", arguments: { question: "pricing again?", callIds: ["c-long"] } });
    expect(over.isError).toBe(true);
    expect((over.content as Array<{ text: string }>)[0]!.text).toMatch(/^budget_exceeded: .*"Budget MCP client"/);
    expect(await remaining(w)).toBe("9");
  } finally {
    await client.close();
  }
});
