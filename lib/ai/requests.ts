// The charged requests (R-COST-2..4): Ask Anything and Briefer, from the REST API or the MCP
// server. Each processes the calls and emails it names and is charged for them, every request,
// through lib/ledger. The work is done first and kept only if the charge goes through, so a
// request that does not fit the balance charges nothing and leaves nothing behind.

import { createHash } from "node:crypto";
import { type AskAnythingRequest, type BriefRequest, MAX_REQUEST_IDS } from "../api/schemas";
import type { Actor } from "../auth/authorize";
import { itemsCostMilli } from "../costs";
import { formatCredits } from "../credits/amount";
import type { Database } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { charge, type FeatureType, getCreditSummary } from "../ledger";
import { type Query, q, toDate, toNumber } from "../sql";
import { builtinProcessor, type ProcessedItem, type Processor } from "./processor";

export type RequestContext = {
  actor: Actor;
  companyId: string;
  /** "api" for REST; the MCP client's name for MCP (the usage report's Integration). */
  channel: { kind: "api" } | { kind: "mcp"; clientName: string };
  idempotencyKey?: string;
  requestHash?: string;
  now: Date;
  processor?: Processor;
};

export type ChargedResult = { id: string; text: string; creditsChargedMilli: bigint; remainingMilli: bigint };

/** The named calls and emails of this company, in the order named; an unknown id is a 404. */
async function loadItems(db: Database, companyId: string, callIds: string[] = [], emailIds: string[] = []): Promise<ProcessedItem[]> {
  if (callIds.length + emailIds.length > MAX_REQUEST_IDS) {
    throw new AppError("too_large", `A request names at most ${MAX_REQUEST_IDS} call and email ids in all (got ${callIds.length + emailIds.length}).`, {
      field: "callIds",
    });
  }
  const calls = await db.sql.all(
    callIds.length
      ? `SELECT "externalId", "title", "transcript", "startedAt", "durationSeconds" FROM "Call" WHERE "companyId" = ? AND "externalId" IN (${callIds.map(() => "?").join(", ")})`
      : `SELECT 1 WHERE 1 = 0`,
    callIds.length ? [companyId, ...callIds] : [],
  );
  const emails = await db.sql.all(
    emailIds.length
      ? `SELECT "externalId", "subject", "body", "sentAt" FROM "Email" WHERE "companyId" = ? AND "externalId" IN (${emailIds.map(() => "?").join(", ")})`
      : `SELECT 1 WHERE 1 = 0`,
    emailIds.length ? [companyId, ...emailIds] : [],
  );
  const callsById = new Map(calls.map((c) => [String(c.externalId), c]));
  const emailsById = new Map(emails.map((e) => [String(e.externalId), e]));
  const items: ProcessedItem[] = [];
  const seen = new Set<string>();
  callIds.forEach((id, i) => {
    const c = callsById.get(id);
    if (!c) throw new AppError("not_found", `Your company has no call with the id "${id}". Send it to POST /api/v1/calls first.`, { field: `callIds[${i}]` });
    if (seen.has(`call:${id}`)) return;
    seen.add(`call:${id}`);
    items.push({
      kind: "call",
      externalId: id,
      title: String(c.title),
      text: String(c.transcript),
      at: toDate(c.startedAt),
      durationSeconds: toNumber(c.durationSeconds),
    });
  });
  emailIds.forEach((id, i) => {
    const e = emailsById.get(id);
    if (!e)
      throw new AppError("not_found", `Your company has no email with the id "${id}". Send it to POST /api/v1/emails first.`, { field: `emailIds[${i}]` });
    if (seen.has(`email:${id}`)) return;
    seen.add(`email:${id}`);
    items.push({ kind: "email", externalId: id, title: String(e.subject), text: String(e.body), at: toDate(e.sentAt) });
  });
  return items;
}

type Feature = { featureType: FeatureType; featureName: string; usageAction: string; channel: "api" | "mcp"; kind: "ask" | "brief" };

const MAX_LEDGER_KEY = 255;

/**
 * The ledger's idempotency key for a request's Idempotency-Key: the channel and kind, then the
 * key itself, or its SHA-256 when the two together would not fit the ledger's 255 characters
 * (a client's key may itself be 255 characters long).
 */
export function chargeKeyOf(channel: "api" | "mcp", kind: "ask" | "brief", key: string): string {
  const prefix = `${channel}-${kind}:`;
  if (prefix.length + key.length <= MAX_LEDGER_KEY) return prefix + key;
  return `${prefix}sha256:${createHash("sha256").update(key).digest("hex")}`;
}

