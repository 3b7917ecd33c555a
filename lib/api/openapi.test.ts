// The OpenAPI document validates as OpenAPI 3.1 (swagger-parser, $refs resolved), and holds to
// the rules a client generator and `redocly lint`'s recommended set rely on: a unique, URL-safe
// operationId and a summary on every operation, a success and a client-error response on each,
// no unused component, examples that match their schema. POST /api/mcp is in it.
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { MCP_EXAMPLES, McpRequest } from "./openapi-mcp";

type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }>; headers?: Record<string, unknown> }>;
};

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function operations(doc: ReturnType<typeof openApiDocument>): Array<{ where: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
  );
}

describe("the OpenAPI document", () => {
  it("validates as OpenAPI 3.1, every $ref resolved", async () => {
    await expect(SwaggerParser.validate(structuredClone(openApiDocument()) as never)).resolves.toBeTruthy();
  });

  it("gives every operation a unique, URL-safe operationId and a summary", () => {
    const ops = operations(openApiDocument());
    const ids = ops.map(({ op }) => op.operationId);
    expect(ops.filter(({ op }) => !op.operationId || !/^[A-Za-z][A-Za-z0-9_]*$/.test(op.operationId)).map((o) => o.where)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ops.filter(({ op }) => !op.summary).map((o) => o.where)).toEqual([]);
  });

  it("gives every operation a success and a client-error response", () => {
    const ops = operations(openApiDocument());
    const missing = ops.filter(({ op }) => {
      const codes = Object.keys(op.responses);
      return !codes.some((c) => c.startsWith("2")) || !codes.some((c) => c.startsWith("4"));
    });
    expect(missing.map((o) => o.where)).toEqual([]);
  });

  it("tells every operation with an API key of 429 rate_limited and 503 busy, each with its Retry-After", () => {
    const ops = operations(openApiDocument()).filter(({ op }) => op.security?.length);
    expect(ops.length).toBeGreaterThanOrEqual(6);
    const missing = ops.filter(({ op }) => ["429", "503"].some((code) => !op.responses[code]?.headers?.["Retry-After"]));
    expect(missing.map((o) => o.where)).toEqual([]);
  });

  it("uses every schema it defines", () => {
    const doc = openApiDocument();
    const text = JSON.stringify(doc.paths);
    const unused = Object.keys(doc.components.schemas).filter((name) => !text.includes(`"#/components/schemas/${name}"`));
    expect(unused).toEqual([]);
  });

  it("describes POST /api/mcp: its JSON-RPC body, the Mcp-Session-Id header and the 401", () => {
    const doc = openApiDocument();
    const mcp = (doc.paths as Record<string, Record<string, Operation>>)["/api/mcp"]?.post;
    expect(mcp?.operationId).toBe("sendMcpMessage");
    expect(mcp?.requestBody?.content["application/json"]?.schema.$ref).toBe("#/components/schemas/McpRequest");
    expect(Object.keys((doc.components.schemas.McpRequest as { properties: object }).properties)).toEqual(["jsonrpc", "id", "method", "params"]);
    expect(mcp?.parameters).toContainEqual(expect.objectContaining({ name: "Mcp-Session-Id", in: "header" }));
    expect(mcp?.responses["200"]).toMatchObject({ headers: { "Mcp-Session-Id": expect.any(Object) } });
    expect(mcp?.responses["401"]?.content?.["application/json"]?.schema.$ref).toBe("#/components/schemas/Error");
  });

  it("shows MCP examples that are valid JSON-RPC requests", () => {
    for (const [name, example] of Object.entries(MCP_EXAMPLES)) expect(McpRequest.safeParse(example.value).success, name).toBe(true);
  });
});
