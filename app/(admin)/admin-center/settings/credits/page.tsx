// Admin center > Settings > Reports > Gong credits (R-PAGE-1, R-PAGE-2). A server component:
// it reads the balance and grants on every request, straight from the ledger's read functions.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";
import { getCreditSummary, listCurrentGrants } from "@/lib/ledger/balance";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CreditSummary } from "@/components/credits/credit-summary";
import { chooseDemoCompany, DemoCompanyPicker } from "@/components/credits/demo-company-picker";
import { DownloadReportsButton } from "@/components/credits/download-reports-button";
import { GrantsTable } from "@/components/credits/grants-table";

export const metadata: Metadata = { title: "Gong credits" };

export default async function CreditsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Balances are never cached or prerendered (R-LEDGER-5 is about the figure shown now).
  // connection() is Next 16's request-time marker and, unlike `dynamic = "force-dynamic"`,
  // stays valid if Cache Components is turned on later.
  await connection();
  const { company: requested } = await searchParams;
  const { prisma, sql } = getDatabase();

  const companies = await prisma.company.findMany({ select: { id: true, name: true, timeZone: true }, orderBy: { name: "asc" } });
  if (companies.length === 0) return <NoCompanies />;
  const company = chooseDemoCompany(companies, typeof requested === "string" ? requested : undefined);
  if (!company) notFound();

  const now = systemClock.now();
  const [summary, grants] = await Promise.all([
    getCreditSummary(sql, { companyId: company.id, now }),
    listCurrentGrants(sql, { companyId: company.id, now }),
  ]);

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <DemoCompanyPicker companies={companies} currentId={company.id} />

      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold text-neutral-900">Gong credits</h1>
          <p className="mt-1 text-sm text-neutral-600">
            {company.name}&rsquo;s shared pool of credits for AI features: what remains, and when each grant expires.
          </p>
        </div>
        <DownloadReportsButton />
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

function NoCompanies() {
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-semibold text-neutral-900">Gong credits</h1>
      <Card className="mt-6">
        <CardContent>
          <p className="font-medium text-neutral-900">No companies yet</p>
          <p className="mt-1 text-sm text-neutral-600">
            The database has no companies to show. Load the demo data with <code className="font-mono">npm run db:seed</code>,
            then reload this page.
          </p>
        </CardContent>
      </Card>
    </div>
  );
}
