// A company's purchases for Sales (/sales/<companyId>): the purchase history with what remains
// of each purchase, "Record purchase" for those who may record (R-BUY-1, R-BUY-2), and for those
// who may correct, "Refund a charge", "Adjust credits" and "Void" on each purchase not voided
// (R-CORRECT-1, R-CORRECT-2, R-LEDGER-1). Each action checks its permission again on the server.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatCompanyDate } from "@/components/credits/company-time";
import { AdjustCredits } from "@/components/sales/adjust-credits";
import { PurchasesTable } from "@/components/sales/purchases-table";
import { RecordPurchase } from "@/components/sales/record-purchase";
import { RefundCharge } from "@/components/sales/refund-charge";
import { SalesNotice, SalesNoticeProvider } from "@/components/sales/sales-notice";
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
  // Sales record, correct and see every company; a company's admins may read their own purchases here.
  const canRecord = can(actor.role, "purchases.write");
  const canCorrect = can(actor.role, "credits.correct");
  const forForms = { id: company.id, name: company.name, timeZone: company.timeZone, termEndsAt: company.termEndsAt.toISOString() };

  const heading = (
    <div className="min-w-0">
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
    </div>
  );

  return (
    <SalesNoticeProvider>
      <div className="flex flex-col gap-6">
        <div className="flex flex-col gap-4">
          <div className="flex flex-wrap items-start justify-between gap-4">
            {heading}
            <div className="flex flex-wrap gap-2">
              {canCorrect ? <RefundCharge company={{ id: company.id, name: company.name }} /> : null}
              {canCorrect ? <AdjustCredits company={forForms} /> : null}
              {canRecord ? <RecordPurchase company={forForms} /> : null}
            </div>
          </div>
          <SalesNotice />
        </div>
        <Card>
          <CardHeader>
            <CardTitle>Purchases</CardTitle>
            <CardDescription>Newest first, with what remains of each purchase now.</CardDescription>
          </CardHeader>
          <div className="mt-4">
            <PurchasesTable
              purchases={purchases}
              companyName={company.name}
              timeZone={company.timeZone}
              now={now}
              voidFor={canCorrect ? { companyId: company.id } : undefined}
            />
          </div>
        </Card>
      </div>
    </SalesNoticeProvider>
  );
}
