// The MCP server (R-PLUS-3): the tools ask_anything, generate_brief and get_balance, on the
// official SDK. Tools call the same domain functions as the REST API, with the MCP client's
// name (from its initialize request) as the usage report's Integration. Only an AppError's
// message reaches the client; anything else is logged and reported generically.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { askAnything, generateBrief } from "../ai/requests";
import { AskAnythingShape, BriefShape } from "../ai/schemas";
import { AskAnythingResult, BalanceResult, BriefResult } from "../api/schemas";
import type { Actor } from "../auth/authorize";
import { authorize } from "../auth/authorize";
import { getCreditSummary } from "../billing";
import { systemClock } from "../clock";
import { formatCredits } from "../credits/amount";
import { getDatabase } from "../db";
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
 * A server for one request; `caller()` is the key's user. `sessionClientName` is the client's
 * name kept with the session; on an initialize request there is none yet, and the name comes
 * from the request itself.
 */
export function createMcpServer(caller: () => McpCaller, sessionClientName?: string): McpServer {
  const server = new McpServer({ name: "credits-admin-center", version: "1.0.0" });
  const clientName = () => sessionClientName ?? server.server.getClientVersion()?.name ?? "Unknown MCP client";
  const context = () => {
    const { actor, companyId } = caller();
    authorize(actor, "credits.consume", companyId);
    return { actor, companyId, channel: { kind: "mcp" as const, clientName: clientName() }, now: systemClock.now() };
  };

  server.registerTool(
    "ask_anything",
    {
      description: "Answer a question from the named calls and emails. Charged: 0.1 credit per email, 0.5 per call up to 10 minutes, 1 per longer call.",
      inputSchema: AskAnythingShape,
      outputSchema: AskAnythingResult.shape,
    },
    (input) =>
      safely(async () => {
        const r = await askAnything(getDatabase(), context(), z.object(AskAnythingShape).parse(input));
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
    (input) =>
      safely(async () => {
        const r = await generateBrief(getDatabase(), context(), z.object(BriefShape).parse(input));
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
        const s = await getCreditSummary(getDatabase().sql, { companyId, now: systemClock.now() });
        return ok({ remaining: formatCredits(s.remainingMilli), total: formatCredits(s.totalMilli) });
      }),
  );
  return server;
}
