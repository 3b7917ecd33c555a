// Reading a balance: what remains on the grants available now, and their total. This reads the
// company's grants (a handful per contract year), never the ledger, so it costs the same with
// ten entries or ten million.
import { type SqlReader, toBigInt, toDate } from "../sql";

export type CreditSummary = {
  /** Credits remaining on grants available now. */
  remainingMilli: bigint;
  /** The amounts of the grants available now: what the usage percentage is a share of. */
  totalMilli: bigint;
  usedMilli: bigint;
};

export async function getCreditSummary(sql: SqlReader, { companyId, now }: { companyId: string; now: Date }): Promise<CreditSummary> {
  const row = await sql.get<{ remaining: unknown; total: unknown }>(
    `SELECT COALESCE(SUM("remainingMilli"), 0) AS remaining, COALESCE(SUM("amountMilli"), 0) AS total
       FROM "CreditGrant"
      WHERE "companyId" = ? AND "availableFrom" <= ? AND "expiresAt" > ? AND "status" <> 'closed'`,
    [companyId, now, now],
  );
  const remainingMilli = toBigInt(row?.remaining ?? 0);
  const totalMilli = toBigInt(row?.total ?? 0);
  return { remainingMilli, totalMilli, usedMilli: totalMilli - remainingMilli };
}

export type GrantView = {
  id: string;
  kind: "default" | "purchased" | "adjustment";
  amountMilli: bigint;
  remainingMilli: bigint;
  availableFrom: Date;
  expiresAt: Date;
  status: "pending" | "active" | "closed";
};

/** Grants not yet expired (available or upcoming), soonest expiry first. */
export async function listCurrentGrants(sql: SqlReader, { companyId, now }: { companyId: string; now: Date }): Promise<GrantView[]> {
  const rows = await sql.all(
    `SELECT "id", "kind", "amountMilli", "remainingMilli", "availableFrom", "expiresAt", "status"
       FROM "CreditGrant"
      WHERE "companyId" = ? AND "expiresAt" > ? AND "status" <> 'closed'
      ORDER BY "expiresAt", "createdAt", "id"`,
    [companyId, now],
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as GrantView["kind"],
    amountMilli: toBigInt(r.amountMilli),
    remainingMilli: toBigInt(r.remainingMilli),
    availableFrom: toDate(r.availableFrom),
    expiresAt: toDate(r.expiresAt),
    status: (toDate(r.availableFrom) > now ? "pending" : r.status) as GrantView["status"],
  }));
}
