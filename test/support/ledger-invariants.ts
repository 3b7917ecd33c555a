// Checks a company's ledger against its invariants: entries chain without gaps, the account's
// balance equals the last entry's and what remains on active grants, every split sums to its
// entry, no grant holds more than remains on it or keeps more than its amount, every refund
// reverses one charge by exactly its amount, the usage per feature that budgets read is the
// usage report less what was refunded, and each contract year has one default grant at most
// (the newest of them is the account's lastDefaultYear).
import { expect } from "vitest";
import { ENTRY_KINDS, FEATURE_TYPES } from "../../lib/ledger/types";
import type { SqlReader } from "../../lib/sql";
import { col, shape } from "../../lib/sql/rows";

const EntryRow = shape({
  id: col.text,
  seq: col.int,
  kind: col.oneOf(ENTRY_KINDS),
  amountMilli: col.bigint,
  balanceBeforeMilli: col.bigint,
  balanceAfterMilli: col.bigint,
  at: col.date,
});
const AccountRow = shape({ balanceMilli: col.bigint, lastSeq: col.int, lastDefaultYear: col.intOrNull });
const GrantRow = shape({
  id: col.text,
  amountMilli: col.bigint,
  remainingMilli: col.bigint,
  heldMilli: col.bigint,
  status: col.oneOf(["pending", "active", "closed"]),
});
const SplitRow = shape({ kind: col.oneOf(ENTRY_KINDS), amount: col.bigint, split: col.bigint });
const RefundRow = shape({
  id: col.text,
  refunded: col.bigint,
  chargeKind: col.textOrNull,
  chargeCompany: col.textOrNull,
  charged: col.bigintOrNull,
});
const SumRow = shape({ s: col.bigint });
const FeatureSumRow = shape({ f: col.oneOf(FEATURE_TYPES), s: col.bigint });
const ScopeSumRow = shape({ scope: col.text, s: col.bigint });

