// MCP sessions on a real database: a user's open sessions are capped (the least recently used
// ends), a body past the size limit is refused before it is parsed, and what the client sends
// is stored within its length.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import type { Actor } from "../auth/authorize";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { ingestEmails } from "../ingest";
import { getCreditSummary } from "../ledger/balance";
import { handleMcpRequest, MAX_SESSIONS_PER_USER } from "./sessions";

const NOW = new Date("2026-12-02T09:00:00Z");

function initialize(version = "2025-06-18"): Request {
  return new Request("http://local/api/mcp", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": version },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "sessions test", version: "1" } },
    }),
  });
}

function ping(sessionId: string): Request {
  return new Request("http://local/api/mcp", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-session-id": sessionId },
    body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "ping" }),
  });
}

describe.each(PROVIDERS)("MCP sessions (%s)", (provider) => {
  let db: Database;
  let companyId: string;
  const actor = (userId: string): Actor => ({ userId, email: `${userId}@mcp.test`, name: userId, role: "member", companyId, via: "api_key", apiKeyId: "k" });

  beforeAll(async () => {
    db = openDatabase(databaseConfig(await freshDatabaseUrl(provider)));
    ({ companyId } = await makeCompany(db.sql, NOW));
    for (const id of ["mcp_a", "mcp_b"]) await db.prisma.user.create({ data: { id, email: `${id}@mcp.test`, name: id, role: "member", companyId } });
    await ingestEmails(db.sql, { companyId, emails: [{ externalId: "m-1", sentAt: NOW.toISOString(), subject: "Pricing" }], now: NOW });
  });
  afterAll(() => db.close());

  const open = async (userId: string, at: Date, version?: string) => {
    const response = await handleMcpRequest(initialize(version), { actor: actor(userId), companyId }, { db, now: at });
    expect(response.status).toBe(200);
    return response.headers.get("mcp-session-id")!;
  };

  it(`keeps a user's ${MAX_SESSIONS_PER_USER} most recently used sessions: the next one ends the least recently used, and no other user's`, async () => {
    const other = await open("mcp_b", NOW);
    const ids: string[] = [];
    for (let i = 0; i < MAX_SESSIONS_PER_USER; i++) ids.push(await open("mcp_a", new Date(NOW.getTime() + i * 1000)));
    // The first session is used again, so the second is now the least recently used.
    const later = new Date(NOW.getTime() + 120_000);
    expect((await handleMcpRequest(ping(ids[0]!), { actor: actor("mcp_a"), companyId }, { db, now: later })).status).toBe(200);

    const newest = await open("mcp_a", new Date(later.getTime() + 1000));
    const count = await db.prisma.mcpSession.count({ where: { userId: "mcp_a" } });
    expect(count).toBe(MAX_SESSIONS_PER_USER);
    const after = new Date(later.getTime() + 2000);
    const status = async (id: string, user: string) => (await handleMcpRequest(ping(id), { actor: actor(user), companyId }, { db, now: after })).status;
    expect(await status(ids[1]!, "mcp_a")).toBe(404);
    expect(await status(ids[0]!, "mcp_a")).toBe(200);
    expect(await status(ids[2]!, "mcp_a")).toBe(200);
    expect(await status(newest, "mcp_a")).toBe(200);
    expect(await status(other, "mcp_b")).toBe(200);
  });

  it("charges a tool call once however often it is delivered: its key is the session and the JSON-RPC id", async () => {
    const session = await open("mcp_b", NOW);
    const remaining = async () => (await getCreditSummary(db.sql, { companyId, now: NOW })).remainingMilli;
    const call = (sessionId: string, id: number, question: string) => callWithId(sessionId, id, question);
    const callWithId = async (sessionId: string, id: number | string, question: string) => {
      const body = { jsonrpc: "2.0", id, method: "tools/call", params: { name: "ask_anything", arguments: { question, emailIds: ["m-1"] } } };
      const request = new Request("http://local/api/mcp", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-session-id": sessionId },
        body: JSON.stringify(body),
      });
      const response = await handleMcpRequest(request, { actor: actor("mcp_b"), companyId }, { db, now: NOW });
      expect(response.status).toBe(200);
      return (
        (await response.json()) as {
          result: { structuredContent?: { id: string; creditsCharged: string }; content: Array<{ text: string }>; isError?: boolean };
        }
      ).result;
    };
    const before = await remaining();
    const first = await call(session, 7, "pricing?");
    expect(first.structuredContent?.creditsCharged).toBe("0.1");
    expect(await remaining()).toBe(before - 100n);
    // Delivered again: the first answer's id, nothing charged.
    const again = await call(session, 7, "pricing?");
    expect(again.structuredContent?.id).toBe(first.structuredContent?.id);
    expect(await remaining()).toBe(before - 100n);
    // Another call under the same id is refused; a new id, or another session, is a new charge.
    const reused = await call(session, 7, "discounts?");
    expect(reused.isError).toBe(true);
    expect(reused.content[0]!.text).toMatch(/^idempotency_conflict: /);
    expect(await remaining()).toBe(before - 100n);
    await call(session, 8, "pricing?");
    // Any JSON-RPC id will do, not only printable ASCII.
    expect((await callWithId(session, "é-1", "pricing?")).structuredContent?.creditsCharged).toBe("0.1");
    await call(await open("mcp_b", NOW), 7, "pricing?");
    expect(await remaining()).toBe(before - 400n);
  });

  it("refuses a JSON-RPC batch, so each tool call is admitted on its own", async () => {
    const session = await open("mcp_b", NOW);
    const call = (id: number) => ({
      jsonrpc: "2.0",
      id,
      method: "tools/call",
      params: { name: "ask_anything", arguments: { question: "pricing?", emailIds: ["m-1"] } },
    });
    const before = (await getCreditSummary(db.sql, { companyId, now: NOW })).remainingMilli;
    const response = await handleMcpRequest(
      new Request("http://local/api/mcp", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-session-id": session },
        body: JSON.stringify([call(31), call(32)]),
      }),
      { actor: actor("mcp_b"), companyId },
      { db, now: NOW },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: -32600 } });
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).remainingMilli).toBe(before);
  });

  it("refuses a body over 10 MB with too_large, before reading it as JSON", async () => {
    const big = new Request("http://local/api/mcp", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"pad":"${"x".repeat(10 * 1024 * 1024)}"}}`,
    });
    await expect(handleMcpRequest(big, { actor: actor("mcp_b"), companyId }, { db, now: NOW })).rejects.toMatchObject({ code: "too_large" });
  });

  it("stores at most 200 characters of the protocol version header", async () => {
    const id = await open("mcp_b", NOW, "9".repeat(5_000));
    const row = await db.prisma.mcpSession.findUniqueOrThrow({ where: { id } });
    expect(row.protocolVersion).toBe("9".repeat(200));
  });
});
