// Ingesting calls and emails for a company (free: it feeds trackers and charged requests).
// A batch is one transaction; an id the company already has is counted as already known.
import { createId } from "../ids";
import { q, type Query, type SqlDatabase } from "../sql";
import type { z } from "zod";
import type { CallInput, EmailInput } from "../api/schemas";

export type IngestResult = { accepted: number; alreadyKnown: number };

export function ingestCalls(sql: SqlDatabase, { companyId, calls, now }: { companyId: string; calls: z.output<typeof CallInput>[]; now: Date }): Promise<IngestResult> {
  return sql.transaction(function* (): Query<IngestResult> {
    let accepted = 0;
    for (const c of calls) {
      accepted += yield* q.run(
        `INSERT INTO "Call" ("id", "companyId", "externalId", "startedAt", "durationSeconds", "title", "transcript", "receivedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("companyId", "externalId") DO NOTHING`,
        [createId("call", now), companyId, c.externalId, new Date(c.startedAt), c.durationSeconds, c.title ?? "", c.transcript ?? "", now],
      );
    }
    return { accepted, alreadyKnown: calls.length - accepted };
  });
}

export function ingestEmails(sql: SqlDatabase, { companyId, emails, now }: { companyId: string; emails: z.output<typeof EmailInput>[]; now: Date }): Promise<IngestResult> {
  return sql.transaction(function* (): Query<IngestResult> {
    let accepted = 0;
    for (const e of emails) {
      accepted += yield* q.run(
        `INSERT INTO "Email" ("id", "companyId", "externalId", "sentAt", "subject", "body", "receivedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("companyId", "externalId") DO NOTHING`,
        [createId("email", now), companyId, e.externalId, new Date(e.sentAt), e.subject ?? "", e.body ?? "", now],
      );
    }
    return { accepted, alreadyKnown: emails.length - accepted };
  });
}
