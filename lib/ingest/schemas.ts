// What clients send to ingest calls and emails (POST /api/v1/calls, /emails): one zod schema each,
// shared by the handlers and the OpenAPI document (lib/api re-exports them).
import { z } from "zod";

export const MAX_BATCH_ITEMS = 1000;
export const MAX_PARTICIPANTS = 200;

export const externalId = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const isoDateTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date and time, e.g. 2026-03-01T15:04:05Z" });
const address = z.email({ message: "must be an email address" }).max(254, "must be at most 254 characters");

// Owner and participants are optional, so older clients keep working (R-TEAM-1).
const people = {
  ownerEmail: address.optional().describe("The email of the user of your company who owns it; tracker charges for it are attributed to that user's team."),
  participants: z
    .array(address)
    .max(MAX_PARTICIPANTS, `must hold at most ${MAX_PARTICIPANTS} addresses`)
    .optional()
    .describe("The participants' email addresses; tracker filters by domain and 'external only' read them."),
};

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
    ...people,
  })
  .strict();

export const EmailInput = z
  .object({
    externalId: externalId.describe("Your id for the email; re-sending a known id is safe."),
    sentAt: isoDateTime.describe("When the email was sent (ISO 8601)."),
    subject: z.string().max(1000, "must be at most 1000 characters").optional(),
    body: z.string().max(1_000_000, "must be at most 1,000,000 characters").optional(),
    ...people,
  })
  .strict();

export const IngestCalls = z.object({ calls: z.array(CallInput).min(1, "must hold at least one call").max(MAX_BATCH_ITEMS) }).strict();
export const IngestEmails = z.object({ emails: z.array(EmailInput).min(1, "must hold at least one email").max(MAX_BATCH_ITEMS) }).strict();
