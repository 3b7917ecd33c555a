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
import {
  claimIdempotencyKey,
  completeIdempotentRequest,
  purgeIdempotencyRecords,
  releaseLease,
  requestHash,
  type StoredResponse,
  withIdempotency,
} from "./idempotency";

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
    expect(await claimIdempotencyKey(db.sql, { companyId, key, hash, now: NOW })).toHaveProperty("lease");
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

  /** Claims the key: its lease's token, or the stored response, or the refusal's code. */
  const claim = (args: { companyId: string; key: string; hash: string }, now: Date) =>
    claimIdempotencyKey(db.sql, { ...args, now }).then(
      (c) => ("lease" in c ? "claimed" : c.stored),
      (error: unknown) => (error instanceof AppError ? error.code : error),
    );
  const leaseOf = async (args: { companyId: string; key: string; hash: string }, now: Date) => {
    const c = await claimIdempotencyKey(db.sql, { ...args, now });
    if (!("lease" in c)) throw new Error("expected to claim the key");
    return c.lease;
  };

  it("lets one retry at a time take over a lapsed key", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const args = { companyId, key: "lapsed", hash: "h" };
    expect(await claim(args, NOW)).toBe("claimed");
    const retries = await Promise.all(Array.from({ length: 4 }, () => claim(args, seconds(31))));
    expect(retries.sort()).toEqual(["claimed", "idempotency_in_progress", "idempotency_in_progress", "idempotency_in_progress"]);
    // The one that took it over holds a new lease: 20 s after the takeover the key is still running.
    expect(await claim(args, seconds(51))).toBe("idempotency_in_progress");
    expect(await claim(args, seconds(62))).toBe("claimed");
  });

  it("leaves a key taken over to the request that took it: the first one's answer, failure and renewal change nothing", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const args = { companyId, key: "outlived", hash: "h" };
    const first = await leaseOf(args, NOW);
    // The first request stalls past its lease; a retry takes the key over.
    const retry = await leaseOf(args, seconds(31));
    // The first one finishes meanwhile: its answer is not recorded, the key stays the retry's.
    await db.sql.transaction(() => completeIdempotentRequest(first, { status: 200, body: '{"by":"first"}' }));
    expect(await claim(args, seconds(35))).toBe("idempotency_in_progress");
    // Or it fails: the retry's record stays.
    expect(await releaseLease(db.sql, first)).toBe(0);
    expect(await claim(args, seconds(36))).toBe("idempotency_in_progress");
    await db.sql.transaction(() => completeIdempotentRequest(retry, { status: 200, body: '{"by":"retry"}' }));
    expect(await claim(args, seconds(40))).toEqual({ status: 200, body: '{"by":"retry"}' });
    // An answer after the retry's does not overwrite it.
    await db.sql.transaction(() => completeIdempotentRequest(first, { status: 200, body: '{"by":"first"}' }));
    expect(await claim(args, seconds(41))).toEqual({ status: 200, body: '{"by":"retry"}' });
  });

  it("keeps a key that a retry took over while the first request ran, when the first then fails", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    const args = { companyId, key: "stalled", hash: "h" };
    let fail!: (error: Error) => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const firstRequest = withIdempotency(db.sql, { ...args, now: NOW, clock: new ManualClock(NOW) }, () => {
      started();
      return new Promise<StoredResponse>((_, reject) => {
        fail = reject;
      });
    });
    await running;
    // The first request stalls past its lease; a retry takes the key over and is running.
    const retry = await leaseOf(args, seconds(31));
    fail(new AppError("insufficient_credits", "short"));
    await expect(firstRequest).rejects.toMatchObject({ code: "insufficient_credits" });
    // The retry still holds the key: a third request is told it runs, and its answer is kept.
    expect(await claim(args, seconds(40))).toBe("idempotency_in_progress");
    await db.sql.transaction(() => completeIdempotentRequest(retry, { status: 200, body: '{"by":"retry"}' }));
    expect(await claim(args, seconds(41))).toEqual({ status: 200, body: '{"by":"retry"}' });
  });
});
