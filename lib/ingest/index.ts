// Ingesting calls and emails for a company (free: it feeds trackers and charged requests).
// A batch is one transaction of multi-row inserts; an id the company already has (or one
// repeated in the batch) is counted as already known.
import type { z } from "zod";
import { AppError } from "../errors";
import { createId } from "../ids";
import { insertRows, placeholders, type Query, type SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";
import type { CallInput, EmailInput } from "./schemas";

export type IngestResult = { accepted: number; alreadyKnown: number };

const SKIP_KNOWN = `ON CONFLICT ("companyId", "externalId") DO NOTHING`;

type People = { ownerEmail?: string; participants?: string[] };

/** Owners must be users of the company: the first that is not is refused, naming its place. */
async function checkOwners(sql: SqlDatabase, companyId: string, list: "calls" | "emails", items: readonly People[]): Promise<void> {
  const owners = [...new Set(items.map((i) => i.ownerEmail?.toLowerCase()).filter((e): e is string => !!e))];
  if (owners.length === 0) return;
  const known = new Set(
    (
      await sql.rows(
        `SELECT "email" FROM "User" WHERE "companyId" = ? AND "email" IN (${placeholders(owners.length)})`,
        [companyId, ...owners],
        shape({ email: col.text }),
      )
    ).map((u) => u.email),
  );
  const at = items.findIndex((i) => i.ownerEmail && !known.has(i.ownerEmail.toLowerCase()));
  if (at >= 0) {
    throw new AppError("invalid_request", `${list}[${at}].ownerEmail: no user of your company has the email "${items[at]!.ownerEmail}".`, {
      field: `${list}[${at}].ownerEmail`,
    });
  }
}

const people = (i: People) => [i.ownerEmail?.toLowerCase() ?? "", [...new Set((i.participants ?? []).map((p) => p.toLowerCase()))].join("\n")];

export async function ingestCalls(
  sql: SqlDatabase,
  { companyId, calls, now }: { companyId: string; calls: z.output<typeof CallInput>[]; now: Date },
): Promise<IngestResult> {
  await checkOwners(sql, companyId, "calls", calls);
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
    ...people(c),
  ]);
  return sql.transaction(function* (): Query<IngestResult> {
    const accepted = yield* insertRows(
      "Call",
      ["id", "companyId", "externalId", "startedAt", "durationSeconds", "title", "transcript", "receivedAt", "ownerEmail", "participants"],
      rows,
      { onConflict: SKIP_KNOWN },
    );
    return { accepted, alreadyKnown: calls.length - accepted };
  });
}

export async function ingestEmails(
  sql: SqlDatabase,
  { companyId, emails, now }: { companyId: string; emails: z.output<typeof EmailInput>[]; now: Date },
): Promise<IngestResult> {
  await checkOwners(sql, companyId, "emails", emails);
  const rows = firstOfEach(emails).map((e) => [
    createId("email", now),
    companyId,
    e.externalId,
    new Date(e.sentAt),
    e.subject ?? "",
    e.body ?? "",
    now,
    ...people(e),
  ]);
  return sql.transaction(function* (): Query<IngestResult> {
    const accepted = yield* insertRows(
      "Email",
      ["id", "companyId", "externalId", "sentAt", "subject", "body", "receivedAt", "ownerEmail", "participants"],
      rows,
      {
        onConflict: SKIP_KNOWN,
      },
    );
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
