// Admin center > Settings > Reports > Gong credits (R-PAGE-1, R-PAGE-2, R-PLUS-1). A server
// component: it checks access, reads the balance and grants on every request straight from the
// ledger's read functions, and streams the sections with their own reads (runway, thresholds,
// budgets, usage over time, trackers) inside <Suspense>, after the check, so a refused visit still
// answers 403. No route-level loading.tsx for the same reason.
import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { BudgetsSection } from "@/components/budgets/budgets-section";
import { timeZoneShortName } from "@/components/credits/company-time";
import { CreditSummary } from "@/components/credits/credit-summary";
import { DownloadReportsDialog } from "@/components/credits/download-reports-dialog";
import { toGrantRows } from "@/components/credits/grant-rows";
import { GrantsTable } from "@/components/credits/grants-table";
import { RunwaySection } from "@/components/credits/runway-section";
import { SectionSkeleton } from "@/components/credits/section-skeleton";
import { ThresholdsSection } from "@/components/credits/thresholds-section";
import { TrackersSection } from "@/components/credits/trackers-section";
import { UsageSection } from "@/components/credits/usage-section";
import { UsageBanner } from "@/components/notify/usage-banner";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/page";
import { systemClock } from "@/lib/clock";
import { getCompanyProfile } from "@/lib/companies";
import { loadCreditsPageSearchParams, sortGrants } from "@/lib/credits";
import { getDatabase } from "@/lib/db";
import { getCreditSummary, listCurrentGrants } from "@/lib/ledger/balance";
import { contractYearAt, contractYearBounds } from "@/lib/ledger/contract";
import { formatLocalDate } from "@/lib/time/zoned";

export const metadata: Metadata = { title: "Gong credits" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CreditsPage({ searchParams }: Props) {
  // Balances are never cached or prerendered (R-LEDGER-5 is about the figure shown now).
  // connection() is Next 16's request-time marker and, unlike `dynamic = "force-dynamic"`,
  // stays valid if Cache Components is turned on later.
  await connection();
  const { actingCompanyId } = await requirePermission("/admin-center/settings/credits", "credits.read");
  const { range, team, sort } = loadCreditsPageSearchParams(await searchParams);
  const { prisma, sql } = getDatabase();
  const company = await getCompanyProfile(prisma, { companyId: actingCompanyId });

  const now = systemClock.now();
  const today = formatLocalDate(now, company.timeZone);
  const [summary, grants] = await Promise.all([getCreditSummary(sql, { companyId: company.id, now }), listCurrentGrants(sql, { companyId: company.id, now })]);

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold text-neutral-900">Gong credits</h1>
          <p className="mt-1 text-sm text-neutral-600">
            {company.name}&rsquo;s shared pool of credits for AI features: what remains, where it goes, and when each grant expires.
          </p>
        </div>
        <DownloadReportsDialog today={today} contractYearStart={contractYearStartDate(company, now)} />
      </div>

      <UsageBanner companyId={company.id} />
      <CreditSummary summary={summary} />

      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-2">
          <Suspense fallback={<SectionSkeleton title="Runway" />}>
            <RunwaySection sql={sql} companyId={company.id} timeZone={company.timeZone} now={now} grants={grants} />
          </Suspense>
        </div>
        <div className="lg:col-span-3">
          <Suspense fallback={<SectionSkeleton title="Usage thresholds" />}>
            <ThresholdsSection sql={sql} companyId={company.id} timeZone={company.timeZone} summary={summary} />
          </Suspense>
        </div>
      </div>

      <BudgetsSection prisma={prisma} company={company} now={now} />

      <Suspense fallback={<SectionSkeleton title="Usage over time" tall lines={1} />}>
        <UsageSection sql={sql} prisma={prisma} companyId={company.id} today={today} range={range} teamId={team} />
      </Suspense>

      <Card>
        <section aria-labelledby="grants">
          <CardHeader>
            <CardTitle id="grants">Grants</CardTitle>
            <CardDescription>Credits available now and upcoming. Usage draws from the grant that expires first.</CardDescription>
          </CardHeader>
          <div className="mt-4">
            <GrantsTable
              rows={toGrantRows(sortGrants(grants, sort), company.timeZone)}
              caption={`Times in ${company.timeZone} (${timeZoneShortName(company.timeZone, now)}). A grant can be used from its start until, but not including, its expiry.`}
            />
          </div>
        </section>
      </Card>

      <Suspense fallback={<SectionSkeleton title="Trackers" />}>
        <TrackersSection sql={sql} companyId={company.id} />
      </Suspense>
    </div>
  );
}

/** The first day of the contract year we are in (or of the term, outside it), as a local date. */
function contractYearStartDate(company: { timeZone: string; termStartsAt: Date; termEndsAt: Date }, now: Date): string {
  const year = contractYearAt(company, now);
  const start = year === undefined ? company.termStartsAt : contractYearBounds(company, year).start;
  return formatLocalDate(start, company.timeZone);
}
