// MCP over Streamable HTTP, served by any instance. Sessions live in the database (McpSession),
// not in one process's memory: an initialize request opens one (its id, the API key's user, and
// the client's name, the usage report's Integration) and the answer carries its Mcp-Session-Id;
// every later request names it, and whichever instance it reaches looks it up. Each HTTP
// request gets a fresh server on the SDK's stateless transport, so no instance keeps anything
// between requests. The server sends nothing unasked, so there is no GET event stream (405, as
// the protocol allows). Idle sessions lapse after IDLE_MS; a client whose session is gone gets
// 404 and initializes again, as the protocol says.
import { randomUUID } from "node:crypto";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { readText } from "../api/body";
import type { Database } from "../db";
import { AppError } from "../errors";
import type { SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";
import { createMcpServer, type McpCaller } from "./server";

export const IDLE_MS = 30 * 60 * 1000;
/** lastUsedAt is written at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;
const MAX_CLIENT_NAME = 200;
/** A user's open sessions: a new one beyond these ends the least recently used. */
export const MAX_SESSIONS_PER_USER = 50;

const SessionRow = shape({ userId: col.text, companyId: col.text, clientName: col.text, lastUsedAt: col.date });
type StoredSession = ReturnType<typeof SessionRow>;

function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function findSession(sql: SqlDatabase, id: string): Promise<StoredSession | undefined> {
  return sql.row(`SELECT "userId", "companyId", "clientName", "lastUsedAt" FROM "McpSession" WHERE "id" = ?`, [id], SessionRow);
}

/** Whether a JSON-RPC body (one message or a batch) is an initialize request. */
function isInitialize(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body];
  return messages.some((m) => typeof m === "object" && m !== null && (m as { method?: unknown }).method === "initialize");
}

/** Runs one request through a fresh server; answers the response and the client's name as the server saw it. */
async function serve(
  request: Request,
  body: unknown,
  at: { db: Database; now: Date },
  caller: McpCaller,
  session: { id: string; clientName: string } | undefined,
) {
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  const server = createMcpServer(at, () => caller, session);
  await server.connect(transport);
  try {
    const response = await transport.handleRequest(request, { parsedBody: body });
    return { response, clientInfo: server.server.getClientVersion() };
  } finally {
    await server.close();
  }
}

export async function handleMcpRequest(request: Request, caller: McpCaller, { db, now }: { db: Database; now: Date }): Promise<Response> {
  const { sql } = db;
  if (request.method === "GET") return jsonRpcError(405, -32000, "This server sends no event stream: POST requests.", { allow: "POST, DELETE" });
  const sessionId = request.headers.get("mcp-session-id");
  if (request.method === "DELETE") {
    if (!sessionId) throw new AppError("invalid_request", "Name the session to end in the Mcp-Session-Id header.", { field: "Mcp-Session-Id" });
    await sql.run(`DELETE FROM "McpSession" WHERE "id" = ? AND "userId" = ?`, [sessionId, caller.actor.userId]);
    return new Response(null, { status: 200 });
  }
  const text = await readText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return jsonRpcError(400, -32700, "Parse error: the body is not JSON.");
  }
  // One message a request, as the protocol has it since 2025-06-18: a batch would run its tool
  // calls at once under one admission of the API's abuse limits (lib/api/request-limits.ts).
  if (Array.isArray(body)) return jsonRpcError(400, -32600, "Invalid Request: send one JSON-RPC message per request; batches are not accepted.");

  if (sessionId) {
    const session = await findSession(sql, sessionId);
    if (!session || now.getTime() - session.lastUsedAt.getTime() > IDLE_MS) return jsonRpcError(404, -32001, "Session not found: initialize a new session.");
    if (session.userId !== caller.actor.userId) throw new AppError("forbidden", "This MCP session belongs to another user's API key.");
    if (isInitialize(body)) return jsonRpcError(400, -32600, "Invalid Request: this session is already initialized.");
    if (now.getTime() - session.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await sql.run(`UPDATE "McpSession" SET "lastUsedAt" = ? WHERE "id" = ?`, [now, sessionId]);
    }
    return (await serve(request, body, { db, now }, caller, { id: sessionId, clientName: session.clientName })).response;
  }

  if (request.method !== "POST" || !isInitialize(body)) {
    throw new AppError("invalid_request", "Start an MCP session with an initialize request, then send its Mcp-Session-Id header with every request.", {
      field: "Mcp-Session-Id",
    });
  }
  const { response, clientInfo } = await serve(request, body, { db, now }, caller, undefined);
  if (!response.ok || !clientInfo) return response;
  const id = randomUUID();
  // A client that initializes again and again (or a script) leaves its user the newest sessions,
  // not a table that grows until the idle purge.
  await sql.run(
    `DELETE FROM "McpSession" WHERE "id" IN (
       SELECT "id" FROM "McpSession" WHERE "userId" = ? ORDER BY "lastUsedAt" DESC, "createdAt" DESC LIMIT 1000000 OFFSET ?)`,
    [caller.actor.userId, MAX_SESSIONS_PER_USER - 1],
  );
  await sql.run(
    `INSERT INTO "McpSession" ("id", "companyId", "userId", "clientName", "clientVersion", "protocolVersion", "createdAt", "lastUsedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      caller.companyId,
      caller.actor.userId,
      clientInfo.name.slice(0, MAX_CLIENT_NAME) || "Unknown MCP client",
      String(clientInfo.version ?? "").slice(0, MAX_CLIENT_NAME),
      (request.headers.get("mcp-protocol-version") ?? "").slice(0, MAX_CLIENT_NAME),
      now,
      now,
    ],
  );
  const headers = new Headers(response.headers);
  headers.set("mcp-session-id", id);
  return new Response(response.body, { status: response.status, headers });
}

/** Removes sessions idle for longer than IDLE_MS; `npm start` runs it every 10 minutes. */
export function purgeIdleMcpSessions(sql: SqlDatabase, now: Date): Promise<number> {
  return sql.run(`DELETE FROM "McpSession" WHERE "lastUsedAt" < ?`, [new Date(now.getTime() - IDLE_MS)]);
}
