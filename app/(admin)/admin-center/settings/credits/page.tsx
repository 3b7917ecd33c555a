// Admin center > Settings > Reports > Gong credits (R-PAGE-1, R-PAGE-2). A server component:
// it reads the balance and grants on every request, straight from the ledger's read functions.
import type { Metadata } from "next";
import { connection } from "next/server";
import { requirePermission } from "@/lib/auth/page";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";
import { getCreditSummary, listCurrentGrants } from "@/lib/ledger/balance";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CreditSummary } from "@/components/credits/credit-summary";
import { DownloadReportsDialog } from "@/components/credits/download-reports-dialog";
import { contractYearAt, contractYearBounds } from "@/lib/ledger/contract";
import { formatLocalDate } from "@/lib/time/zoned";
import { GrantsTable } from "@/components/credits/grants-table";

export const metadata: Metadata = { title: "Gong credits" };

export default async function CreditsPage() {
  // Balances are never cached or prerendered (R-LEDGER-5 is about the figure shown now).
  // connection() is Next 16's request-time marker and, unlike `dynamic = "force-dynamic"`,
  // stays valid if Cache Components is turned on later.
  await connection();
  const { actingCompanyId } = await requirePermission("/admin-center/settings/credits", "credits.read");
  const { prisma, sql } = getDatabase();
  const company = await prisma.company.findUniqueOrThrow({ where: { id: actingCompanyId }, select: { id: true, name: true, timeZone: true, termStartsAt: true, termEndsAt: true } });

  const now = systemClock.now();
  const [summary, grants] = await Promise.all([
    getCreditSummary(sql, { companyId: company.id, now }),
    listCurrentGrants(sql, { companyId: company.id, now }),
  ]);

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold text-neutral-900">Gong credits</h1>
          <p className="mt-1 text-sm text-neutral-600">
            {company.name}&rsquo;s shared pool of credits for AI features: what remains, and when each grant expires.
          </p>
        </div>
        <DownloadReportsDialog today={formatLocalDate(now, company.timeZone)} contractYearStart={contractYearStartDate(company, now)} />
      </div>

      <CreditSummary summary={summary} />

      <Card>
        <CardHeader>
          <CardTitle>Grants</CardTitle>
          <CardDescription>Credits available now and upcoming. Usage draws from the grant that expires first.</CardDescription>
        </CardHeader>
        <div className="mt-4">
          <GrantsTable grants={grants} timeZone={company.timeZone} now={now} />
        </div>
      </Card>
    </div>
  );
}

/** The first day of the contract year we are in (or of the term, outside it), as a local date. */
function contractYearStartDate(company: { timeZone: string; termStartsAt: Date; termEndsAt: Date }, now: Date): string {
  const year = contractYearAt(company, now);
  const start = year === undefined ? company.termStartsAt : contractYearBounds(company, year).start;
  return formatLocalDate(start, company.timeZone);
}
