// Holds and captures of several requests in one transaction (placeHolds, captureHolds), on both
// databases: each request is answered as placeHold and captureHold would answer it one after
// another, with the ones before it counted against the balance and the budgets; a capture that is
// not the plain case is left to captureHold; the ledger stays consistent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertBudget } from "../../test/support/budgets";
import { makeCompany, TEST_USAGE, testCharge } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { getCreditSummary, releaseHold } from "../billing";
import type { Database } from "../db";
import { q } from "../sql";
import { col, shape } from "../sql/rows";
import { captureHold, captureHolds, HOLD_TTL_MS, type HoldOutcome, placeHold, placeHolds } from "./holds";
import type { ChargeRequest } from "./types";

const NOW = new Date("2026-05-12T14:00:00.000Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);
const StateRow = shape({ id: col.text, state: col.text, entryId: col.textOrNull });
const HoldTimeRow = shape({ id: col.text, createdAt: col.date });
/** Each outcome's hold id, or "" for one that held nothing. */
const holdIds = (outcomes: readonly (HoldOutcome | undefined)[]) => outcomes.map((o) => (o?.outcome === "held" ? o.holdId : ""));

describe.each(PROVIDERS)("batches of holds and captures on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("holds the same request twice in one batch once: the second takes the first's new hold over, as it would after it", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const keyed = testCharge(4_000n, { idempotencyKey: "api-ask:in-one-batch", requestHash: "hash-a" });
    const outcomes = await placeHolds(db.sql, companyId, [
      { request: keyed, now: NOW },
      { request: keyed, now: at(1) },
      // Another body under the key is another request: it holds on its own.
      { request: { ...keyed, requestHash: "hash-b" }, now: at(2) },
      // With 2 credits left unheld, the same request once more still fits: it holds nothing new.
      { request: keyed, now: at(3) },
    ]);
    const [first, second, other, third] = holdIds(outcomes);
    expect(outcomes.map((o) => o?.outcome)).toEqual(["held", "held", "held", "held"]);
    expect([second, third]).toEqual([first, first]);
    expect(other).not.toBe(first);
    expect(await getCreditSummary(db.sql, { companyId, now: at(3) })).toMatchObject({ heldMilli: 8_000n });
    // The hold lives on from the last request that took it over.
    const expiry = await db.sql.row(`SELECT "expiresAt" FROM "Hold" WHERE "id" = ?`, [first!], shape({ expiresAt: col.date }));
    expect(expiry!.expiresAt.getTime()).toBe(at(3).getTime() + HOLD_TTL_MS);
    expect(await captureHold(db.sql, companyId, first!, at(4))).toMatchObject({ outcome: "charged", amountMilli: 4_000n });
    expect(await releaseHold(db.sql, companyId, other!, at(4))).toBe("released");
    expect(await getCreditSummary(db.sql, { companyId, now: at(4) })).toMatchObject({ heldMilli: 0n, usedMilli: 4_000n, remainingMilli: 6_000n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("holds each request in turn: one that does not fit the balance or a budget is refused, and the ones after it are still held", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 2, perSeatCredits: 10 });
    await insertBudget(db.sql, companyId, { name: "Ask", scopeKind: "feature", scopeValue: "ask_anything_api", limitMilli: 8_000n }, NOW);
    const mcp = { ...TEST_USAGE, featureType: "mcp", featureName: "MCP server" } as const;
    const outcomes = await placeHolds(db.sql, companyId, [
      { request: testCharge(3_000n), now: NOW },
      { request: testCharge(4_000n, { usage: mcp }), now: at(1) },
      { request: testCharge(6_000n), now: at(2) }, // the budget has 5 of its 8 left
      { request: testCharge(5_000n), now: at(3) }, // exactly those 5
      { request: testCharge(9_000n, { usage: mcp }), now: at(4) }, // 8 of the 20 credits are left
      { request: testCharge(100n), now: at(5) }, // the budget is used up by the holds before it
      { request: testCharge(8_000n, { usage: mcp }), now: at(6) }, // the last 8 credits
    ]);
    expect(outcomes.map((o) => o?.outcome)).toEqual(["held", "held", "exceeds_budget", "held", "exceeds_credits", "exceeds_budget", "held"]);
    expect(outcomes[2]).toMatchObject({ limitMilli: 8_000n, usedMilli: 3_000n, requiredMilli: 6_000n });
    expect(outcomes[4]).toMatchObject({ requiredMilli: 9_000n, availableMilli: 8_000n });
    expect(outcomes[5]).toMatchObject({ usedMilli: 8_000n, requiredMilli: 100n });
    const summary = await getCreditSummary(db.sql, { companyId, now: at(6) });
    expect(summary).toMatchObject({ heldMilli: 20_000n, usedMilli: 0n, remainingMilli: 20_000n });
    // Each hold has its own row, with the instant of its own request.
    const held = outcomes.flatMap((o) => (o?.outcome === "held" ? [o.holdId] : []));
    const rows = await db.sql.rows(`SELECT "id", "createdAt" FROM "Hold" WHERE "companyId" = ? ORDER BY "createdAt"`, [companyId], HoldTimeRow);
    expect(rows.map((r) => [r.id, r.createdAt.getTime()])).toEqual([
      [held[0], NOW.getTime()],
      [held[1], at(1).getTime()],
      [held[2], at(3).getTime()],
      [held[3], at(6).getTime()],
    ]);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("captures the plain holds of a batch together and leaves a replay, a released hold and a repeated key to captureHold", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const place = async (r: ChargeRequest) => {
      const o = await placeHold(db.sql, companyId, r, NOW);
      if (o.outcome !== "held") throw new Error(`not held: ${o.outcome}`);
      return o.holdId;
    };
    const plain = await place(testCharge(1_000n));
    // Two holds under one key and body at two prices (the same request at one price would share
    // one hold): the first capture charges the key, the second finds it charged.
    const same = testCharge(1_500n, { idempotencyKey: "k-1", requestHash: "h" });
    const [keyed, sameKey] = holdIds(
      await placeHolds(db.sql, companyId, [
        { request: same, now: NOW },
        { request: { ...same, amountMilli: 1_200n }, now: NOW },
      ]),
    ) as [string, string];
    const released = await place(testCharge(700n));
    expect(await releaseHold(db.sql, companyId, released, at(1))).toBe("released");
    const written: string[] = [];
    const inputs = [plain, keyed, sameKey, released].map((holdId, i) => ({
      holdId,
      now: at(10 + i),
      referenceId: `answer-${i}`,
      *alsoInTransaction() {
        written.push(holdId);
        yield* q.write(`UPDATE "Hold" SET "teamId" = ? WHERE "id" = ?`, [`written-${i}`, holdId]);
      },
    }));
    const outcomes = await captureHolds(db.sql, companyId, inputs);
    expect(outcomes.map((o) => o?.outcome)).toEqual(["charged", "charged", undefined, undefined]);
    expect(written).toEqual([plain, keyed]);
    expect(outcomes[1]).toMatchObject({ amountMilli: 1_500n, balanceAfterMilli: 7_500n });
    // The ones left out, one by one, as the app does after the batch commits.
    const sameKeyOutcome = await captureHold(db.sql, companyId, sameKey, at(20));
    expect(sameKeyOutcome).toMatchObject({ outcome: "exists", entryId: outcomes[1]?.outcome === "charged" ? outcomes[1].entryId : "" });
    expect(await captureHold(db.sql, companyId, released, at(20))).toMatchObject({ outcome: "charged", amountMilli: 700n });
    const states = await db.sql.rows(`SELECT "id", "state", "entryId" FROM "Hold" WHERE "companyId" = ? ORDER BY "createdAt", "id"`, [companyId], StateRow);
    expect(new Map(states.map((s) => [s.id, s.state]))).toEqual(
      new Map([
        [plain, "captured"],
        [keyed, "captured"],
        [sameKey, "released"],
        [released, "captured"],
      ]),
    );
    const summary = await getCreditSummary(db.sql, { companyId, now: at(20) });
    expect(summary).toMatchObject({ heldMilli: 0n, usedMilli: 3_200n, remainingMilli: 6_800n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("rolls the whole batch back when one capture's own work fails", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const holds = await placeHolds(db.sql, companyId, [
      { request: testCharge(1_000n), now: NOW },
      { request: testCharge(2_000n), now: NOW },
    ]);
    const ids = holdIds(holds);
    await expect(
      captureHolds(db.sql, companyId, [
        { holdId: ids[0]!, now: at(1) },
        {
          holdId: ids[1]!,
          now: at(1),
          // biome-ignore lint/correctness/useYield: fails before it writes
          *alsoInTransaction() {
            throw new Error("the brief could not be stored");
          },
        },
      ]),
    ).rejects.toThrow("the brief could not be stored");
    expect(await getCreditSummary(db.sql, { companyId, now: at(1) })).toMatchObject({ heldMilli: 3_000n, usedMilli: 0n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("captures a hold named twice in one batch once, and leaves the second to captureHold, which finds it captured", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    // Another hold on the same grant, so that a second release of the first's held part would
    // still find held credits there and go unnoticed.
    const holds = await placeHolds(db.sql, companyId, [
      { request: testCharge(1_000n), now: NOW },
      { request: testCharge(2_000n), now: NOW },
    ]);
    const [twice, other] = holdIds(holds);
    const outcomes = await captureHolds(db.sql, companyId, [
      { holdId: twice!, now: at(1) },
      { holdId: twice!, now: at(2) },
    ]);
    expect(outcomes.map((o) => o?.outcome)).toEqual(["charged", undefined]);
    expect(await captureHold(db.sql, companyId, twice!, at(3))).toMatchObject({ outcome: "exists", amountMilli: 1_000n });
    expect(await getCreditSummary(db.sql, { companyId, now: at(3) })).toMatchObject({ heldMilli: 2_000n, usedMilli: 1_000n, remainingMilli: 9_000n });
    expect(await captureHold(db.sql, companyId, other!, at(4))).toMatchObject({ outcome: "charged", amountMilli: 2_000n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  // 23:59:59.990 on 31 May and 00:00:00.010 on 1 June in New York, the test companies' zone.
  const MAY_END = new Date("2026-06-01T03:59:59.990Z");
  const JUNE_START = new Date("2026-06-01T04:00:00.010Z");

  it("decides a batch across local midnight in the first request's month: a hold that would take May past its budget is refused, and June's is left to placeHold", async () => {
    const { companyId } = await makeCompany(db.sql, MAY_END, { coreSeats: 1, perSeatCredits: 10 });
    await insertBudget(db.sql, companyId, { name: "Ask", scopeKind: "feature", scopeValue: "ask_anything_api", limitMilli: 5_000n }, MAY_END);
    const may = await placeHold(db.sql, companyId, testCharge(4_000n), new Date("2026-05-30T15:00:00.000Z"));
    expect(may.outcome).toBe("held");
    if (may.outcome === "held") await captureHold(db.sql, companyId, may.holdId, new Date("2026-05-30T15:00:00.001Z"));
    const outcomes = await placeHolds(db.sql, companyId, [
      // May has 1 of its 5 credits left: refused, as placeHold alone at this instant refuses it.
      { request: testCharge(2_000n), now: MAY_END },
      // June's budget is untouched; it is left for placeHold, at its own instant.
      { request: testCharge(3_000n), now: JUNE_START },
    ]);
    expect(outcomes[0]).toMatchObject({ outcome: "exceeds_budget", limitMilli: 5_000n, usedMilli: 4_000n, requiredMilli: 2_000n });
    expect(outcomes[1]).toBeUndefined();
    expect(await placeHold(db.sql, companyId, testCharge(3_000n), JUNE_START)).toMatchObject({ outcome: "held" });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("captures across local midnight only on the first capture's date, and leaves the next day's to captureHold", async () => {
    const { companyId } = await makeCompany(db.sql, MAY_END, { coreSeats: 1, perSeatCredits: 10 });
    const [a, b] = holdIds(
      await placeHolds(db.sql, companyId, [
        { request: testCharge(1_000n), now: new Date(MAY_END.getTime() - 5) },
        { request: testCharge(2_000n), now: new Date(MAY_END.getTime() - 4) },
      ]),
    );
    const outcomes = await captureHolds(db.sql, companyId, [
      { holdId: a!, now: MAY_END },
      { holdId: b!, now: JUNE_START },
    ]);
    expect(outcomes.map((o) => o?.outcome)).toEqual(["charged", undefined]);
    expect(await captureHold(db.sql, companyId, b!, JUNE_START)).toMatchObject({ outcome: "charged", amountMilli: 2_000n });
    // Each capture's usage is on its own local date.
    const days = await db.sql.rows(
      `SELECT "usageDate" AS "date", SUM("creditsMilli") AS "milli" FROM "UsageRecord" WHERE "companyId" = ? GROUP BY "usageDate" ORDER BY "usageDate"`,
      [companyId],
      shape({ date: col.text, milli: col.bigint }),
    );
    expect(days).toEqual([
      { date: "2026-05-31", milli: 1_000n },
      { date: "2026-06-01", milli: 2_000n },
    ]);
    await expectLedgerConsistent(db.sql, companyId);
  });
});
