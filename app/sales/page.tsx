// Sales (/sales): the companies by name, each linking to its purchases. The vendor's view across
// companies, so only Sales open it; a company's admins read their purchases in their reports.
import type { Metadata } from "next";
import { CompaniesTable } from "@/components/sales/companies-table";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireRolePermission } from "@/lib/auth/page";
import { getDatabase } from "@/lib/db";
import { listCompaniesForSales } from "@/lib/purchases";

export const metadata: Metadata = { title: "Sales" };

export default async function SalesPage() {
  // Listing every company is for those who record purchases for any of them (Sales); admins
  // hold purchases.read for their own company only, never this list.
  await requireRolePermission("/sales", "purchases.write");
  const companies = await listCompaniesForSales(getDatabase().prisma);

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold text-neutral-900">Sales</h1>
        <p className="mt-1 text-sm text-neutral-600">Record purchased credits for a company and see its purchase history.</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Companies</CardTitle>
          <CardDescription>Open a company to see its purchases or record a new one.</CardDescription>
        </CardHeader>
        <div className="mt-4">
          <CompaniesTable companies={companies} />
        </div>
      </Card>
    </div>
  );
}
