// What a charged request asks for (Ask Anything, Briefer), one zod schema each, shared by the
// REST handlers, the MCP tools and the OpenAPI document (lib/api re-exports them).
import { z } from "zod";
import { externalId } from "../ingest/schemas";

export const MAX_REQUEST_IDS = 1000;

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
