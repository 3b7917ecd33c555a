// Idempotency-Keys up to the spec's limit of 255 characters on the charged requests, on both
// databases: the ledger's key for a request adds the channel and kind in front, and hashes the
// client's key when the two would not fit, so keys of 246 to 255 characters charge once and
// replay like any other; a 256-character header is refused before anything runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { idempotencyKeyOf, requestHash, withIdempotency } from "../api/idempotency";
import type { Actor } from "../auth/authorize";
import { formatCredits } from "../credits/amount";
import type { Database } from "../db";
import { ingestCalls } from "../ingest";
import { getCreditSummary } from "../ledger";
import { col, shape } from "../sql/rows";
import { askAnything, chargeKeyOf, generateBrief, type RequestContext } from "./requests";

const NOW = new Date("2026-10-05T16:00:00.000Z");
// A key of `length` printable characters that differs from others of its length at the end.
const keyOf = (length: number, tail = "z") => `${"k".repeat(length - 1)}${tail}`;

describe("the ledger key of a request's Idempotency-Key", () => {
  it("keeps short keys as they were and hashes long ones into 255 characters, one ledger key per client key", () => {
    expect(chargeKeyOf("api", "ask", "order-42")).toBe("api-ask:order-42");
    expect(chargeKeyOf("api", "brief", keyOf(245))).toBe(`api-brief:${keyOf(245)}`);
    const seen = new Set<string>();
    for (const length of [245, 246, 247, 250, 254, 255]) {
      for (const tail of ["y", "z"]) {
        for (const [channel, kind] of [
          ["api", "ask"],
          ["api", "brief"],
          ["mcp", "ask"],
          ["mcp", "brief"],
        ] as const) {
          const ledgerKey = chargeKeyOf(channel, kind, keyOf(length, tail));
          expect(ledgerKey.length).toBeLessThanOrEqual(255);
          expect(ledgerKey.startsWith(`${channel}-${kind}:`)).toBe(true);
          seen.add(ledgerKey);
        }
      }
    }
    expect(seen.size).toBe(6 * 2 * 4);
  });

  it("accepts a header of 1 to 255 printable characters and refuses 256", () => {
    const header = (key: string) => new Request("http://localhost/api/v1/ask-anything", { method: "POST", headers: { "idempotency-key": key } });
    expect(idempotencyKeyOf(header(keyOf(255)))).toBe(keyOf(255));
    expect(idempotencyKeyOf(header("a"))).toBe("a");
    expect(() => idempotencyKeyOf(header(keyOf(256)))).toThrow(expect.objectContaining({ code: "invalid_request", field: "Idempotency-Key" }));
    expect(idempotencyKeyOf(new Request("http://localhost/api/v1/ask-anything", { method: "POST" }))).toBeUndefined();
  });
});

describe.each(PROVIDERS)("long Idempotency-Keys on %s", (provider) => {
  let db: Database;
  let companyId: string;
  let actor: Actor;
  beforeAll(async () => {
    db = await freshDatabase(provider);
    ({ companyId } = await makeCompany(db.sql, NOW));
    actor = { userId: `member-${companyId}`, email: "member@long-keys.test", name: "Member", role: "member", companyId, via: "api_key" };
    // A call of five minutes: 0.5 credits a request.
    await ingestCalls(db.sql, {
      companyId,
      calls: [{ externalId: "c1", startedAt: NOW.toISOString(), durationSeconds: 300, transcript: "Pricing agreed." }],
      now: NOW,
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  const remaining = async () => (await getCreditSummary(db.sql, { companyId, now: NOW })).remainingMilli;
  const context = (key: string, path: string, input: unknown, channel: RequestContext["channel"] = { kind: "api" }): RequestContext => ({
    actor,
    companyId,
    channel,
    idempotencyKey: key,
    requestHash: requestHash(path, input),
    now: NOW,
  });

  let briefRuns = 0;
  it.each([246, 255])(
    "Ask Anything and Briefer, over the API and MCP, charge a %i-character key once and replay it under the first answer's id",
    async (length) => {
      const ask = { question: "What was agreed?", callIds: ["c1"] };
      const brief = { title: "Deal", callIds: ["c1"] };
      const before = await remaining();
      const requests = [
        () => askAnything(db, context(keyOf(length, "a"), "/api/v1/ask-anything", ask), ask),
        () => generateBrief(db, context(keyOf(length, "b"), "/api/v1/briefs", brief), brief),
        () => askAnything(db, context(keyOf(length, "c"), "mcp:ask_anything", ask, { kind: "mcp", clientName: "Claude" }), ask),
        () => generateBrief(db, context(keyOf(length, "d"), "mcp:generate_brief", brief, { kind: "mcp", clientName: "Claude" }), brief),
      ];
      for (const request of requests) {
        const first = await request();
        expect(first.creditsChargedMilli).toBe(500n);
        // Replayed by the ledger's key alone (as when the idempotency record is gone): the first
        // answer's id, the one a refund names, and nothing charged or kept again.
        const replay = await request();
        expect([replay.id, replay.creditsChargedMilli, replay.remainingMilli]).toEqual([first.id, 500n, first.remainingMilli]);
      }
      const briefs = await db.sql.row(`SELECT COUNT(*) AS "n" FROM "Brief" WHERE "companyId" = ?`, [companyId], shape({ n: col.int }));
      expect(briefs!.n).toBe(2 * ++briefRuns);
      expect(await remaining()).toBe(before - 4n * 500n);
      const ledgerKeys = [
        chargeKeyOf("api", "ask", keyOf(length, "a")),
        chargeKeyOf("api", "brief", keyOf(length, "b")),
        chargeKeyOf("mcp", "ask", keyOf(length, "c")),
        chargeKeyOf("mcp", "brief", keyOf(length, "d")),
      ];
      const entries = await db.sql.rows(
        `SELECT "idempotencyKey", "amountMilli" FROM "LedgerEntry" WHERE "companyId" = ? AND "idempotencyKey" IN (?, ?, ?, ?)`,
        [companyId, ...ledgerKeys],
        shape({ idempotencyKey: col.textOrNull, amountMilli: col.bigint }),
      );
      expect(entries.map((e) => [e.idempotencyKey, e.amountMilli]).sort()).toEqual(ledgerKeys.map((k) => [k, -500n]).sort());
      await expectLedgerConsistent(db.sql, companyId);
    },
  );

  it("answers a repeated 255-character key with the first response, byte for byte, charging once", async () => {
    const key = keyOf(255, "r");
    const input = { question: "Next step?", callIds: ["c1"] };
    const hash = requestHash("/api/v1/ask-anything", input);
    const before = await remaining();
    let runs = 0;
    const send = () =>
      withIdempotency(db.sql, { companyId, key, hash, now: NOW }, async () => {
        runs++;
        const r = await askAnything(db, context(key, "/api/v1/ask-anything", input), input);
        const body = { id: r.id, answer: r.text, creditsCharged: formatCredits(r.creditsChargedMilli), remaining: formatCredits(r.remainingMilli) };
        return { status: 200, body: JSON.stringify(body) };
      });
    const first = await send();
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ creditsCharged: "0.5", remaining: formatCredits(before - 500n) });
    expect(await send()).toEqual(first);
    expect(runs).toBe(1);
    expect(await remaining()).toBe(before - 500n);
  });
});
