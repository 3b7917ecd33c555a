// The charged requests (R-COST-2..4, R-HOLD-1): Ask Anything and Briefer, from the REST API or
// the MCP server. Each processes the calls and emails it names and is charged for them, every
// request: its credits are held first, then it is processed, then the hold is captured together
// with what the request keeps. A request that does not fit the balance or a budget charges
// nothing and processes nothing; one whose processing fails charges nothing either.

import { createHash } from "node:crypto";
import type { Actor } from "../auth/authorize";
import { type ChargeRequest, captureHold, type FeatureType, getCreditSummary, type HoldOutcome, placeHold, releaseHold } from "../billing";
import { insertRequestedBrief } from "../briefs/store";
import { itemsCostMilli } from "../costs";
import { formatCredits } from "../credits/amount";
import type { Database } from "../db";
import { AppError } from "../errors";
import { createId } from "../ids";
import { placeholders, type Query } from "../sql";
import { col, shape } from "../sql/rows";
import { defaultProcessor, type ProcessedItem, type Processor } from "./processor";
import { type AskAnythingRequest, type BriefRequest, MAX_REQUEST_IDS } from "./schemas";

export type RequestContext = {
  actor: Actor;
  companyId: string;
  /** "api" for REST; the MCP client's name for MCP (the usage report's Integration). */
  channel: { kind: "api" } | { kind: "mcp"; clientName: string };
  idempotencyKey?: string;
  requestHash?: string;
  now: Date;
  processor?: Processor;
  /** Runs in the transaction that charges the request: the idempotency record's answer. */
  complete?: (result: ChargedResult) => Query<void>;
};

export type ChargedResult = { id: string; text: string; creditsChargedMilli: bigint; remainingMilli: bigint };

const ItemRow = shape({
  kind: col.oneOf(["call", "email"] as const),
  externalId: col.text,
  title: col.text,
  text: col.text,
  at: col.date,
  durationSeconds: col.intOrNull,
});

const CALLS_SQL = (ids: readonly string[]) =>
  `SELECT 'call' AS "kind", "externalId", "title", "transcript" AS "text", "startedAt" AS "at", "durationSeconds"
     FROM "Call" WHERE "companyId" = ? AND "externalId" IN (${placeholders(ids.length)})`;
const EMAILS_SQL = (ids: readonly string[]) =>
  `SELECT 'email' AS "kind", "externalId", "subject" AS "title", "body" AS "text", "sentAt" AS "at", NULL AS "durationSeconds"
     FROM "Email" WHERE "companyId" = ? AND "externalId" IN (${placeholders(ids.length)})`;

