// Idempotency records: a repeat within the window answers the first response; old records go.
// A first request whose process died (it claimed the key and charged, but never stored its
// response) stops counting as running within 60 seconds: the retry then runs, by one caller only,
// completes with the ledger holding exactly one charge, and is replayed byte for byte after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { ManualClock } from "../../test/support/manual-clock";
import { askAnything, chargeKeyOf } from "../ai/requests";
import type { Actor } from "../auth/authorize";
import { formatCredits } from "../credits/amount";
import type { Database } from "../db";
import { AppError } from "../errors";
import { ingestCalls } from "../ingest";
import { getCreditSummary } from "../ledger";
import { col, shape } from "../sql/rows";
import { claimIdempotencyKey, completeIdempotentRequest, purgeIdempotencyRecords, requestHash, type StoredResponse, withIdempotency } from "./idempotency";

const NOW = new Date("2026-09-01T10:00:00Z");
const seconds = (s: number) => new Date(NOW.getTime() + s * 1_000);

describe.each(PROVIDERS)("idempotency records on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("replays the first response, refuses another body, frees the key after a failure, and purges old records", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    let runs = 0;
    const run = async () => ({ status: 200, body: `{"n":${++runs}}` });
    expect(await withIdempotency(db.sql, { companyId, key: "k", hash: "h", now: NOW }, run)).toEqual({ status: 200, body: '{"n":1}' });
    expect(await withIdempotency(db.sql, { companyId, key: "k", hash: "h", now: NOW }, run)).toEqual({ status: 200, body: '{"n":1}' });
    await expect(withIdempotency(db.sql, { companyId, key: "k", hash: "other", now: NOW }, run)).rejects.toMatchObject({ code: "idempotency_conflict" });
    await expect(
      withIdempotency(db.sql, { companyId, key: "f", hash: "h", now: NOW }, async () => {
        throw new AppError("insufficient_credits", "short");
      }),
    ).rejects.toMatchObject({ code: "insufficient_credits" });
    expect(await withIdempotency(db.sql, { companyId, key: "f", hash: "h", now: NOW }, run)).toEqual({ status: 200, body: '{"n":2}' });
    expect(await purgeIdempotencyRecords(db.sql, new Date(NOW.getTime() + 6 * 86_400_000))).toBe(0);
    expect(await purgeIdempotencyRecords(db.sql, new Date(NOW.getTime() + 8 * 86_400_000))).toBe(2);
    expect(runs).toBe(2);
  });

  it("takes over a key whose first request died after charging within 60 seconds, completing it with one charge", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const actor: Actor = { userId: `member-${companyId}`, email: "member@lease.test", name: "Member", role: "member", companyId, via: "api_key" };
    await ingestCalls(db.sql, { companyId, calls: [{ externalId: "c1", startedAt: NOW.toISOString(), durationSeconds: 900 }], now: NOW });
    const key = "order-7";
    const input = { question: "What did they agree?", callIds: ["c1"] };
    const hash = requestHash("/api/v1/ask-anything", input);
    let runs = 0;
    // What POST /api/v1/ask-anything runs once per key.
    const execute = (now: Date) => async (): Promise<StoredResponse> => {
      runs++;
      const r = await askAnything(db, { actor, companyId, channel: { kind: "api" }, idempotencyKey: key, requestHash: hash, now }, input);
      return {
        status: 200,
        body: JSON.stringify({ id: r.id, answer: r.text, creditsCharged: formatCredits(r.creditsChargedMilli), remaining: formatCredits(r.remainingMilli) }),
      };
    };
    const send = (at: Date) => withIdempotency(db.sql, { companyId, key, hash, now: at, clock: new ManualClock(at) }, execute(at));

    // The first request claims the key and is charged, then its process dies before it answers.
    expect(await claimIdempotencyKey(db.sql, { companyId, key, hash, now: NOW })).toBe("claimed");
    const died = await askAnything(db, { actor, companyId, channel: { kind: "api" }, idempotencyKey: key, requestHash: hash, now: NOW }, input);
    expect(died.creditsChargedMilli).toBe(1_000n);

    // 20 s later its lease still holds: the retry is told the first request is running.
    await expect(send(seconds(20))).rejects.toMatchObject({ code: "idempotency_in_progress" });
    expect(runs).toBe(0);
    // 31 s later (within the spec's 60) the lease has lapsed: the retry runs and completes.
    const completed = await send(seconds(31));
    expect(completed.status).toBe(200);
    expect(JSON.parse(completed.body)).toMatchObject({ creditsCharged: "1", remaining: "99" });
    expect(runs).toBe(1);
    // Later retries answer that response, byte for byte, and run nothing.
    expect(await send(seconds(45))).toEqual(completed);
    expect(await send(seconds(3_600))).toEqual(completed);
    expect(runs).toBe(1);

    const charges = await db.sql.rows(
      `SELECT "idempotencyKey", "amountMilli" FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used'`,
      [companyId],
      shape({ idempotencyKey: col.textOrNull, amountMilli: col.bigint }),
    );
    expect(charges).toEqual([{ idempotencyKey: chargeKeyOf("api", "ask", key), amountMilli: -1_000n }]);
    expect((await getCreditSummary(db.sql, { companyId, now: seconds(31) })).remainingMilli).toBe(99_000n);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("lets one retry at a time take over a lapsed key", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const args = { companyId, key: "lapsed", hash: "h" };
    expect(await claimIdempotencyKey(db.sql, { ...args, now: NOW })).toBe("claimed");
    const retries = await Promise.all(
      Array.from({ length: 4 }, () =>
        claimIdempotencyKey(db.sql, { ...args, now: seconds(31) }).catch((error: unknown) => (error instanceof AppError ? error.code : error)),
      ),
    );
    expect(retries.sort()).toEqual(["claimed", "idempotency_in_progress", "idempotency_in_progress", "idempotency_in_progress"]);
    // The one that took it over holds a new lease: 20 s after the takeover the key is still running.
    await expect(claimIdempotencyKey(db.sql, { ...args, now: seconds(51) })).rejects.toMatchObject({ code: "idempotency_in_progress" });
    expect(await claimIdempotencyKey(db.sql, { ...args, now: seconds(62) })).toBe("claimed");
  });

  it("keeps the first response recorded: a first request that outlived its lease does not overwrite the one that took over and finished", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const args = { companyId, key: "outlived", hash: "h" };
    expect(await claimIdempotencyKey(db.sql, { ...args, now: NOW })).toBe("claimed");
    // The first request stalls past its lease; a retry takes the key over and finishes first.
    expect(await claimIdempotencyKey(db.sql, { ...args, now: seconds(31) })).toBe("claimed");
    await db.sql.transaction(() => completeIdempotentRequest(args, { status: 200, body: '{"by":"retry"}' }));
    // Then the first one finishes too.
    await db.sql.transaction(() => completeIdempotentRequest(args, { status: 200, body: '{"by":"first"}' }));
    expect(await claimIdempotencyKey(db.sql, { ...args, now: seconds(40) })).toEqual({ status: 200, body: '{"by":"retry"}' });
  });
});
