// Grouped holds and captures through lib/billing on a real PostgreSQL (SQLite runs each alone):
// many requests of one company at once are taken in fewer transactions than requests, each
// request still gets its own answer, one request's failure reaches only that request, and the
// ledger stays exact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany, testCharge } from "../../test/support/companies";
import { freshDatabase } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import type { Database } from "../db";
import type { ChargeRequest } from "../ledger";
import { q } from "../sql";
import { col, shape } from "../sql/rows";
import { captureHold, getCreditSummary, groupStats, placeHold } from "./index";

const NOW = new Date("2026-05-12T14:00:00.000Z");
const CountRow = shape({ n: col.int });

describe("grouped holds and captures on postgresql", () => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase("postgresql");
  });
  afterAll(async () => {
    await db?.close();
  });

  /** A charged request as lib/ai runs one: hold, then capture with its own work in the capture's transaction. */
  async function chargedRequest(companyId: string, r: ChargeRequest, work?: () => void) {
    const hold = await placeHold(db.sql, companyId, r, NOW);
    if (hold.outcome !== "held") return hold;
    return captureHold(db.sql, companyId, hold.holdId, NOW, {
      referenceId: `answer-${hold.holdId}`,
      *alsoInTransaction(outcome) {
        work?.();
        yield* q.write(`UPDATE "Hold" SET "integration" = ? WHERE "id" = ?`, [outcome.outcome, hold.holdId]);
      },
    });
  }

  it("takes 120 requests of one company at once in fewer transactions, each charged once, to the last milli-credit", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 10, perSeatCredits: 100 });
    const before = structuredClone(groupStats(db.sql));
    const amounts = [1_300n, 700n, 2_100n];
    const outcomes = await Promise.all(Array.from({ length: 120 }, (_, i) => chargedRequest(companyId, testCharge(amounts[i % 3]!))));
    expect(outcomes.map((o) => o.outcome)).toEqual(outcomes.map(() => "charged"));
    const charged = outcomes.reduce((sum, o) => sum + (o.outcome === "charged" ? o.amountMilli : 0n), 0n);
    expect(charged).toBe(40n * (1_300n + 700n + 2_100n));
    const summary = await getCreditSummary(db.sql, { companyId, now: NOW });
    expect(summary).toMatchObject({ usedMilli: charged, heldMilli: 0n, remainingMilli: 1_000_000n - charged });
    // Every balance an answer reported is a balance the ledger passed through, once each.
    const balances = outcomes.map((o) => (o.outcome === "charged" ? o.balanceAfterMilli : -1n));
    expect(new Set(balances).size).toBe(120);
    const after = groupStats(db.sql);
    const holds = after.holds!.transactions - (before.holds?.transactions ?? 0);
    const captures = after.captures!.transactions - (before.captures?.transactions ?? 0);
    expect(holds).toBeLessThan(120);
    expect(captures).toBeLessThan(120);
    expect(after.captures!.largestBatch).toBeGreaterThan(1);
    // Each capture's own write committed with it.
    const written = await db.sql.row(`SELECT COUNT(*) AS n FROM "Hold" WHERE "companyId" = ? AND "integration" = 'charged'`, [companyId], CountRow);
    expect(written?.n).toBe(120);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("answers every request of a group across local midnight: the next day's are held alone, after the group, at their own instants", async () => {
    // 23:59:59.990 on 31 May and 00:00:00.010 on 1 June in New York, the test companies' zone.
    const mayEnd = new Date("2026-06-01T03:59:59.990Z");
    const juneStart = new Date("2026-06-01T04:00:00.010Z");
    const { companyId } = await makeCompany(db.sql, mayEnd, { coreSeats: 10, perSeatCredits: 100 });
    const before = structuredClone(groupStats(db.sql));
    const nows = Array.from({ length: 21 }, (_, i) => (i % 2 === 0 ? mayEnd : juneStart));
    const outcomes = await Promise.all(nows.map((now) => placeHold(db.sql, companyId, testCharge(1_000n), now)));
    expect(outcomes.map((o) => o.outcome)).toEqual(nows.map(() => "held"));
    const after = groupStats(db.sql);
    expect(after.holds!.transactions - (before.holds?.transactions ?? 0)).toBeLessThan(21);
    const held = outcomes.map((o) => (o.outcome === "held" ? o.holdId : ""));
    const times = await db.sql.rows(`SELECT "id", "createdAt" FROM "Hold" WHERE "companyId" = ?`, [companyId], shape({ id: col.text, createdAt: col.date }));
    const createdAt = new Map(times.map((t) => [t.id, t.createdAt.getTime()]));
    expect(held.map((id) => createdAt.get(id))).toEqual(nows.map((n) => n.getTime()));
    expect(await getCreditSummary(db.sql, { companyId, now: juneStart })).toMatchObject({ heldMilli: 21_000n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it.each([
    ["a TypeError", TypeError],
    ["a plain Error", Error],
  ])("fails only the request whose own work failed with %s: the others in its group are charged, its hold stays held", async (_what, Kind) => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 10, perSeatCredits: 100 });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        chargedRequest(companyId, testCharge(1_000n), () => {
          if (i === 17) throw new Kind("the answer could not be stored");
        }),
      ),
    );
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [[i, (r.reason as Error).message]] : []));
    expect(failed).toEqual([[17, "the answer could not be stored"]]);
    const summary = await getCreditSummary(db.sql, { companyId, now: NOW });
    expect(summary).toMatchObject({ usedMilli: 39_000n, heldMilli: 1_000n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("charges a key once when its requests arrive together: the second is answered with the first charge", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 100 });
    const keyed = testCharge(2_000n, { idempotencyKey: "api-ask:same", requestHash: "h" });
    const outcomes = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => chargedRequest(companyId, testCharge(500n, { idempotencyKey: `api-ask:other-${i}`, requestHash: "h" }))),
      chargedRequest(companyId, keyed),
      chargedRequest(companyId, keyed),
    ]);
    const same = outcomes.slice(6);
    expect(same.map((o) => o.outcome).sort()).toEqual(["charged", "exists"]);
    const entryIds = same.map((o) => (o.outcome === "charged" || o.outcome === "exists" ? o.entryId : ""));
    expect(entryIds[0]).toBe(entryIds[1]);
    expect(await getCreditSummary(db.sql, { companyId, now: NOW })).toMatchObject({ usedMilli: 5_000n, heldMilli: 0n });
    await expectLedgerConsistent(db.sql, companyId);
  });
});