/** The named calls and emails of this company, in the order named; an unknown id is a 404. */
async function loadItems(db: Database, companyId: string, callIds: string[] = [], emailIds: string[] = []): Promise<ProcessedItem[]> {
  if (callIds.length + emailIds.length > MAX_REQUEST_IDS) {
    throw new AppError("too_large", `A request names at most ${MAX_REQUEST_IDS} call and email ids in all (got ${callIds.length + emailIds.length}).`, {
      field: "callIds",
    });
  }
  // One query for both (a round trip each was an eighth of a charged request on PostgreSQL),
  // none for a request that names nothing.
  const parts: string[] = [];
  const params: string[] = [];
  if (callIds.length) {
    parts.push(CALLS_SQL(callIds));
    params.push(companyId, ...callIds);
  }
  if (emailIds.length) {
    parts.push(EMAILS_SQL(emailIds));
    params.push(companyId, ...emailIds);
  }
  const rows = parts.length ? await db.sql.rows(parts.join(" UNION ALL "), params, ItemRow) : [];
  const callsById = new Map<string, (typeof rows)[number]>();
  const emailsById = new Map<string, (typeof rows)[number]>();
  for (const row of rows) (row.kind === "call" ? callsById : emailsById).set(row.externalId, row);
  const items: ProcessedItem[] = [];
  const seen = new Set<string>();
  callIds.forEach((id, i) => {
    const c = callsById.get(id);
    if (!c) throw new AppError("not_found", `Your company has no call with the id "${id}". Send it to POST /api/v1/calls first.`, { field: `callIds[${i}]` });
    if (seen.has(`call:${id}`)) return;
    seen.add(`call:${id}`);
    // A call's duration sets its price; the column is NOT NULL, and a row without one is refused.
    if (c.durationSeconds === null) throw new TypeError(`call ${id}: no duration`);
    items.push({ kind: "call", externalId: id, title: c.title, text: c.text, at: c.at, durationSeconds: c.durationSeconds });
  });
  emailIds.forEach((id, i) => {
    const e = emailsById.get(id);
    if (!e)
      throw new AppError("not_found", `Your company has no email with the id "${id}". Send it to POST /api/v1/emails first.`, { field: `emailIds[${i}]` });
    if (seen.has(`email:${id}`)) return;
    seen.add(`email:${id}`);
    items.push({ kind: "email", externalId: id, title: e.title, text: e.text, at: e.at });
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

/** The 402 (or 409) a refused hold answers; nothing was charged or processed. */
function refusal(outcome: Exclude<HoldOutcome, { outcome: "held" | "exists" }>): AppError {
  if (outcome.outcome === "exceeds_credits") {
    const required = formatCredits(outcome.requiredMilli);
    const available = formatCredits(outcome.availableMilli);
    return new AppError(
      "insufficient_credits",
      `This request needs ${required} credits but only ${available} can be spent now, so nothing was charged or processed. Ask an admin to add credits, then try again.`,
      { details: { required, available } },
    );
  }
  if (outcome.outcome === "exceeds_budget") {
    const [limit, used, required] = [outcome.limitMilli, outcome.usedMilli, outcome.requiredMilli].map(formatCredits) as [string, string, string];
    return new AppError(
      "budget_exceeded",
      `This request needs ${required} credits, but the budget "${outcome.name}" has ${used} of its ${limit} credits used this period, so nothing was charged or processed. An admin can raise the budget on the Gong credits page.`,
      { details: { budget: outcome.name, limit, used, required } },
    );
  }
  return new AppError("idempotency_conflict", "This Idempotency-Key was already used for a different request; use a new key for a new request.", {
    field: "Idempotency-Key",
  });
}

/**
 * Runs one charged request (R-HOLD-1): holds its credits, processes it, then captures the hold,
 * with `persist` (what the request keeps, such as a brief) and the caller's `complete` (the
 * idempotency record's response) in the capture's transaction. A processing failure releases
 * the hold and answers 502 processing_failed; nothing is charged.
 */
async function runCharged(
  db: Database,
  ctx: RequestContext,
  feature: Feature,
  items: ProcessedItem[],
  work: { process(processor: Processor): string; persist?(id: string, text: string, chargedMilli: bigint): Query<void> },
): Promise<ChargedResult> {
  const id = createId(feature.kind === "ask" ? "answer" : "brief", ctx.now);
  const processor = ctx.processor ?? defaultProcessor();
  const calls = items.filter((i) => i.kind === "call");
  const amountMilli = itemsCostMilli(
    calls.map((c) => c.durationSeconds ?? 0),
    items.length - calls.length,
  );
  const process = () => {
    try {
      return work.process(processor);
    } catch (error) {
      console.error("processing a charged request failed:", error);
      throw new AppError(
        "processing_failed",
        "Processing this request failed, so nothing was charged. Try again; if it keeps failing, tell your administrator.",
      );
    }
  };

  if (amountMilli === 0n) {
    const text = process();
    const { remainingMilli } = await getCreditSummary(db.sql, { companyId: ctx.companyId, now: ctx.now });
    const result = { id, text, creditsChargedMilli: 0n, remainingMilli };
    if (work.persist) await db.sql.transaction(() => work.persist!(id, text, 0n));
    return result;
  }

  const request: ChargeRequest = {
    amountMilli,
    action: feature.featureName,
    idempotencyKey: ctx.idempotencyKey ? chargeKeyOf(feature.channel, feature.kind, ctx.idempotencyKey) : undefined,
    requestHash: ctx.requestHash,
    actorUserId: ctx.actor.userId,
    referenceId: id,
    usage: {
      featureType: feature.featureType,
      featureName: feature.featureName,
      usageAction: feature.usageAction,
      integration: ctx.channel.kind === "mcp" ? ctx.channel.clientName : "",
      userId: ctx.actor.userId,
      apiKeyId: ctx.actor.apiKeyId,
      teamId: ctx.actor.teamId ?? undefined,
      calls: calls.length,
      emails: items.length - calls.length,
      requests: 1,
    },
  };
  const hold = await placeHold(db.sql, ctx.companyId, request, ctx.now);
  if (hold.outcome === "exists") {
    // Charged before under this key (its answer was lost): answered again, under the first
    // answer's id (the one a refund names), and not charged again.
    return { id: hold.referenceId || id, text: process(), creditsChargedMilli: hold.amountMilli, remainingMilli: hold.balanceAfterMilli };
  }
  if (hold.outcome !== "held") throw refusal(hold);

  // Whatever fails after the hold (processing, or the capture itself: no connection came free,
  // the request's own writes failed) releases it at once, so that its credits are not kept from
  // everyone until it expires. Releasing is safe even when a capture's COMMIT may have taken
  // effect (a lost connection): a captured hold stays captured. The caller gets the first error.
  const releasing = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      await releaseHold(db.sql, ctx.companyId, hold.holdId, ctx.now).catch((releaseError: unknown) =>
        console.error(`releasing hold ${hold.holdId} after a failure failed (the ledger job releases it when it expires):`, releaseError),
      );
      throw error;
    }
  };
  const text = await releasing(async () => process());
  let result: ChargedResult | undefined;
  const outcome = await releasing(() =>
    captureHold(db.sql, ctx.companyId, hold.holdId, ctx.now, {
      referenceId: id,
      alsoInTransaction: function* (captured) {
        if (captured.outcome !== "charged" && captured.outcome !== "exists") return;
        // A capture that finds the request charged already answers under that charge's id, and
        // what the request keeps (a brief) was kept with that charge.
        const answerId = captured.outcome === "exists" ? captured.referenceId || id : id;
        result = { id: answerId, text, creditsChargedMilli: captured.amountMilli, remainingMilli: captured.balanceAfterMilli };
        if (work.persist && captured.outcome === "charged") yield* work.persist(id, text, captured.amountMilli);
        if (ctx.complete) yield* ctx.complete(result);
      },
    }),
  );
  if (outcome.outcome === "exceeds_credits" || outcome.outcome === "exceeds_budget" || outcome.outcome === "exists_with_different_body") throw refusal(outcome);
  return result!;
}

export async function askAnything(db: Database, ctx: RequestContext, input: AskAnythingRequest): Promise<ChargedResult> {
  const items = await loadItems(db, ctx.companyId, input.callIds, input.emailIds);
  return runCharged(db, ctx, featureFor(ctx, "ask"), items, { process: (processor) => processor.answer(input.question, items) });
}

export async function generateBrief(db: Database, ctx: RequestContext, input: BriefRequest): Promise<ChargedResult> {
  const items = await loadItems(db, ctx.companyId, input.callIds, input.emailIds);
  return runCharged(db, ctx, featureFor(ctx, "brief"), items, {
    process: (processor) => processor.brief(input.title, items),
    persist: (id, text, chargedMilli) =>
      insertRequestedBrief({ id, companyId: ctx.companyId, title: input.title, userId: ctx.actor.userId, text, creditsMilli: chargedMilli, now: ctx.now }),
  });
}
