// Checks a company's ledger against its invariants: entries chain without gaps, the account's
// balance equals the last entry's and what remains on active grants, every split sums to its
// charge, and no grant is below zero or above its amount.
import { expect } from "vitest";
import { type SqlReader, toBigInt, toNumber } from "../../lib/sql";

export async function expectLedgerConsistent(sql: SqlReader, companyId: string) {
  const entries = await sql.all(
    `SELECT "id", "seq", "kind", "amountMilli", "balanceBeforeMilli", "balanceAfterMilli", "at" FROM "LedgerEntry" WHERE "companyId" = ? ORDER BY "seq"`,
    [companyId],
  );
  let previousAfter = 0n;
  let previousAt = "";
  entries.forEach((e, i) => {
    expect(toNumber(e.seq)).toBe(i + 1);
    expect(toBigInt(e.balanceBeforeMilli)).toBe(previousAfter);
    expect(toBigInt(e.balanceAfterMilli)).toBe(toBigInt(e.balanceBeforeMilli) + toBigInt(e.amountMilli));
    expect(toBigInt(e.balanceAfterMilli) >= 0n).toBe(true);
    const at = new Date(e.at as string).toISOString();
    expect(at >= previousAt).toBe(true);
    previousAt = at;
    previousAfter = toBigInt(e.balanceAfterMilli);
  });
  const account = await sql.get(`SELECT "balanceMilli", "lastSeq" FROM "CreditAccount" WHERE "companyId" = ?`, [companyId]);
  expect(toBigInt(account!.balanceMilli)).toBe(previousAfter);
  expect(toNumber(account!.lastSeq)).toBe(entries.length);
  const grants = await sql.all(`SELECT "amountMilli", "remainingMilli", "status" FROM "CreditGrant" WHERE "companyId" = ?`, [companyId]);
  let activeSum = 0n;
  for (const g of grants) {
    const remaining = toBigInt(g.remainingMilli);
    expect(remaining >= 0n && remaining <= toBigInt(g.amountMilli)).toBe(true);
    if (g.status === "active") activeSum += remaining;
  }
  expect(activeSum).toBe(previousAfter);
  const splits = await sql.all(
    `SELECT e."kind", e."amountMilli" AS amount, COALESCE(SUM(a."amountMilli"), 0) AS split
       FROM "LedgerEntry" e LEFT JOIN "LedgerAllocation" a ON a."entryId" = e."id"
      WHERE e."companyId" = ? AND e."grantId" IS NULL GROUP BY e."id", e."kind", e."amountMilli"`,
    [companyId],
  );
  for (const s of splits) {
    // A refund returns its parts to their grants; what of it landed on a closed grant expires
    // at once in an entry of its own, with no split. Every other entry is drawn from its split.
    if (s.kind === "refunded") expect(toBigInt(s.split)).toBe(toBigInt(s.amount));
    else if (s.kind === "expired") expect(toBigInt(s.split)).toBe(0n);
    else expect(toBigInt(s.split)).toBe(-toBigInt(s.amount));
  }
  // The per-day totals are the usage records summed.
  const usage = await sql.get(`SELECT COALESCE(SUM("creditsMilli"), 0) AS s FROM "UsageRecord" WHERE "companyId" = ?`, [companyId]);
  const days = await sql.get(`SELECT COALESCE(SUM("creditsMilli"), 0) AS s FROM "UsageDayTotal" WHERE "companyId" = ?`, [companyId]);
  expect(toBigInt(days!.s)).toBe(toBigInt(usage!.s));
  return { entries: entries.length, balanceMilli: previousAfter };
}