export async function expectLedgerConsistent(sql: SqlReader, companyId: string) {
  const entries = await sql.rows(
    `SELECT "id", "seq", "kind", "amountMilli", "balanceBeforeMilli", "balanceAfterMilli", "at" FROM "LedgerEntry" WHERE "companyId" = ? ORDER BY "seq"`,
    [companyId],
    EntryRow,
  );
  let previousAfter = 0n;
  let previousAt = 0;
  entries.forEach((e, i) => {
    expect(e.seq).toBe(i + 1);
    expect(e.balanceBeforeMilli).toBe(previousAfter);
    expect(e.balanceAfterMilli).toBe(e.balanceBeforeMilli + e.amountMilli);
    expect(e.balanceAfterMilli >= 0n).toBe(true);
    expect(e.at.getTime() >= previousAt).toBe(true);
    previousAt = e.at.getTime();
    previousAfter = e.balanceAfterMilli;
  });
  const account = await sql.row(`SELECT "balanceMilli", "lastSeq", "lastDefaultYear" FROM "CreditAccount" WHERE "companyId" = ?`, [companyId], AccountRow);
  expect(account!.balanceMilli).toBe(previousAfter);
  expect(account!.lastSeq).toBe(entries.length);
  const grants = await sql.rows(
    `SELECT "id", "amountMilli", "remainingMilli", "heldMilli", "status" FROM "CreditGrant" WHERE "companyId" = ?`,
    [companyId],
    GrantRow,
  );
  let activeSum = 0n;
  for (const g of grants) {
    const remaining = g.remainingMilli;
    const held = g.heldMilli;
    expect(remaining >= 0n && remaining <= g.amountMilli, `grant ${g.id}: 0 <= remaining <= amount`).toBe(true);
    expect(held >= 0n && held <= remaining, `grant ${g.id}: 0 <= held <= remaining`).toBe(true);
    if (g.status !== "active") expect(held, `grant ${g.id}: a grant that is not active holds nothing`).toBe(0n);
    if (g.status === "active") activeSum += remaining;
  }
  // What the grants hold is what the open holds say they hold.
  const holds = await sql.row(
    `SELECT COALESCE(SUM(a."amountMilli"), 0) AS s FROM "HoldAllocation" a JOIN "Hold" h ON h."id" = a."holdId" JOIN "CreditGrant" g ON g."id" = a."grantId"
      WHERE h."companyId" = ? AND h."state" = 'held' AND g."status" = 'active'`,
    [companyId],
    SumRow,
  );
  const held = await sql.row(`SELECT COALESCE(SUM("heldMilli"), 0) AS s FROM "CreditGrant" WHERE "companyId" = ?`, [companyId], SumRow);
  expect(held!.s).toBe(holds!.s);
  expect(activeSum).toBe(previousAfter);
  const defaults = await sql.rows(
    `SELECT "contractYear" FROM "CreditGrant" WHERE "companyId" = ? AND "kind" = 'default' ORDER BY "contractYear"`,
    [companyId],
    shape({ contractYear: col.intOrNull }),
  );
  const years = defaults.map((g) => g.contractYear);
  expect(years).not.toContain(null);
  expect(new Set(years).size).toBe(years.length);
  expect(account!.lastDefaultYear).toBe(years.length ? years[years.length - 1] : null);
  const splits = await sql.rows(
    `SELECT e."kind", e."amountMilli" AS amount, COALESCE(SUM(a."amountMilli"), 0) AS split
       FROM "LedgerEntry" e LEFT JOIN "LedgerAllocation" a ON a."entryId" = e."id"
      WHERE e."companyId" = ? AND e."grantId" IS NULL GROUP BY e."id", e."kind", e."amountMilli"`,
    [companyId],
    SplitRow,
  );
  // Charges, removals and expiries split what they took; a refund splits what it gave back.
  for (const s of splits) expect(s.split).toBe(s.amount < 0n ? -s.amount : s.amount);
  // A refund reverses one charge of the company, by exactly what it charged.
  const refunds = await sql.rows(
    `SELECT r."id", r."amountMilli" AS refunded, c."kind" AS "chargeKind", c."companyId" AS "chargeCompany", c."amountMilli" AS charged
       FROM "LedgerEntry" r LEFT JOIN "LedgerEntry" c ON c."id" = r."reversesEntryId"
      WHERE r."companyId" = ? AND (r."kind" = 'refunded' OR r."reversesEntryId" IS NOT NULL)`,
    [companyId],
    RefundRow,
  );
  for (const r of refunds) {
    expect({ refund: r.id, kind: r.chargeKind, company: r.chargeCompany }).toEqual({ refund: r.id, kind: "used", company: companyId });
    expect(r.refunded).toBe(r.charged === null ? null : -r.charged);
  }
  // The per-day totals are the usage records summed.
  const usage = await sql.row(`SELECT COALESCE(SUM("creditsMilli"), 0) AS s FROM "UsageRecord" WHERE "companyId" = ?`, [companyId], SumRow);
  const days = await sql.row(
    `SELECT COALESCE(SUM("usedMilli"), 0) AS s FROM "UsageScopeDay" WHERE "companyId" = ? AND "scope" LIKE 'feature:%'`,
    [companyId],
    SumRow,
  );
  expect(days!.s).toBe(usage!.s);
  // Per feature, the usage budgets read (UsageScopeDay) is the usage report less the refunds.
  const byFeature = new Map<string, bigint>();
  const add = (feature: string, milli: bigint) => byFeature.set(feature, (byFeature.get(feature) ?? 0n) + milli);
  for (const u of await sql.rows(
    `SELECT "featureType" AS f, SUM("creditsMilli") AS s FROM "UsageRecord" WHERE "companyId" = ? GROUP BY "featureType"`,
    [companyId],
    FeatureSumRow,
  ))
    add(u.f, u.s);
  for (const r of await sql.rows(
    `SELECT c."featureType" AS f, SUM(r."amountMilli") AS s FROM "LedgerEntry" r JOIN "LedgerEntry" c ON c."id" = r."reversesEntryId"
      WHERE r."companyId" = ? AND r."kind" = 'refunded' GROUP BY c."featureType"`,
    [companyId],
    shape({ f: col.text, s: col.bigint }),
  ))
    add(r.f, -r.s);
  const scoped = new Map<string, bigint>();
  for (const d of await sql.rows(
    `SELECT "scope", SUM("creditsMilli") AS s FROM "UsageScopeDay" WHERE "companyId" = ? AND "scope" LIKE 'feature:%' GROUP BY "scope"`,
    [companyId],
    ScopeSumRow,
  ))
    scoped.set(d.scope.slice("feature:".length), d.s);
  for (const [feature, milli] of byFeature) expect({ feature, milli: scoped.get(feature) ?? 0n }).toEqual({ feature, milli });
  for (const [feature, milli] of scoped) expect({ feature, milli }).toEqual({ feature, milli: byFeature.get(feature) ?? 0n });
  return { entries: entries.length, balanceMilli: previousAfter };
}
