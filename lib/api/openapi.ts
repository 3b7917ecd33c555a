// The OpenAPI 3.1 document of the public API, generated from the zod schemas that validate the
// requests (lib/api/schemas.ts), so the document and the checks cannot drift apart. Every
// operation has a unique operationId, so programs can generate a client from it.
import { z } from "zod";
import { McpRequest, McpResponse, mcpPathItem } from "./openapi-mcp";
import { DEFAULT_REQUEST_LIMITS } from "./request-limits";
import {
  AskAnythingInput,
  AskAnythingResult,
  BalanceResult,
  BriefInput,
  BriefResult,
  ErrorBody,
  IngestCalls,
  IngestEmails,
  IngestResult,
  MAX_BATCH_ITEMS,
  MAX_REQUEST_IDS,
} from "./schemas";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", io: "input", unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (name: string) => ({ required: true, content: { "application/json": { schema: ref(name) } } });
const jsonResponse = (description: string, name: string) => ({ description, content: { "application/json": { schema: ref(name) } } });

const ERRORS = {
  "400": jsonResponse(
    "Not JSON, the wrong shape or type, or a bad value (`invalid_request`; `field` names the first bad input, e.g. `calls[3].externalId`).",
    "Error",
  ),
  "401": jsonResponse("No API key, or an unknown or revoked one (`unauthorized`).", "Error"),
  "403": jsonResponse("The key's user may not do this (`forbidden`).", "Error"),
  "413": jsonResponse("Over a limit: more than 1,000 items, or a body over 10 MB (`too_large`).", "Error"),
  "429": retryLater(
    `Over the abuse limits (\`rate_limited\`): by default ${DEFAULT_REQUEST_LIMITS.rate.toLocaleString("en-US")} requests a second, or ${DEFAULT_REQUEST_LIMITS.maxInFlight} at once, per user (all their API keys together) and server. Nothing was done; retry after Retry-After.`,
  ),
  "503": retryLater("The server sheds load (`busy`): no database connection came free in time, or it is stopping. Nothing was done; retry after Retry-After."),
};

function retryLater(description: string) {
  return {
    ...jsonResponse(description, "Error"),
    headers: { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "string" } } },
  };
}

const idempotencyKey = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "1 to 255 printable ASCII characters, remembered per company for at least 24 hours. A repeat with the same body returns the first response again, byte for byte, and charges nothing; with another body it is refused (409). Without it, every request is a new charge.",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

function charged(operationId: string, summary: string, input: string, result: string) {
  return {
    post: {
      operationId,
      summary,
      security: [{ apiKey: [] }],
      parameters: [idempotencyKey],
      requestBody: jsonBody(input),
      responses: {
        "200": jsonResponse("Processed and charged.", result),
        ...ERRORS,
        "402": jsonResponse(
          "Not charged, not processed: not enough credits (`insufficient_credits`, with `required` and `available`), or a budget of your company would go past its limit (`budget_exceeded`, with `budget`, `limit`, `used` and `required`).",
          "Error",
        ),
        "404": jsonResponse("A named call or email id your company does not have (`not_found`).", "Error"),
        "409": jsonResponse(
          "The Idempotency-Key was used with another body (`idempotency_conflict`), or its first request is still running (`idempotency_in_progress`).",
          "Error",
        ),
        "502": jsonResponse(
          "Processing failed after the credits were held; the hold was released and nothing was charged (`processing_failed`). Retry.",
          "Error",
        ),
      },
    },
  };
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Credits admin center API",
      version: "1.0.0",
      description: `Ingest calls and emails, and spend credits on Ask Anything and Briefer requests. Amounts are exact decimal strings ("12.5"). Costs: 0.1 credit per email, 0.5 per call up to and including 10 minutes, 1 per longer call. Batches hold at most ${MAX_BATCH_ITEMS} items; a charged request names at most ${MAX_REQUEST_IDS} call and email ids in all. The MCP server at POST /api/mcp (Streamable HTTP, JSON-RPC 2.0, same API keys) offers the tools ask_anything, generate_brief and get_balance.`,
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key from your profile page: `Authorization: Bearer <key>`." } },
      schemas: {
        IngestCalls: schema(IngestCalls),
        IngestEmails: schema(IngestEmails),
        IngestResult: schema(IngestResult),
        AskAnything: schema(AskAnythingInput),
        AskAnythingResult: schema(AskAnythingResult),
        Brief: schema(BriefInput),
        BriefResult: schema(BriefResult),
        Balance: schema(BalanceResult),
        Error: schema(ErrorBody),
        McpRequest: schema(McpRequest),
        McpResponse: schema(McpResponse),
      },
    },
    paths: {
      "/api/v1/calls": {
        post: {
          operationId: "ingestCalls",
          summary: "Ingest calls (free)",
          security: [{ apiKey: [] }],
          requestBody: jsonBody("IngestCalls"),
          responses: { "200": jsonResponse("How many were new and how many already known.", "IngestResult"), ...ERRORS },
        },
      },
      "/api/v1/emails": {
        post: {
          operationId: "ingestEmails",
          summary: "Ingest emails (free)",
          security: [{ apiKey: [] }],
          requestBody: jsonBody("IngestEmails"),
          responses: { "200": jsonResponse("How many were new and how many already known.", "IngestResult"), ...ERRORS },
        },
      },
      "/api/v1/ask-anything": charged("askAnything", "Answer a question from calls and emails (charged)", "AskAnything", "AskAnythingResult"),
      "/api/v1/briefs": charged("writeBrief", "Write a brief from calls and emails (charged)", "Brief", "BriefResult"),
      "/api/v1/balance": {
        get: {
          operationId: "getBalance",
          summary: "Credits remaining and total (free)",
          security: [{ apiKey: [] }],
          responses: { "200": jsonResponse("The balance.", "Balance"), "401": ERRORS["401"], "403": ERRORS["403"], "429": ERRORS["429"], "503": ERRORS["503"] },
        },
      },
      "/api/mcp": mcpPathItem(ERRORS),
    },
  };
}
