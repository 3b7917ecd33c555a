// Checks a company's ledger against its invariants: entries chain without gaps, the account's
// balance equals the last entry's and what remains on active grants, every split sums to its
// entry, no grant holds more than remains on it or keeps more than its amount, every refund
// reverses one charge by exactly its amount, the usage per feature that budgets read is the
// usage report less what was refunded, and each contract year has one default grant at most
// (the newest of them is the account's lastDefaultYear).
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
  const account = await sql.get(`SELECT "balanceMilli", "lastSeq", "lastDefaultYear" FROM "CreditAccount" WHERE "companyId" = ?`, [companyId]);
  expect(toBigInt(account!.balanceMilli)).toBe(previousAfter);
  expect(toNumber(account!.lastSeq)).toBe(entries.length);
  const grants = await sql.all(`SELECT "id", "amountMilli", "remainingMilli", "heldMilli", "status" FROM "CreditGrant" WHERE "companyId" = ?`, [companyId]);
  let activeSum = 0n;
  for (const g of grants) {
    const remaining = toBigInt(g.remainingMilli);
    const held = toBigInt(g.heldMilli);
    expect(remaining >= 0n && remaining <= toBigInt(g.amountMilli), `grant ${g.id}: 0 <= remaining <= amount`).toBe(true);
    expect(held >= 0n && held <= remaining, `grant ${g.id}: 0 <= held <= remaining`).toBe(true);
    if (g.status !== "active") expect(held, `grant ${g.id}: a grant that is not active holds nothing`).toBe(0n);
    if (g.status === "active") activeSum += remaining;
  }
  // What the grants hold is what the open holds say they hold.
  const holds = await sql.get(
    `SELECT COALESCE(SUM(a."amountMilli"), 0) AS s FROM "HoldAllocation" a JOIN "Hold" h ON h."id" = a."holdId" JOIN "CreditGrant" g ON g."id" = a."grantId"
      WHERE h."companyId" = ? AND h."state" = 'held' AND g."status" = 'active'`,
    [companyId],
  );
  const held = await sql.get(`SELECT COALESCE(SUM("heldMilli"), 0) AS s FROM "CreditGrant" WHERE "companyId" = ?`, [companyId]);
  expect(toBigInt(held!.s)).toBe(toBigInt(holds!.s));
  expect(activeSum).toBe(previousAfter);
  const defaults = await sql.all(`SELECT "contractYear" FROM "CreditGrant" WHERE "companyId" = ? AND "kind" = 'default' ORDER BY "contractYear"`, [companyId]);
  const years = defaults.map((g) => (g.contractYear === null ? null : toNumber(g.contractYear)));
  expect(years).not.toContain(null);
  expect(new Set(years).size).toBe(years.length);
  const lastDefaultYear = account!.lastDefaultYear === null ? null : toNumber(account!.lastDefaultYear);
  expect(lastDefaultYear).toBe(years.length ? years[years.length - 1] : null);
  const splits = await sql.all(
    `SELECT e."kind", e."amountMilli" AS amount, COALESCE(SUM(a."amountMilli"), 0) AS split
       FROM "LedgerEntry" e LEFT JOIN "LedgerAllocation" a ON a."entryId" = e."id"
      WHERE e."companyId" = ? AND e."grantId" IS NULL GROUP BY e."id", e."kind", e."amountMilli"`,
    [companyId],
  );
  // Charges, removals and expiries split what they took; a refund splits what it gave back.
  for (const s of splits) {
    const amount = toBigInt(s.amount);
    expect(toBigInt(s.split)).toBe(amount < 0n ? -amount : amount);
  }
  // A refund reverses one charge of the company, by exactly what it charged.
  const refunds = await sql.all(
    `SELECT r."id", r."amountMilli" AS refunded, c."kind" AS "chargeKind", c."companyId" AS "chargeCompany", c."amountMilli" AS charged
       FROM "LedgerEntry" r LEFT JOIN "LedgerEntry" c ON c."id" = r."reversesEntryId"
      WHERE r."companyId" = ? AND (r."kind" = 'refunded' OR r."reversesEntryId" IS NOT NULL)`,
    [companyId],
  );
  for (const r of refunds) {
    expect({ refund: r.id, kind: r.chargeKind, company: r.chargeCompany }).toEqual({ refund: r.id, kind: "used", company: companyId });
    expect(toBigInt(r.refunded)).toBe(-toBigInt(r.charged));
  }
  // The per-day totals are the usage records summed.
  const usage = await sql.get(`SELECT COALESCE(SUM("creditsMilli"), 0) AS s FROM "UsageRecord" WHERE "companyId" = ?`, [companyId]);
  const days = await sql.get(`SELECT COALESCE(SUM("creditsMilli"), 0) AS s FROM "UsageDayTotal" WHERE "companyId" = ?`, [companyId]);
  expect(toBigInt(days!.s)).toBe(toBigInt(usage!.s));
  // Per feature, the usage budgets read (UsageScopeDay) is the usage report less the refunds.
  const byFeature = new Map<string, bigint>();
  const add = (feature: string, milli: bigint) => byFeature.set(feature, (byFeature.get(feature) ?? 0n) + milli);
  for (const u of await sql.all(`SELECT "featureType" AS f, SUM("creditsMilli") AS s FROM "UsageRecord" WHERE "companyId" = ? GROUP BY "featureType"`, [
    companyId,
  ]))
    add(String(u.f), toBigInt(u.s));
  for (const r of await sql.all(
    `SELECT c."featureType" AS f, SUM(r."amountMilli") AS s FROM "LedgerEntry" r JOIN "LedgerEntry" c ON c."id" = r."reversesEntryId"
      WHERE r."companyId" = ? AND r."kind" = 'refunded' GROUP BY c."featureType"`,
    [companyId],
  ))
    add(String(r.f), -toBigInt(r.s));
  const scoped = new Map<string, bigint>();
  for (const d of await sql.all(
    `SELECT "scope", SUM("creditsMilli") AS s FROM "UsageScopeDay" WHERE "companyId" = ? AND "scope" LIKE 'feature:%' GROUP BY "scope"`,
    [companyId],
  ))
    scoped.set(String(d.scope).slice("feature:".length), toBigInt(d.s));
  for (const [feature, milli] of byFeature) expect({ feature, milli: scoped.get(feature) ?? 0n }).toEqual({ feature, milli });
  for (const [feature, milli] of scoped) expect({ feature, milli }).toEqual({ feature, milli: byFeature.get(feature) ?? 0n });
  return { entries: entries.length, balanceMilli: previousAfter };
}
