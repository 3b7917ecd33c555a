// The MCP server (R-PLUS-3): the tools ask_anything, generate_brief and get_balance, on the
// official SDK. Tools call the same domain functions as the REST API, with the MCP client's
// name (from its initialize request) as the usage report's Integration. Only an AppError's
// message reaches the client; anything else is logged and reported generically.
import { createHash } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { askAnything, generateBrief } from "../ai/requests";
import { AskAnythingShape, BriefShape } from "../ai/schemas";
import { requestHash } from "../api/idempotency";
import { AskAnythingResult, BalanceResult, BriefResult } from "../api/schemas";
import type { Actor } from "../auth/authorize";
import { authorize } from "../auth/authorize";
import { getCreditSummary } from "../billing";
import { formatCredits } from "../credits/amount";
import type { Database } from "../db";
import { AppError } from "../errors";

export type McpCaller = { actor: Actor; companyId: string };

type ToolResult = { content: Array<{ type: "text"; text: string }>; structuredContent?: Record<string, unknown>; isError?: boolean };

function ok(body: Record<string, unknown>): ToolResult {
  return { content: [{ type: "text", text: JSON.stringify(body) }], structuredContent: body };
}

async function safely(run: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) {
      // The REST body's figures, after the sentence: required and available, or the budget's.
      const figures = Object.entries(error.details ?? {}).filter(([name]) => name !== "retryAfter");
      const detail = figures.length ? ` (${figures.map(([name, value]) => `${name}: ${value}`).join(", ")})` : "";
      return { isError: true, content: [{ type: "text", text: `${error.code}: ${error.message}${detail}` }] };
    }
    console.error("MCP tool failed:", error);
    return { isError: true, content: [{ type: "text", text: "internal_error: something went wrong on our side; try again." }] };
  }
}

/**
 * A server for one request, on `db` at `now`; `caller()` is the key's user. `session` is the session the request
 * names: its id and the client's name kept with it. On an initialize request there is none yet,
 * and the name comes from the request itself.
 *
 * A charged tool call's idempotency key is its session and JSON-RPC request id, which the
 * protocol makes unique within a session: the same call delivered twice (a proxy's or client's
 * retry) is charged once, and a different call of the same tool under a used id is refused.
 */
export function createMcpServer({ db, now }: { db: Database; now: Date }, caller: () => McpCaller, session?: { id: string; clientName: string }): McpServer {
  const server = new McpServer({ name: "credits-admin-center", version: "1.0.0" });
  const clientName = () => session?.clientName ?? server.server.getClientVersion()?.name ?? "Unknown MCP client";
  const context = (tool: string, input: unknown, requestId: string | number) => {
    const { actor, companyId } = caller();
    authorize(actor, "credits.consume", companyId);
    // Hashed: a JSON-RPC id may be any string, and a ledger key is printable ASCII.
    const keyed = session
      ? {
          idempotencyKey: createHash("sha256")
            .update(`${session.id}\n${JSON.stringify(requestId)}`)
            .digest("hex"),
          requestHash: requestHash(`/api/mcp#${tool}`, input),
        }
      : {};
    return { actor, companyId, channel: { kind: "mcp" as const, clientName: clientName() }, now, ...keyed };
  };

  server.registerTool(
    "ask_anything",
    {
      description: "Answer a question from the named calls and emails. Charged: 0.1 credit per email, 0.5 per call up to 10 minutes, 1 per longer call.",
      inputSchema: AskAnythingShape,
      outputSchema: AskAnythingResult.shape,
    },
    (input, extra) =>
      safely(async () => {
        const parsed = z.object(AskAnythingShape).parse(input);
        const r = await askAnything(db, context("ask_anything", parsed, extra.requestId), parsed);
        return ok({ id: r.id, answer: r.text, creditsCharged: formatCredits(r.creditsChargedMilli), remaining: formatCredits(r.remainingMilli) });
      }),
  );
  server.registerTool(
    "generate_brief",
    {
      description: "Write a brief from the named calls and emails. Charged like ask_anything, on every generation.",
      inputSchema: BriefShape,
      outputSchema: BriefResult.shape,
    },
    (input, extra) =>
      safely(async () => {
        const parsed = z.object(BriefShape).parse(input);
        const r = await generateBrief(db, context("generate_brief", parsed, extra.requestId), parsed);
        return ok({ id: r.id, brief: r.text, creditsCharged: formatCredits(r.creditsChargedMilli), remaining: formatCredits(r.remainingMilli) });
      }),
  );
  server.registerTool(
    "get_balance",
    { description: "The company's credits remaining and total credits. Free.", inputSchema: {}, outputSchema: BalanceResult.shape },
    () =>
      safely(async () => {
        const { actor, companyId } = caller();
        authorize(actor, "credits.balance", companyId);
        const s = await getCreditSummary(db.sql, { companyId, now });
        return ok({ remaining: formatCredits(s.remainingMilli), total: formatCredits(s.totalMilli) });
      }),
  );
  return server;
}
