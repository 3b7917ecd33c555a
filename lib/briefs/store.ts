// Where briefs are written, whoever generates them: the Briefs page and the scheduler (new
// versions of a brief) and the Briefer API and MCP tool (a brief of its own per request, made
// in the transaction that charges for it).
import { createId } from "../ids";
import { type Query, q } from "../sql";

/** A new version of a brief, and the brief marked as generated now. */
export function* insertBriefVersion(v: { id: string; briefId: string; content: string; creditsMilli: bigint; now: Date }): Query<void> {
  yield* q.write(`INSERT INTO "BriefVersion" ("id", "briefId", "content", "creditsMilli", "generatedAt") VALUES (?, ?, ?, ?, ?)`, [
    v.id,
    v.briefId,
    v.content,
    v.creditsMilli,
    v.now,
  ]);
  yield* q.write(`UPDATE "Brief" SET "lastGeneratedAt" = ?, "lastSkippedAt" = NULL, "lastSkippedReason" = '' WHERE "id" = ?`, [v.now, v.briefId]);
}

/** A brief made by one Briefer request: the brief and its one version. */
export function* insertRequestedBrief(b: {
  id: string;
  companyId: string;
  title: string;
  userId: string;
  text: string;
  creditsMilli: bigint;
  now: Date;
}): Query<void> {
  yield* q.write(
    `INSERT INTO "Brief" ("id", "companyId", "title", "automated", "intervalHours", "lastGeneratedAt", "lastSkippedReason", "createdByUserId", "createdAt") VALUES (?, ?, ?, ?, 24, ?, '', ?, ?)`,
    [b.id, b.companyId, b.title, false, b.now, b.userId, b.now],
  );
  yield* insertBriefVersion({ id: createId("version", b.now), briefId: b.id, content: b.text, creditsMilli: b.creditsMilli, now: b.now });
}
