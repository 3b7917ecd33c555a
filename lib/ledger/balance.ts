// Reading a balance: what remains on the grants available now, and their total. This reads the
// company's grants (a handful per contract year), never the ledger, so it costs the same with
// ten entries or ten million.
import type { SqlReader } from "../sql";
import { col, shape } from "../sql/rows";
import { GRANT_KINDS } from "./types";

export type CreditSummary = {
  /** Credits remaining on grants available now (held credits included). */
  remainingMilli: bigint;
  /** The amounts of the grants available now: what the usage percentage is a share of. */
  totalMilli: bigint;
  usedMilli: bigint;
  /** Credits held for requests in flight: part of what remains, spendable by nobody else. */
  heldMilli: bigint;
};

const SummaryRow = shape({ remaining: col.bigint, total: col.bigint, held: col.bigint });

export async function getCreditSummary(sql: SqlReader, { companyId, now }: { companyId: string; now: Date }): Promise<CreditSummary> {
  const row = await sql.row(
    `SELECT COALESCE(SUM("remainingMilli"), 0) AS remaining, COALESCE(SUM("amountMilli"), 0) AS total, COALESCE(SUM("heldMilli"), 0) AS held
       FROM "CreditGrant"
      WHERE "companyId" = ? AND "availableFrom" <= ? AND "expiresAt" > ? AND "status" <> 'closed'`,
    [companyId, now, now],
    SummaryRow,
  );
  const remainingMilli = row?.remaining ?? 0n;
  const totalMilli = row?.total ?? 0n;
  return { remainingMilli, totalMilli, usedMilli: totalMilli - remainingMilli, heldMilli: row?.held ?? 0n };
}

const GrantViewRow = shape({
  id: col.text,
  kind: col.oneOf(GRANT_KINDS),
  amountMilli: col.bigint,
  remainingMilli: col.bigint,
  heldMilli: col.bigint,
  availableFrom: col.date,
  expiresAt: col.date,
  status: col.oneOf(["pending", "active", "closed"] as const),
  purchaseId: col.textOrNull,
  orderReference: col.textOrNull,
  voidedAt: col.dateOrNull,
});
export type GrantView = ReturnType<typeof GrantViewRow>;

/** Grants not yet expired (available or upcoming), soonest expiry first, with their purchase if any. */
export async function listCurrentGrants(sql: SqlReader, { companyId, now }: { companyId: string; now: Date }): Promise<GrantView[]> {
  const rows = await sql.rows(
    `SELECT g."id", g."kind", g."amountMilli", g."remainingMilli", g."heldMilli", g."availableFrom", g."expiresAt", g."status",
            p."id" AS "purchaseId", p."orderReference", p."voidedAt"
       FROM "CreditGrant" g LEFT JOIN "Purchase" p ON p."grantId" = g."id"
      WHERE g."companyId" = ? AND g."expiresAt" > ? AND (g."status" <> 'closed' OR p."voidedAt" IS NOT NULL)
      ORDER BY g."expiresAt", g."createdAt", g."id"`,
    [companyId, now],
    GrantViewRow,
  );
  return rows.map((r) => ({ ...r, status: r.availableFrom > now && r.status !== "closed" ? "pending" : r.status }));
}
