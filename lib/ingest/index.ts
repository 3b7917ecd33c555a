// Ingesting calls and emails for a company (free: it feeds trackers and charged requests).
// A batch is one transaction of multi-row inserts; an id the company already has (or one
// repeated in the batch) is counted as already known.
import type { z } from "zod";
import { createId } from "../ids";
import { insertRows, type Query, type SqlDatabase } from "../sql";
import type { CallInput, EmailInput } from "./schemas";

export type IngestResult = { accepted: number; alreadyKnown: number };

const SKIP_KNOWN = `ON CONFLICT ("companyId", "externalId") DO NOTHING`;

export function ingestCalls(
  sql: SqlDatabase,
  { companyId, calls, now }: { companyId: string; calls: z.output<typeof CallInput>[]; now: Date },
): Promise<IngestResult> {
  // A multi-row insert may not name one key twice on PostgreSQL: the first of a repeat wins.
  const rows = firstOfEach(calls).map((c) => [
    createId("call", now),
    companyId,
    c.externalId,
    new Date(c.startedAt),
    c.durationSeconds,
    c.title ?? "",
    c.transcript ?? "",
    now,
  ]);
  return sql.transaction(function* (): Query<IngestResult> {
    const accepted = yield* insertRows("Call", ["id", "companyId", "externalId", "startedAt", "durationSeconds", "title", "transcript", "receivedAt"], rows, {
      onConflict: SKIP_KNOWN,
    });
    return { accepted, alreadyKnown: calls.length - accepted };
  });
}

export function ingestEmails(
  sql: SqlDatabase,
  { companyId, emails, now }: { companyId: string; emails: z.output<typeof EmailInput>[]; now: Date },
): Promise<IngestResult> {
  const rows = firstOfEach(emails).map((e) => [createId("email", now), companyId, e.externalId, new Date(e.sentAt), e.subject ?? "", e.body ?? "", now]);
  return sql.transaction(function* (): Query<IngestResult> {
    const accepted = yield* insertRows("Email", ["id", "companyId", "externalId", "sentAt", "subject", "body", "receivedAt"], rows, { onConflict: SKIP_KNOWN });
    return { accepted, alreadyKnown: emails.length - accepted };
  });
}

/** Each external id once, as first sent; a repeat within the batch counts as already known. */
function firstOfEach<T extends { externalId: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.externalId)) return false;
    seen.add(item.externalId);
    return true;
  });
}
