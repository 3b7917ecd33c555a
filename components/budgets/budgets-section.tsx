// The Budgets section of the credits page (R-BUDGET-1/2): the company's budgets with what each
// has used in its current period, "New budget", and Edit and Remove on each. It reads its own
// data inside <Suspense>, so the rest of the page does not wait for it. Tech and Business admins
// see it (the page is admins-only); the actions check "budgets.manage" again on the server.
import { Suspense } from "react";
import { SectionSkeleton } from "@/components/credits/section-skeleton";
import { Announcement, Announcer } from "@/components/ui/announcer";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { listBudgetScopeChoices, listBudgets } from "@/lib/budgets";
import type { CompanyProfile } from "@/lib/companies";
import type { Db } from "@/lib/db";
import { NewBudgetDialog } from "./budget-dialog";
import { toBudgetRow } from "./budget-view";
import { BudgetsTable } from "./budgets-table";

type Props = { prisma: Db; company: CompanyProfile; now: Date };

export function BudgetsSection(props: Props) {
  return (
    <Suspense fallback={<SectionSkeleton title="Budgets" />}>
      <BudgetsCard {...props} />
    </Suspense>
  );
}

async function BudgetsCard({ prisma, company, now }: Props) {
  const [budgets, choices] = await Promise.all([
    listBudgets(prisma, { companyId: company.id, term: company, now }),
    listBudgetScopeChoices(prisma, { companyId: company.id }),
  ]);
  return (
    <Card>
      <section aria-labelledby="budgets">
        <Announcer>
          <div className="flex flex-wrap items-start justify-between gap-4 px-5 pt-5">
            <div className="min-w-0 flex-1 basis-64">
              <CardTitle id="budgets">Budgets</CardTitle>
              <CardDescription className="mt-1">
                Limits inside the shared pool for one feature, tracker, integration, API key or team. A request that would pass a budget is refused with nothing
                charged, and trackers over a budget pause until its next period. Admins are notified at 80% and 100%.
              </CardDescription>
            </div>
            <NewBudgetDialog choices={choices} />
          </div>
          <div className="px-5">
            <Announcement className="mt-3" />
          </div>
          <div className="mt-4">
            <BudgetsTable budgets={budgets.map((b) => toBudgetRow(b, company.timeZone))} choices={choices} />
          </div>
        </Announcer>
      </section>
    </Card>
  );
}
