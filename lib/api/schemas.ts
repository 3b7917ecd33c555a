// The public API's inputs, one zod schema each, shared by the REST handlers, the MCP tools and
// the OpenAPI document.
import { z } from "zod";

export const MAX_BATCH_ITEMS = 1000;
export const MAX_REQUEST_IDS = 1000;

const externalId = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const isoDateTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date and time, e.g. 2026-03-01T15:04:05Z" });

export const CallInput = z
  .object({
    externalId: externalId.describe("Your id for the call; re-sending a known id is safe."),
    startedAt: isoDateTime.describe("When the call started (ISO 8601)."),
    durationSeconds: z
      .number()
      .int("must be a whole number of seconds")
      .min(0, "must not be negative")
      .max(7 * 24 * 3600, "must be at most a week")
      .describe("Length of the call; up to 600 s costs 0.5 credit, longer 1."),
    title: z.string().max(500, "must be at most 500 characters").optional(),
    transcript: z.string().max(1_000_000, "must be at most 1,000,000 characters").optional(),
  })
  .strict();

export const EmailInput = z
  .object({
    externalId: externalId.describe("Your id for the email; re-sending a known id is safe."),
    sentAt: isoDateTime.describe("When the email was sent (ISO 8601)."),
    subject: z.string().max(1000, "must be at most 1000 characters").optional(),
    body: z.string().max(1_000_000, "must be at most 1,000,000 characters").optional(),
  })
  .strict();

export const IngestCalls = z.object({ calls: z.array(CallInput).min(1, "must hold at least one call").max(MAX_BATCH_ITEMS) }).strict();
export const IngestEmails = z.object({ emails: z.array(EmailInput).min(1, "must hold at least one email").max(MAX_BATCH_ITEMS) }).strict();

const ids = z.array(externalId).max(MAX_REQUEST_IDS);
const itemIds = {
  callIds: ids.optional().describe("External ids of calls to process."),
  emailIds: ids.optional().describe("External ids of emails to process."),
};

// Raw shapes for the MCP tools; the REST handlers use the strict objects. The limit on call and
// email ids together is checked by the request itself (lib/ai/requests.ts), for both.
export const AskAnythingShape = {
  question: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(2000, "must be at most 2000 characters")
    .describe("The question to answer from the calls and emails."),
  ...itemIds,
};
export const BriefShape = {
  title: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").describe("The brief's title."),
  ...itemIds,
};
export const AskAnythingInput = z.object(AskAnythingShape).strict();
export const BriefInput = z.object(BriefShape).strict();

export type AskAnythingRequest = z.output<typeof AskAnythingInput>;
export type BriefRequest = z.output<typeof BriefInput>;

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
    "rate_limited",
  ]),
  message: z.string(),
  field: z.string().optional(),
  required: credits.optional(),
  available: credits.optional(),
});
