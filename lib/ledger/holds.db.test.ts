// Holds for charged requests (R-HOLD-1) on both databases, from several database handles at
// once: held credits are spendable by nobody else, so held and captured together never pass what
// there was; releases give back exactly what was held; capture and release are idempotent; a
// capture whose grant expired meanwhile draws that part elsewhere or is refused whole; a hold
// left by a process that died is released by the ledger job; a processing failure charges
// nothing.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, makeCompany, testCharge } from "../../test/support/companies";
import { freshDatabaseUrl, PROVIDERS } from "../../test/support/databases";
import { expectLedgerConsistent } from "../../test/support/ledger-invariants";
import { failingWhen } from "../ai/processor";
import { askAnything } from "../ai/requests";
import type { Actor } from "../auth/authorize";
import { captureHold, charge, getCreditSummary, HOLD_TTL_MS, placeHold, recordPurchase, releaseHold, settleDueAccounts } from "../billing";
import { type Database, openDatabase } from "../db";
import { databaseConfig } from "../db-config";
import { ingestCalls } from "../ingest";
import { LEDGER_JOB_EVERY_MS } from "../jobs/background";
import type { SqlDatabase } from "../sql";
import { col, shape } from "../sql/rows";
import * as ledger from "./index";
import type { AfterChange } from "./types";

