// MCP sessions over Streamable HTTP. A session is created by an initialize request and keeps
// its server (which knows the client's name) and the user whose API key opened it; every later
// request must carry a key of the same user. Idle sessions are dropped; a client whose session
// is gone gets 404 and initializes again, as the protocol says.
import { randomUUID } from "node:crypto";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { AppError } from "../errors";
import { createMcpServer, type McpCaller } from "./server";

const IDLE_MS = 30 * 60 * 1000;
const MAX_SESSIONS = 1000;

type Session = { transport: WebStandardStreamableHTTPServerTransport; userId: string; caller: McpCaller; lastUsed: number };
const sessions = new Map<string, Session>();

function evictIdle(now: number) {
  for (const [id, s] of sessions) {
    if (now - s.lastUsed > IDLE_MS) {
      sessions.delete(id);
      void s.transport.close();
    }
  }
}

export async function handleMcpRequest(request: Request, caller: McpCaller): Promise<Response> {
  const now = Date.now();
  evictIdle(now);
  const sessionId = request.headers.get("mcp-session-id");
  if (sessionId) {
    const session = sessions.get(sessionId);
    if (!session)
      return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code: -32001, message: "Session not found: initialize a new session." }, id: null }), {
        status: 404,
        headers: { "content-type": "application/json" },
      });
    if (session.userId !== caller.actor.userId) throw new AppError("forbidden", "This MCP session belongs to another user's API key.");
    session.lastUsed = now;
    session.caller = caller;
    return session.transport.handleRequest(request);
  }
  if (request.method !== "POST") throw new AppError("invalid_request", "Start an MCP session with an initialize request (POST).");
  if (sessions.size >= MAX_SESSIONS)
    throw new AppError("rate_limited", "Too many open MCP sessions; close idle ones and retry.", { details: { retryAfter: "60" } });
  const session: Session = { transport: undefined as never, userId: caller.actor.userId, caller, lastUsed: now };
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableJsonResponse: true,
    onsessioninitialized: (id) => {
      sessions.set(id, session);
    },
    onsessionclosed: (id) => {
      sessions.delete(id);
    },
  });
  session.transport = transport;
  await createMcpServer(() => session.caller).connect(transport);
  return transport.handleRequest(request);
}
