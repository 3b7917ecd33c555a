// A company's purchases for Sales (/sales/<companyId>): the purchase history with what remains
// of each purchase, and "Record purchase" for those who may record (R-BUY-1, R-BUY-2).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatCompanyDate } from "@/components/credits/company-time";
import { PurchasesTable } from "@/components/sales/purchases-table";
import { RecordPurchase } from "@/components/sales/record-purchase";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/page";
import { can } from "@/lib/auth/roles";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";
import { findCompanyForSales, listPurchases } from "@/lib/purchases";

export const metadata: Metadata = { title: "Purchases" };

export default async function SalesCompanyPage({ params }: { params: Promise<{ companyId: string }> }) {
  const { companyId } = await params;
  const actor = await requirePermission(`/sales/${encodeURIComponent(companyId)}`, "purchases.read", companyId);
  const { prisma, sql } = getDatabase();
  const company = await findCompanyForSales(prisma, { companyId });
  if (!company) notFound();
  const now = systemClock.now();
  const purchases = await listPurchases(sql, { companyId, now });
  // Sales record and see every company; a company's admins may read their own purchases here.
  const canRecord = can(actor.role, "purchases.write");

  const heading = (
    <>
      {canRecord ? (
        <Link href="/sales" className="mb-2 inline-block text-sm font-medium text-brand-700 hover:text-brand-800">
          &larr; Companies
        </Link>
      ) : null}
      <h1 className="text-2xl font-semibold text-neutral-900">{company.name}</h1>
      <p className="mt-1 text-sm text-neutral-600">
        Contract term {formatCompanyDate(company.termStartsAt, company.timeZone)} to {formatCompanyDate(company.termEndsAt, company.timeZone)}; times in{" "}
        {company.timeZone}.
      </p>
    </>
  );

  return (
    <div className="flex flex-col gap-6">
      {canRecord ? (
        <RecordPurchase company={{ id: company.id, name: company.name, timeZone: company.timeZone, termEndsAt: company.termEndsAt.toISOString() }}>
          {heading}
        </RecordPurchase>
      ) : (
        <div>{heading}</div>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Purchases</CardTitle>
          <CardDescription>Newest first, with what remains of each purchase now.</CardDescription>
        </CardHeader>
        <div className="mt-4">
          <PurchasesTable purchases={purchases} companyName={company.name} timeZone={company.timeZone} now={now} />
        </div>
      </Card>
    </div>
  );
}