const NOW = new Date("2026-05-12T14:00:00.000Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

const SumRow = shape({ n: col.int, total: col.bigint });
const HoldStateRow = shape({ state: col.text, entryId: col.textOrNull });

/** Held now (by the Hold rows), and what the captures charged. */
async function holdTotals(sql: SqlDatabase, companyId: string) {
  const sum = async (state: string) =>
    (await sql.row(
      `SELECT COUNT(*) AS n, COALESCE(SUM("amountMilli"), 0) AS total FROM "Hold" WHERE "companyId" = ? AND "state" = ?`,
      [companyId, state],
      SumRow,
    ))!;
  return { held: await sum("held"), captured: await sum("captured"), released: await sum("released") };
}

describe.each(PROVIDERS)("holds on %s", (provider) => {
  let url: string;
  let handles: Database[];
  let db: Database;
  beforeAll(async () => {
    url = await freshDatabaseUrl(provider);
    handles = [0, 1, 2].map(() => openDatabase(databaseConfig(url)));
    db = handles[0]!;
  });
  afterAll(async () => {
    for (const h of handles ?? []) await h.close();
  });
  const sqlOf = (i: number) => handles[i % handles.length]!.sql;

  /** Held credits and charges together never pass what there was; the grants hold what the holds say. */
  async function expectWithinBalance(companyId: string, initialMilli: bigint, now: Date) {
    const summary = await getCreditSummary(db.sql, { companyId, now });
    const totals = await holdTotals(db.sql, companyId);
    expect(summary.heldMilli).toBe(totals.held.total);
    expect(summary.usedMilli).toBe(totals.captured.total);
    expect(summary.remainingMilli + summary.usedMilli).toBe(initialMilli);
    expect(totals.held.total + summary.usedMilli <= initialMilli).toBe(true);
    await expectLedgerConsistent(db.sql, companyId);
    return { summary, totals };
  }

  it("50 concurrent held requests never hold and capture more than there was, and releases restore exactly", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 2, perSeatCredits: 10 });
    const initial = 20_000n;
    const amounts = [700n, 1_000n, 1_300n];

    // Phase 1: 50 holds at once from three handles; 50 credits asked of 20.
    const placed = await Promise.all(Array.from({ length: 50 }, (_, i) => placeHold(sqlOf(i), companyId, testCharge(amounts[i % 3]!), NOW)));
    const held = placed.flatMap((o) => (o.outcome === "held" ? [o] : []));
    const refused = placed.flatMap((o) => (o.outcome === "exceeds_credits" ? [o] : []));
    expect(held.length + refused.length).toBe(50);
    expect(refused.length).toBeGreaterThan(0);
    let { summary } = await expectWithinBalance(companyId, initial, NOW);
    expect(summary.heldMilli).toBe(held.reduce((s, h) => s + h.amountMilli, 0n));
    // Holding only ever lowered what could be spent, so whatever was refused did not fit at the end either.
    const spendable = summary.remainingMilli - summary.heldMilli;
    for (const r of refused) expect(spendable < r.requiredMilli).toBe(true);
    expect(summary.usedMilli).toBe(0n);

    // Phase 2: half the holds captured, half released, while 20 more requests try to hold.
    const toCapture = held.filter((_, i) => i % 2 === 0);
    const toRelease = held.filter((_, i) => i % 2 === 1);
    const [captures, releases, more] = await Promise.all([
      Promise.all(toCapture.map((h, i) => captureHold(sqlOf(i), companyId, h.holdId, later(1_000)))),
      Promise.all(toRelease.map((h, i) => releaseHold(sqlOf(i + 1), companyId, h.holdId, later(1_000)))),
      Promise.all(Array.from({ length: 20 }, (_, i) => placeHold(sqlOf(i + 2), companyId, testCharge(amounts[i % 3]!), later(1_000)))),
    ]);
    expect(captures.map((c) => c.outcome)).toEqual(toCapture.map(() => "charged"));
    expect(releases).toEqual(toRelease.map(() => "released"));
    const capturedMilli = toCapture.reduce((s, h) => s + h.amountMilli, 0n);
    ({ summary } = await expectWithinBalance(companyId, initial, later(1_000)));
    expect(summary.usedMilli).toBe(capturedMilli);
    const stillHeld = more.flatMap((o) => (o.outcome === "held" ? [o] : []));
    expect(summary.heldMilli).toBe(stillHeld.reduce((s, h) => s + h.amountMilli, 0n));

    // Phase 3: the rest released, each twice at once: what they held comes back exactly, once.
    const finalReleases = await Promise.all(
      stillHeld.flatMap((h, i) => [releaseHold(sqlOf(i), companyId, h.holdId, later(2_000)), releaseHold(sqlOf(i + 1), companyId, h.holdId, later(2_000))]),
    );
    expect(finalReleases.filter((r) => r === "released")).toHaveLength(stillHeld.length);
    expect(finalReleases.filter((r) => r === "already_released")).toHaveLength(stillHeld.length);
    ({ summary } = await expectWithinBalance(companyId, initial, later(2_000)));
    expect(summary.heldMilli).toBe(0n);
    expect(summary.remainingMilli).toBe(initial - capturedMilli);
    const used = await db.sql.row(
      `SELECT COUNT(*) AS n, COALESCE(SUM("amountMilli"), 0) AS total FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used'`,
      [companyId],
      SumRow,
    );
    expect(used).toEqual({ n: toCapture.length, total: -capturedMilli });
  });

  it("captures once and releases once: a second capture answers the first charge, a release after capture or a second release does nothing", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const hold = await placeHold(db.sql, companyId, testCharge(2_500n), NOW);
    expect(hold.outcome).toBe("held");
    if (hold.outcome !== "held") return;
    // Two captures at once from two handles, then a third: one charge.
    const [first, second] = await Promise.all([captureHold(sqlOf(0), companyId, hold.holdId, NOW), captureHold(sqlOf(1), companyId, hold.holdId, NOW)]);
    const charged = [first, second].find((c) => c.outcome === "charged");
    const replayed = [first, second].find((c) => c.outcome === "exists");
    expect(charged).toBeDefined();
    expect(replayed).toMatchObject({ outcome: "exists", entryId: charged!.outcome === "charged" ? charged!.entryId : "", amountMilli: 2_500n });
    const third = await captureHold(db.sql, companyId, hold.holdId, later(1_000));
    expect(third).toMatchObject({ outcome: "exists", entryId: replayed!.outcome === "exists" ? replayed!.entryId : "", amountMilli: 2_500n });
    expect(await releaseHold(db.sql, companyId, hold.holdId, later(2_000))).toBe("captured");
    let summary = await getCreditSummary(db.sql, { companyId, now: later(2_000) });
    expect(summary).toMatchObject({ usedMilli: 2_500n, heldMilli: 0n, remainingMilli: 7_500n });

    const other = await placeHold(db.sql, companyId, testCharge(1_000n), NOW);
    if (other.outcome !== "held") throw new Error(`expected a hold, got ${other.outcome}`);
    expect((await getCreditSummary(db.sql, { companyId, now: NOW })).heldMilli).toBe(1_000n);
    expect(await Promise.all([releaseHold(sqlOf(0), companyId, other.holdId, NOW), releaseHold(sqlOf(1), companyId, other.holdId, NOW)])).toEqual(
      expect.arrayContaining(["released", "already_released"]),
    );
    expect(await releaseHold(db.sql, companyId, other.holdId, NOW)).toBe("already_released");
    summary = await getCreditSummary(db.sql, { companyId, now: NOW });
    expect(summary).toMatchObject({ usedMilli: 2_500n, heldMilli: 0n, remainingMilli: 7_500n });
    const entries = await db.sql.row(
      `SELECT COUNT(*) AS n, COALESCE(SUM("amountMilli"), 0) AS total FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used'`,
      [companyId],
      SumRow,
    );
    expect(entries).toEqual({ n: 1, total: -2_500n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("a hold and a release leave the account row as it was; a capture writes it", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const AccountRow = shape({ balanceMilli: col.bigint, lastSeq: col.int, updatedAt: col.date });
    const account = async () =>
      (await db.sql.row(`SELECT "balanceMilli", "lastSeq", "updatedAt" FROM "CreditAccount" WHERE "companyId" = ?`, [companyId], AccountRow))!;
    const opened = await account();
    const hold = await placeHold(db.sql, companyId, testCharge(2_000n), later(1_000));
    const other = await placeHold(db.sql, companyId, testCharge(1_000n), later(2_000));
    if (hold.outcome !== "held" || other.outcome !== "held") throw new Error("both holds must be held");
    expect(await releaseHold(db.sql, companyId, other.holdId, later(3_000))).toBe("released");
    expect(await account()).toEqual(opened);
    expect((await getCreditSummary(db.sql, { companyId, now: later(3_000) })).heldMilli).toBe(2_000n);
    expect(await captureHold(db.sql, companyId, hold.holdId, later(4_000))).toMatchObject({ outcome: "charged", balanceAfterMilli: 8_000n });
    expect(await account()).toEqual({ balanceMilli: 8_000n, lastSeq: opened.lastSeq + 1, updatedAt: later(4_000) });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("a replay after capture captures nothing: the same key answers exists, another body is refused", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const keyed = testCharge(1_500n, { idempotencyKey: "api-ask:order-7", requestHash: "hash-a" });
    const hold = await placeHold(db.sql, companyId, keyed, NOW);
    if (hold.outcome !== "held") throw new Error(`expected a hold, got ${hold.outcome}`);
    const captured = await captureHold(db.sql, companyId, hold.holdId, NOW, { referenceId: "answer-7" });
    expect(captured.outcome).toBe("charged");
    if (captured.outcome !== "charged") return;
    // The replay names the first charge and the answer it was booked under.
    const replay = await placeHold(db.sql, companyId, keyed, later(1_000));
    expect(replay).toEqual({ outcome: "exists", entryId: captured.entryId, referenceId: "answer-7", amountMilli: 1_500n, balanceAfterMilli: 8_500n });
    expect(await placeHold(db.sql, companyId, { ...keyed, requestHash: "hash-b" }, later(1_000))).toEqual({
      outcome: "exists_with_different_body",
      entryId: captured.entryId,
    });
    expect(await getCreditSummary(db.sql, { companyId, now: later(1_000) })).toMatchObject({ usedMilli: 1_500n, heldMilli: 0n });
    expect((await holdTotals(db.sql, companyId)).held.n).toBe(0);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("two requests under one key at once share one hold and are charged once: the second capture answers the first charge", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const keyed = testCharge(2_000n, { idempotencyKey: "api-ask:twice-at-once", requestHash: "hash-a" });
    const [a, b] = await Promise.all([placeHold(sqlOf(0), companyId, keyed, NOW), placeHold(sqlOf(1), companyId, keyed, NOW)]);
    if (a.outcome !== "held" || b.outcome !== "held") throw new Error(`expected two holds, got ${a.outcome} and ${b.outcome}`);
    // The second, under the account lock after the first, takes the first's hold over.
    expect(b.holdId).toBe(a.holdId);
    expect(await getCreditSummary(db.sql, { companyId, now: NOW })).toMatchObject({ heldMilli: 2_000n });
    const first = await captureHold(db.sql, companyId, a.holdId, NOW, { referenceId: "answer-a" });
    expect(first.outcome).toBe("charged");
    const second = await captureHold(db.sql, companyId, b.holdId, NOW, { referenceId: "answer-b" });
    expect(second).toEqual({
      outcome: "exists",
      entryId: first.outcome === "charged" ? first.entryId : "",
      referenceId: "answer-a",
      amountMilli: 2_000n,
      balanceAfterMilli: 8_000n,
    });
    expect(await getCreditSummary(db.sql, { companyId, now: NOW })).toMatchObject({ usedMilli: 2_000n, heldMilli: 0n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("a retry of a request whose process died before capturing takes its hold over: held once, though too little is left for a second", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const keyed = testCharge(8_000n, { idempotencyKey: "api-ask:retried", requestHash: "hash-a" });
    const dead = await placeHold(db.sql, companyId, keyed, NOW);
    if (dead.outcome !== "held") throw new Error(`expected a hold, got ${dead.outcome}`);
    // A minute later the client retries: 2 credits are left unheld, but the request's own hold is
    // taken over and lives on from the retry.
    const retry = await placeHold(db.sql, companyId, keyed, later(60_000));
    expect(retry).toEqual({ outcome: "held", holdId: dead.holdId, amountMilli: 8_000n });
    expect(await getCreditSummary(db.sql, { companyId, now: later(60_000) })).toMatchObject({ remainingMilli: 10_000n, heldMilli: 8_000n });
    const ExpiresRow = shape({ expiresAt: col.date });
    expect(await db.sql.row(`SELECT "expiresAt" FROM "Hold" WHERE "id" = ?`, [dead.holdId], ExpiresRow)).toEqual({ expiresAt: later(60_000 + HOLD_TTL_MS) });
    // Another body, or another price, under the key is not the same request: it holds on its own.
    expect(await placeHold(db.sql, companyId, { ...keyed, requestHash: "hash-b" }, later(60_000))).toMatchObject({ outcome: "exceeds_credits" });
    expect(await placeHold(db.sql, companyId, { ...keyed, amountMilli: 1_000n }, later(60_000))).toMatchObject({ outcome: "held" });
    expect(await captureHold(db.sql, companyId, retry.outcome === "held" ? retry.holdId : "", later(61_000))).toMatchObject({
      outcome: "charged",
      amountMilli: 8_000n,
    });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("a capture after the hold's grant expired draws that part from another grant", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const soon = await recordPurchase(
      db.sql,
      { companyId, creditsMilli: 2_000n, orderReference: `soon-${companyId}`, purchasedAt: NOW, availableFrom: NOW, expiresAt: later(3_600_000) },
      NOW,
    );
    const hold = await placeHold(db.sql, companyId, testCharge(3_000n), NOW);
    if (hold.outcome !== "held") throw new Error(`expected a hold, got ${hold.outcome}`);
    const parts = await db.sql.rows(
      `SELECT "grantId", "amountMilli" FROM "HoldAllocation" WHERE "holdId" = ? ORDER BY "amountMilli"`,
      [hold.holdId],
      shape({ grantId: col.text, amountMilli: col.bigint }),
    );
    expect(parts).toEqual([
      { grantId: expect.any(String), amountMilli: 1_000n },
      { grantId: soon.grantId, amountMilli: 2_000n },
    ]);
    const defaultGrant = parts[0]!.grantId;
    // The soonest grant expires while the request is processed: its 2 credits leave the balance.
    const at = later(2 * 3_600_000);
    const captured = await captureHold(db.sql, companyId, hold.holdId, at);
    expect(captured).toMatchObject({
      outcome: "charged",
      amountMilli: 3_000n,
      balanceAfterMilli: 7_000n,
      allocations: [{ grantId: defaultGrant, amountMilli: 3_000n }],
    });
    expect(await getCreditSummary(db.sql, { companyId, now: at })).toMatchObject({ remainingMilli: 7_000n, heldMilli: 0n });
    const expired = await db.sql.row(
      `SELECT "amountMilli" FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'expired' AND "grantId" = ?`,
      [companyId, soon.grantId],
      shape({ amountMilli: col.bigint }),
    );
    expect(expired).toEqual({ amountMilli: -2_000n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("a capture after the hold's grant expired is refused whole when the part no longer fits elsewhere", async () => {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    await recordPurchase(
      db.sql,
      { companyId, creditsMilli: 4_000n, orderReference: `short-${companyId}`, purchasedAt: NOW, availableFrom: NOW, expiresAt: later(3_600_000) },
      NOW,
    );
    // 12 credits held: 4 on the purchase, 8 of the default grant's 10.
    const hold = await placeHold(db.sql, companyId, testCharge(12_000n), NOW);
    if (hold.outcome !== "held") throw new Error(`expected a hold, got ${hold.outcome}`);
    const at = later(2 * 3_600_000);
    // The purchase expired: 4 credits must come from elsewhere, and only 2 are left unheld.
    const outcome = await captureHold(db.sql, companyId, hold.holdId, at);
    expect(outcome).toEqual({ outcome: "exceeds_credits", requiredMilli: 12_000n, availableMilli: 10_000n });
    expect(await getCreditSummary(db.sql, { companyId, now: at })).toMatchObject({ remainingMilli: 10_000n, heldMilli: 0n, usedMilli: 0n });
    expect(await db.sql.row(`SELECT "state", "entryId" FROM "Hold" WHERE "id" = ?`, [hold.holdId], HoldStateRow)).toEqual({ state: "released", entryId: null });
    expect((await db.sql.row(`SELECT COUNT(*) AS n, 0 AS total FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used'`, [companyId], SumRow))!.n).toBe(0);
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("the ledger job releases a hold whose process was killed before capturing, once it expires", async () => {
    // A database of its own: the job releases every company's expired holds, and counts them.
    const ownUrl = await freshDatabaseUrl(provider);
    const own = openDatabase(databaseConfig(ownUrl));
    try {
      await killedHoldIsReleased(own, ownUrl);
    } finally {
      await own.close();
    }
  });

  it("releases a dead process's hold within 10 minutes: it expires before the last ledger job run that could release it", () => {
    expect(HOLD_TTL_MS + LEDGER_JOB_EVERY_MS).toBeLessThanOrEqual(10 * 60_000);
  });

  it("the ledger job goes on past a company it cannot settle: the others are settled and their holds released, and the failures are thrown together", async () => {
    const own = openDatabase(databaseConfig(await freshDatabaseUrl(provider)));
    try {
      const a = (await makeCompany(own.sql, NOW, { coreSeats: 1, perSeatCredits: 10 })).companyId;
      const b = (await makeCompany(own.sql, NOW, { coreSeats: 1, perSeatCredits: 10 })).companyId;
      const holdA = await placeHold(own.sql, a, testCharge(3_000n), NOW);
      const holdB = await placeHold(own.sql, b, testCharge(3_000n), NOW);
      if (holdA.outcome !== "held" || holdB.outcome !== "held") throw new Error("expected two holds");
      // Both companies due now, as when a purchase's availability starts.
      await own.sql.run(`UPDATE "CreditAccount" SET "nextEventAt" = ?`, [NOW]);
      // What follows every change of company A fails (its settling and its hold's release).
      const failing: AfterChange = function* (change) {
        if (change.companyId === a) throw new Error("company A's follow-up failed");
        yield* [];
      };
      const at = later(HOLD_TTL_MS);

      const error = await ledger.settleDueAccounts(own.sql, at, { afterChange: failing }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AggregateError);
      expect((error as AggregateError).errors.map((e: Error) => [e.message, (e.cause as Error).message])).toEqual([
        [`settling company ${a} failed`, "company A's follow-up failed"],
        [`releasing expired hold ${holdA.holdId} of company ${a} failed`, "company A's follow-up failed"],
      ]);
      const state = (id: string) => own.sql.row(`SELECT "state", "entryId" FROM "Hold" WHERE "id" = ?`, [id], HoldStateRow);
      expect(await state(holdA.holdId)).toEqual({ state: "held", entryId: null });
      expect(await state(holdB.holdId)).toEqual({ state: "released", entryId: null });
      const DueRow = shape({ companyId: col.text });
      const due = () => own.sql.rows(`SELECT "companyId" FROM "CreditAccount" WHERE "nextEventAt" <= ? ORDER BY "companyId"`, [at], DueRow);
      expect(await due()).toEqual([{ companyId: a }]);

      // The next run, with nothing failing, does what is left.
      expect(await settleDueAccounts(own.sql, at)).toEqual({ companiesSettled: 1, holdsReleased: 1 });
      expect(await state(holdA.holdId)).toEqual({ state: "released", entryId: null });
      expect(await due()).toEqual([]);
      for (const companyId of [a, b]) await expectLedgerConsistent(own.sql, companyId);
    } finally {
      await own.close();
    }
  });

  async function killedHoldIsReleased(db: Database, url: string) {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("test/support/hold-worker.ts"), url, companyId, "3000"], {
      env: { ...process.env, HOLD_NOW: NOW.toISOString() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("\n")) resolve(out.trim());
      });
      child.once("exit", () => reject(new Error(`the hold worker exited before placing its hold: ${stderr}`)));
    });
    const { outcome, holdId } = JSON.parse(line) as { outcome: string; holdId: string };
    expect(outcome).toBe("held");
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // Its credits stay held, spendable by nobody, until the hold's time is up.
    expect(await getCreditSummary(db.sql, { companyId, now: NOW })).toMatchObject({ remainingMilli: 10_000n, heldMilli: 3_000n });
    expect(await placeHold(db.sql, companyId, testCharge(8_000n), NOW)).toMatchObject({ outcome: "exceeds_credits", availableMilli: 7_000n });
    expect((await settleDueAccounts(db.sql, later(HOLD_TTL_MS - 1))).holdsReleased).toBe(0);
    expect(await db.sql.row(`SELECT "state", "entryId" FROM "Hold" WHERE "id" = ?`, [holdId], HoldStateRow)).toEqual({ state: "held", entryId: null });
    expect((await settleDueAccounts(db.sql, later(HOLD_TTL_MS))).holdsReleased).toBe(1);
    expect(await db.sql.row(`SELECT "state", "entryId" FROM "Hold" WHERE "id" = ?`, [holdId], HoldStateRow)).toEqual({ state: "released", entryId: null });
    expect(await getCreditSummary(db.sql, { companyId, now: later(HOLD_TTL_MS) })).toMatchObject({ remainingMilli: 10_000n, heldMilli: 0n, usedMilli: 0n });
    expect((await settleDueAccounts(db.sql, later(HOLD_TTL_MS + 60_000))).holdsReleased).toBe(0);
    await expectLedgerConsistent(db.sql, companyId);
  }

  it("a hold that is the first to see a new contract year runs what follows it: usage alerts re-arm", async () => {
    // A term that started at local midnight on 2025-05-20: its second year starts 2026-05-20 04:00 UTC.
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10, termStartsAt: new Date("2025-05-20T04:00:00Z") });
    expect((await charge(db.sql, companyId, testCharge(7_000n), NOW)).outcome).toBe("charged");
    const fired = async () => (await db.prisma.thresholdState.findMany({ where: { companyId }, orderBy: { percent: "asc" } })).map((t) => t.percent);
    expect(await fired()).toEqual([60]);
    // The new year resets the default credits and issues new ones: usage is back at 0%.
    const nextYear = new Date("2026-05-20T04:01:00Z");
    const hold = await placeHold(db.sql, companyId, testCharge(1_000n), nextYear);
    expect(hold.outcome).toBe("held");
    expect(await fired()).toEqual([]);
    if (hold.outcome === "held") await releaseHold(db.sql, companyId, hold.holdId, nextYear);
    expect((await charge(db.sql, companyId, testCharge(6_000n), nextYear)).outcome).toBe("charged");
    expect(await fired()).toEqual([60]);
    await expectLedgerConsistent(db.sql, companyId);
  });

  /** A company with 10 credits, a member to ask, and a call of 15 minutes ("c1", 1 credit a request). */
  async function memberWithCall(): Promise<{ companyId: string; actor: Actor }> {
    const { companyId } = await makeCompany(db.sql, NOW, { coreSeats: 1, perSeatCredits: 10 });
    await db.prisma.user.create({ data: { id: `m-${companyId}`, email: `m-${companyId}@holds.test`, name: "m", role: "member", companyId } });
    await ingestCalls(db.sql, {
      companyId,
      calls: [{ externalId: "c1", startedAt: NOW.toISOString(), durationSeconds: 900, transcript: "Pricing came up." }],
      now: NOW,
    });
    return { companyId, actor: { userId: `m-${companyId}`, email: `m-${companyId}@holds.test`, name: "m", role: "member", companyId, via: "api_key" } };
  }

  it("a processing failure charges nothing: 502 processing_failed, the hold released, the balance as it was", async () => {
    const { companyId, actor } = await memberWithCall();
    const ctx = { actor, companyId, channel: { kind: "api" as const }, now: NOW, processor: failingWhen("FAIL") };
    const before = await db.sql.row(`SELECT COUNT(*) AS n, 0 AS total FROM "LedgerEntry" WHERE "companyId" = ?`, [companyId], SumRow);

    const failure = await askAnything(db, ctx, { question: "FAIL on pricing?", callIds: ["c1"] }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: "AppError", code: "processing_failed", status: 502 });
    expect(await getCreditSummary(db.sql, { companyId, now: NOW })).toMatchObject({ remainingMilli: 10_000n, heldMilli: 0n, usedMilli: 0n });
    expect(await db.sql.row(`SELECT COUNT(*) AS n, 0 AS total FROM "LedgerEntry" WHERE "companyId" = ?`, [companyId], SumRow)).toEqual(before);
    expect(await db.sql.rows(`SELECT "state", "entryId" FROM "Hold" WHERE "companyId" = ?`, [companyId], HoldStateRow)).toEqual([
      { state: "released", entryId: null },
    ]);
    expect((await db.sql.row(`SELECT COUNT(*) AS n, 0 AS total FROM "UsageRecord" WHERE "companyId" = ?`, [companyId], SumRow))!.n).toBe(0);

    // The same processor answers a question without the marker, and that one is charged.
    const answer = await askAnything(db, { ...ctx, now: later(DAY / 24) }, { question: "pricing?", callIds: ["c1"] });
    expect(answer.creditsChargedMilli).toBe(1_000n);
    expect(await getCreditSummary(db.sql, { companyId, now: later(DAY / 24) })).toMatchObject({ remainingMilli: 9_000n, heldMilli: 0n });
    await expectLedgerConsistent(db.sql, companyId);
  });

  it("a capture that fails releases the hold at once: its credits are not kept from others until it expires", async () => {
    const { companyId, actor } = await memberWithCall();
    // The request's own write in the capture's transaction fails (here, its idempotency record).
    const lost = new Error("the idempotency record could not be written");
    const ctx = {
      actor,
      companyId,
      channel: { kind: "api" as const },
      now: NOW,
      // biome-ignore lint/correctness/useYield: it fails before it writes
      complete: function* (): Generator<never, void, unknown> {
        throw lost;
      },
    };

    expect(await askAnything(db, ctx, { question: "pricing?", callIds: ["c1"] }).catch((e: unknown) => e)).toBe(lost);
    expect(await db.sql.rows(`SELECT "state", "entryId" FROM "Hold" WHERE "companyId" = ?`, [companyId], HoldStateRow)).toEqual([
      { state: "released", entryId: null },
    ]);
    expect(await getCreditSummary(db.sql, { companyId, now: NOW })).toMatchObject({ remainingMilli: 10_000n, heldMilli: 0n, usedMilli: 0n });
    // All ten credits can be held again at once, not nine until the failed request's hold expires.
    expect(await placeHold(db.sql, companyId, testCharge(10_000n), NOW)).toMatchObject({ outcome: "held" });
    await expectLedgerConsistent(db.sql, companyId);
  });
});
