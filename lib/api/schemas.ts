// The public API's inputs, one zod schema each, shared by the REST handlers, the MCP tools and
// the OpenAPI document.
import { z } from "zod";

// The inputs live with their domains; the transport re-exports them for the handlers and OpenAPI.
export { AskAnythingInput, type AskAnythingRequest, AskAnythingShape, BriefInput, type BriefRequest, BriefShape, MAX_REQUEST_IDS } from "../ai/schemas";
export { CallInput, EmailInput, IngestCalls, IngestEmails, MAX_BATCH_ITEMS } from "../ingest/schemas";

export const IngestResult = z.object({ accepted: z.number().int(), alreadyKnown: z.number().int() });
const credits = z
  .string()
  .regex(/^-?\d+(\.\d{1,3})?$/)
  .describe('An exact decimal number of credits, e.g. "12.5".');
export const AskAnythingResult = z.object({ id: z.string(), answer: z.string(), creditsCharged: credits, remaining: credits });
export const BriefResult = z.object({ id: z.string(), brief: z.string(), creditsCharged: credits, remaining: credits });
export const BalanceResult = z.object({ remaining: credits, total: credits });
export const ErrorBody = z.object({
  error: z.enum([
    "invalid_request",
    "unauthorized",
    "forbidden",
    "not_found",
    "idempotency_conflict",
    "idempotency_in_progress",
    "too_large",
    "insufficient_credits",
    "budget_exceeded",
    "rate_limited",
    "processing_failed",
    "busy",
  ]),
  message: z.string(),
  field: z.string().optional(),
  required: credits.optional(),
  available: credits.optional(),
  budget: z.string().optional().describe("budget_exceeded: the name of the budget that refused the request."),
  limit: credits.optional(),
  used: credits.optional(),
});
