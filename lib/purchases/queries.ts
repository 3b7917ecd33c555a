// What Sales read: the companies they serve and each company's purchases with what remains of
// them (R-BUY-2). Sales see no usage, so nothing here reads usage or the ledger's charges.
import type { Db } from "../db";
import type { SqlReader } from "../sql";
import { col, shape } from "../sql/rows";

export type SalesCompany = {
  id: string;
  name: string;
  timeZone: string;
  termEndsAt: Date;
  purchaseCount: number;
};

/** Every company, by name. Not scoped to one company: Sales work across companies. */
export async function listCompaniesForSales(prisma: Db): Promise<SalesCompany[]> {
  const companies = await prisma.company.findMany({
    select: { id: true, name: true, timeZone: true, termEndsAt: true, _count: { select: { purchases: true } } },
    orderBy: { name: "asc" },
  });
  return companies.map(({ _count, ...company }) => ({ ...company, purchaseCount: _count.purchases }));
}

/** One company's name, zone and term, or null when there is none with that id. */
export async function findCompanyForSales(prisma: Db, { companyId }: { companyId: string }) {
  return prisma.company.findUnique({
    where: { id: companyId },
    select: { id: true, name: true, timeZone: true, termStartsAt: true, termEndsAt: true },
  });
}

export type PurchaseView = {
  id: string;
  orderReference: string;
  creditsMilli: bigint;
  purchasedAt: Date;
  availableFrom: Date;
  expiresAt: Date;
  /** What remains of the purchase now: 0 once it has expired or was voided. */
  remainingMilli: bigint;
  /** upcoming: not available yet; available: usable now; expired: past its expiry; voided: removed as recorded in error. */
  state: "upcoming" | "available" | "expired" | "voided";
  voidedAt: Date | null;
};

const PurchaseRow = shape({
  id: col.text,
  orderReference: col.text,
  creditsMilli: col.bigint,
  purchasedAt: col.date,
  availableFrom: col.date,
  expiresAt: col.date,
  voidedAt: col.dateOrNull,
  remainingMilli: col.bigint,
  status: col.oneOf(["pending", "active", "closed"]),
});

/** A company's purchases, newest first, each with what remains of it at `now`. */
export async function listPurchases(sql: SqlReader, { companyId, now }: { companyId: string; now: Date }): Promise<PurchaseView[]> {
  const rows = await sql.rows(
    `SELECT p."id", p."orderReference", p."creditsMilli", p."purchasedAt", p."availableFrom", p."expiresAt",
            p."voidedAt", g."remainingMilli", g."status"
       FROM "Purchase" p JOIN "CreditGrant" g ON g."id" = p."grantId"
      WHERE p."companyId" = ?
      ORDER BY p."purchasedAt" DESC, p."createdAt" DESC, p."id" DESC`,
    [companyId],
    PurchaseRow,
  );
  return rows.map((r) => {
    const { availableFrom, expiresAt, voidedAt } = r;
    // expiresAt is exclusive. The ledger job closes an expired grant soon after; until it has,
    // the grant still holds its remainder, which nobody can use any more.
    const expired = expiresAt <= now || r.status === "closed";
    return {
      id: r.id,
      orderReference: r.orderReference,
      creditsMilli: r.creditsMilli,
      purchasedAt: r.purchasedAt,
      availableFrom,
      expiresAt,
      remainingMilli: expired || voidedAt ? 0n : r.remainingMilli,
      state: voidedAt ? "voided" : expired ? "expired" : availableFrom > now ? "upcoming" : "available",
      voidedAt,
    };
  });
}
