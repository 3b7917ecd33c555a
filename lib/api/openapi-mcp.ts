// The OpenAPI description of POST /api/mcp, the MCP server over Streamable HTTP: a JSON-RPC 2.0
// message in, a JSON-RPC 2.0 message out, with the session carried in the Mcp-Session-Id header.
// The MCP SDK parses the messages itself; these schemas describe them for people and for
// generated clients, and the examples are checked against them by the OpenAPI test.
import { z } from "zod";

const jsonRpcId = z.union([z.string(), z.number().int()]).describe("Chosen by the client; the response carries the same id.");

export const McpRequest = z
  .object({
    jsonrpc: z.literal("2.0"),
    id: jsonRpcId.optional().describe("Absent in a notification (such as `notifications/initialized`), which is answered 202 with no body."),
    method: z.string().min(1).describe("`initialize` first; then `notifications/initialized`, `tools/list`, `tools/call` or `ping`."),
    params: z.record(z.string(), z.unknown()).optional().describe("The method's parameters, as the MCP specification defines them."),
  })
  .describe("One JSON-RPC 2.0 request or notification.");

export const McpResponse = z
  .object({
    jsonrpc: z.literal("2.0"),
    id: jsonRpcId.nullable(),
    result: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "On success. A `tools/call` result carries `structuredContent` with the REST answer's fields, and `isError: true` when the tool refused (no credits, say).",
      ),
    error: z
      .object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() })
      .optional()
      .describe("On failure of the message itself (unknown method, bad parameters, unknown session)."),
  })
  .describe("One JSON-RPC 2.0 response: `result` or `error`.");

export const MCP_EXAMPLES = {
  initialize: {
    summary: "Open a session",
    value: {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "my-agent", version: "1.0.0" } },
    },
  },
  askAnything: {
    summary: "Call a tool (charged)",
    value: {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "ask_anything", arguments: { question: "Did they push back on price?", callIds: ["call-1"] } },
    },
  },
  balance: {
    summary: "Read the balance (free)",
    value: { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "get_balance", arguments: {} } },
  },
} satisfies Record<string, { summary: string; value: z.input<typeof McpRequest> }>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const sessionId = {
  description: "The session: returned by `initialize` in this header, and sent by the client on every later request of the session.",
  schema: { type: "string", minLength: 1 },
};

/** The path item; `errors` are the document's shared 401, 403, 429 and 503 responses. */
export function mcpPathItem(errors: { "401": object; "403": object; "429": object; "503": object }) {
  return {
    post: {
      operationId: "sendMcpMessage",
      summary: "Send an MCP message (Streamable HTTP)",
      description:
        "The MCP server: tools `ask_anything` and `generate_brief` (charged like their REST twins) and `get_balance` (free). Start with `initialize`, keep the `Mcp-Session-Id` it returns and send it with every later message. Send `Accept: application/json, text/event-stream`; answers are JSON. The MCP client's name (`clientInfo.name`) is the usage report's Integration. A charged tool call is charged once per session and JSON-RPC id: delivered again, it is answered again and charged nothing. Send one JSON-RPC message per request: batches are refused (400, -32600). A session idle for 30 minutes ends; its next message gets 404, and the client initializes again.",
      security: [{ apiKey: [] }],
      parameters: [{ name: "Mcp-Session-Id", in: "header", required: false, ...sessionId }],
      requestBody: { required: true, content: { "application/json": { schema: ref("McpRequest"), examples: MCP_EXAMPLES } } },
      responses: {
        "200": {
          description: "The JSON-RPC response to a request.",
          headers: { "Mcp-Session-Id": { ...sessionId, description: "On the answer to `initialize`: the new session's id." } },
          content: { "application/json": { schema: ref("McpResponse") } },
        },
        "202": { description: "A notification was accepted; there is no body." },
        "400": {
          description:
            "A body that is not JSON, or a second `initialize` in a session (a JSON-RPC error); or a message other than `initialize` without a session (`invalid_request`).",
          content: { "application/json": { schema: { oneOf: [ref("McpResponse"), ref("Error")] } } },
        },
        "401": errors["401"],
        "403": errors["403"],
        "404": {
          description: "The `Mcp-Session-Id` names no open session (it ended or never existed): initialize again.",
          content: { "application/json": { schema: ref("McpResponse") } },
        },
        "429": errors["429"],
        "503": errors["503"],
      },
    },
  };
}