function featureFor(ctx: RequestContext, kind: "ask" | "brief"): Feature {
  if (ctx.channel.kind === "mcp")
    return { featureType: "mcp", featureName: "MCP server", usageAction: kind === "ask" ? "ask_anything" : "generate_brief", channel: "mcp", kind };
  return kind === "ask"
    ? { featureType: "ask_anything_api", featureName: "Ask Anything API", usageAction: "request", channel: "api", kind }
    : { featureType: "briefer_api", featureName: "Briefer API", usageAction: "generate_brief", channel: "api", kind };
}

/** Charges for `items`; throws insufficient_credits (402) with the shortfall when they do not fit. */
async function chargeFor(
  db: Database,
  ctx: RequestContext,
  feature: Feature,
  items: ProcessedItem[],
): Promise<{ chargedMilli: bigint; remainingMilli: bigint }> {
  const calls = items.filter((i) => i.kind === "call");
  const amountMilli = itemsCostMilli(
    calls.map((c) => c.durationSeconds ?? 0),
    items.length - calls.length,
  );
  if (amountMilli === 0n) {
    const { remainingMilli } = await getCreditSummary(db.sql, { companyId: ctx.companyId, now: ctx.now });
    return { chargedMilli: 0n, remainingMilli };
  }
  const outcome = await charge(
    db.sql,
    ctx.companyId,
    {
      amountMilli,
      action: feature.featureName,
      idempotencyKey: ctx.idempotencyKey ? chargeKeyOf(feature.channel, feature.kind, ctx.idempotencyKey) : undefined,
      requestHash: ctx.requestHash,
      actorUserId: ctx.actor.userId,
      usage: {
        featureType: feature.featureType,
        featureName: feature.featureName,
        usageAction: feature.usageAction,
        integration: ctx.channel.kind === "mcp" ? ctx.channel.clientName : "",
        userId: ctx.actor.userId,
        calls: calls.length,
        emails: items.length - calls.length,
        requests: 1,
      },
    },
    ctx.now,
  );
  if (outcome.outcome === "exceeds_credits") {
    const required = formatCredits(outcome.requiredMilli);
    const available = formatCredits(outcome.availableMilli);
    throw new AppError(
      "insufficient_credits",
      `This request needs ${required} credits but only ${available} remain, so nothing was charged or processed. Ask an admin to add credits, then try again.`,
      {
        details: { required, available },
      },
    );
  }
  if (outcome.outcome === "exists_with_different_body") {
    throw new AppError("idempotency_conflict", "This Idempotency-Key was already used for a different request; use a new key for a new request.", {
      field: "Idempotency-Key",
    });
  }
  return { chargedMilli: outcome.amountMilli, remainingMilli: outcome.balanceAfterMilli };
}

export async function askAnything(db: Database, ctx: RequestContext, input: AskAnythingRequest): Promise<ChargedResult> {
  const items = await loadItems(db, ctx.companyId, input.callIds, input.emailIds);
  const answer = (ctx.processor ?? builtinProcessor).answer(input.question, items);
  const { chargedMilli, remainingMilli } = await chargeFor(db, ctx, featureFor(ctx, "ask"), items);
  return { id: createId("answer", ctx.now), text: answer, creditsChargedMilli: chargedMilli, remainingMilli };
}

export async function generateBrief(db: Database, ctx: RequestContext, input: BriefRequest): Promise<ChargedResult> {
  const items = await loadItems(db, ctx.companyId, input.callIds, input.emailIds);
  const text = (ctx.processor ?? builtinProcessor).brief(input.title, items);
  const { chargedMilli, remainingMilli } = await chargeFor(db, ctx, featureFor(ctx, "brief"), items);
  const briefId = createId("brief", ctx.now);
  await db.sql.transaction(function* (): Query<void> {
    yield* q.run(
      `INSERT INTO "Brief" ("id", "companyId", "title", "automated", "intervalHours", "lastGeneratedAt", "lastSkippedReason", "createdByUserId", "createdAt") VALUES (?, ?, ?, ?, 24, ?, '', ?, ?)`,
      [briefId, ctx.companyId, input.title, false, ctx.now, ctx.actor.userId, ctx.now],
    );
    yield* q.run(`INSERT INTO "BriefVersion" ("id", "briefId", "content", "creditsMilli", "generatedAt") VALUES (?, ?, ?, ?, ?)`, [
      createId("version", ctx.now),
      briefId,
      text,
      chargedMilli,
      ctx.now,
    ]);
  });
  return { id: briefId, text, creditsChargedMilli: chargedMilli, remainingMilli };
}
