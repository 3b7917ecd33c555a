// The one wrapper for route handlers: resolves the actor from an API key (Authorization: Bearer)
// or the session, holds the user to the abuse limits (./request-limits), checks the permission
// (required) for the actor's company, and turns every error into the spec's error shape.
// Handlers stay thin: parse, call lib, respond.

import { unsafeActorFromApiKey } from "../auth/api-keys";
import { type Actor, authorize } from "../auth/authorize";
import type { Permission } from "../auth/roles";
import { getSessionActor } from "../auth/session";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { AppError, ERROR_CODES } from "../errors";
import { apiRequestLimits, type RequestLimits } from "./request-limits";

export type HandlerContext = { actor: Actor; companyId: string; params: Record<string, string | string[]> };
type Handler = (request: Request, ctx: HandlerContext) => Promise<Response>;
type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** `limits`: the process's own unless given (tests give their own, on a clock they set). */
export function withAuth(handler: Handler, options: { permission: Permission; limits?: RequestLimits }) {
  return async (request: Request, route?: RouteContext): Promise<Response> => {
    let release: (() => void) | undefined;
    try {
      const actor = await resolveActor(request);
      release = (options.limits ?? apiRequestLimits()).admit(actor.userId);
      const companyId = authorize(actor, options.permission);
      return await handler(request, { actor, companyId, params: (await route?.params) ?? {} });
    } catch (error) {
      return errorResponse(error);
    } finally {
      release?.();
    }
  };
}

async function resolveActor(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const actor = match ? await unsafeActorFromApiKey(getDatabase().sql, match[1]!, systemClock.now()) : null;
    if (!actor)
      throw new AppError("unauthorized", "The API key is missing, unknown or revoked. Send `Authorization: Bearer <key>` with a key from your profile page.");
    return actor;
  }
  const actor = await getSessionActor();
  if (!actor) throw new AppError("unauthorized", "Sign in, or send `Authorization: Bearer <key>` with an API key from your profile page.");
  // A browser session may only change things from this site's own pages.
  if (request.method !== "GET" && request.method !== "HEAD" && !sameOrigin(request)) {
    throw new AppError("forbidden", "Cross-site requests are refused.");
  }
  return actor;
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const body: Record<string, unknown> = { error: error.code, message: error.message };
    if (error.field) body.field = error.field;
    Object.assign(body, error.details ?? {});
    return json(
      body,
      ERROR_CODES[error.code],
      error.code === "rate_limited" || error.code === "busy" ? { "retry-after": error.details?.retryAfter ?? "1" } : {},
    );
  }
  console.error("route handler failed:", error);
  return json({ error: "internal_error", message: "Something went wrong on our side. Try again; if it keeps happening, tell your administrator." }, 500);
}
