// The API's abuse limits as route handlers apply them, per user, on a real SQLite database with
// real keys and sessions: withAuth with limits on a clock the test sets, and the app's own routes with the process's
// limits read from the environment (API_RATE_LIMIT=1, the clock stopped: Date is faked, so no
// second passes between two requests however slow the machine is).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { RequestLimits } from "../lib/api/request-limits";
import { json, withAuth } from "../lib/api/with-auth";
import type { Database } from "../lib/db";
import { AppError } from "../lib/errors";
import { makeCompany } from "./support/companies";
import { freshDatabaseUrl } from "./support/databases";
import { ManualClock } from "./support/manual-clock";

const NOW = new Date("2026-12-02T09:00:00Z");
let db: Database;
let companyId: string;
/** keys[0] and keys[3] are user 1's, keys[1] user 2's, keys[2] user 3's. */
const keys: string[] = [];

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  process.env.API_RATE_LIMIT = "1";
  process.env.DATABASE_URL = await freshDatabaseUrl("sqlite");
  const { getDatabase } = await import("../lib/db");
  const { createApiKey } = await import("../lib/auth/api-keys");
  db = getDatabase();
  ({ companyId } = await makeCompany(db.sql, NOW));
  for (const n of [1, 2, 3]) {
    const id = `user_limits_${n}`;
    await db.prisma.user.create({ data: { id, email: `${id}@limits.test`, name: id, role: "member", companyId } });
    keys.push((await createApiKey(db.prisma, { companyId, userId: id, name: "limits", now: NOW })).key);
  }
  keys.push((await createApiKey(db.prisma, { companyId, userId: "user_limits_1", name: "second", now: NOW })).key);
  const { ingestEmails } = await import("../lib/ingest");
  await ingestEmails(db.sql, { companyId, emails: [{ externalId: "mail-1", sentAt: NOW.toISOString(), subject: "Pricing" }], now: NOW });
});

afterAll(async () => {
  vi.useRealTimers();
  delete process.env.API_RATE_LIMIT;
  await db.close();
});

const withKey = (key: string, init: RequestInit = {}) =>
  new Request("http://local/api/test", { ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });

describe("withAuth holds each user to the limits", () => {
  it("answers 429 rate_limited with Retry-After past a user's requests in flight, whichever of their keys, without calling the handler, and frees the place when a request is answered, failed or not", async () => {
    const limits = new RequestLimits({ rate: 100, maxInFlight: 1 }, new ManualClock(NOW));
    let calls = 0;
    let finish = () => {};
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const handler = withAuth(
      async (request) => {
        calls++;
        if (request.headers.get("x-hold")) await held;
        if (request.headers.get("x-fail")) throw new AppError("not_found", "No such thing.");
        return json({ ok: true });
      },
      { permission: "credits.consume", limits },
    );

    const first = handler(withKey(keys[0]!, { headers: { "x-hold": "1" } }));
    await vi.waitFor(() => expect(calls).toBe(1));
    const refused = await handler(withKey(keys[0]!));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({
      error: "rate_limited",
      message: "You already have 1 request running on this server (with your API keys and session together); wait for one to finish, then retry.",
      retryAfter: "1",
    });
    // The same user's other key is held back too; another user of the company is not.
    expect((await handler(withKey(keys[3]!))).status).toBe(429);
    expect(calls).toBe(1);
    expect((await handler(withKey(keys[1]!))).status).toBe(200);

    finish();
    expect((await first).status).toBe(200);
    expect((await handler(withKey(keys[0]!, { headers: { "x-fail": "1" } }))).status).toBe(404);
    // The failed request gave its place back too.
    expect((await handler(withKey(keys[0]!))).status).toBe(200);
    expect(calls).toBe(4);
  });

  it("counts a user's session with their keys, and an unknown key for nothing (401)", async () => {
    const { runAsActor } = await import("../lib/auth/session");
    const limits = new RequestLimits({ rate: 2, maxInFlight: 10 }, new ManualClock(NOW));
    const handler = withAuth(async () => json({ ok: true }), { permission: "credits.balance", limits });
    for (let i = 0; i < 3; i++) expect((await handler(withKey("ck_unknown"))).status).toBe(401);
    expect(limits.size).toBe(0);
    const user3 = { userId: "user_limits_3", email: "user_limits_3@limits.test", name: "3", role: "member" as const, companyId, via: "session" as const };
    const bySession = () => runAsActor(user3, () => handler(new Request("http://local/api/test")));
    expect((await bySession()).status).toBe(200);
    expect((await handler(withKey(keys[2]!))).status).toBe(200);
    expect((await bySession()).status).toBe(429);
  });
});

describe("the app's routes, with API_RATE_LIMIT=1", () => {
  it("refuses a user's second charged request within the second with 429 before anything is charged or remembered, and its balance read too", async () => {
    const { POST: ask } = await import("../app/api/v1/ask-anything/route");
    const { GET: balance } = await import("../app/api/v1/balance/route");
    const { getCreditSummary } = await import("../lib/ledger/balance");
    const charged = (key: string, idempotencyKey: string) =>
      ask(
        new Request("http://local/api/v1/ask-anything", {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": idempotencyKey },
          body: JSON.stringify({ question: "What about pricing?", emailIds: ["mail-1"] }),
        }),
      );
    const before = await getCreditSummary(db.sql, { companyId, now: NOW });

    const first = await charged(keys[0]!, "first");
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ creditsCharged: "0.1" });
    const second = await charged(keys[0]!, "second");
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("1");
    expect(await second.json()).toMatchObject({
      error: "rate_limited",
      message: "You sent more than 1 request a second (with your API keys and session together); retry in a second.",
    });
    const read = await balance(new Request("http://local/api/v1/balance", { headers: { authorization: `Bearer ${keys[0]!}` } }));
    expect(read.status).toBe(429);

    // One charge of 0.1, and no trace of the refused request's key.
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).remainingMilli).toBe(before.remainingMilli - 100n);
    const remembered = await db.prisma.idempotentRequest.findMany({ where: { companyId }, select: { key: true } });
    expect(remembered.map((r) => r.key)).toEqual(["first"]);

    // Another user has their own second; a second later the first is admitted again.
    expect((await charged(keys[1]!, "other")).status).toBe(200);
    vi.advanceTimersByTime(1_000);
    expect((await charged(keys[0]!, "second")).status).toBe(200);
  });
});
