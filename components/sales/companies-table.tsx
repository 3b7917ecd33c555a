// The companies Sales serve, by name, each linking to its purchases. Sales see no usage, so the
// columns are the contract and the purchases only.
import Link from "next/link";
import { formatCompanyDate } from "@/components/credits/company-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SalesCompany } from "@/lib/purchases";

export function CompaniesTable({ companies }: { companies: SalesCompany[] }) {
  if (companies.length === 0) {
    return (
      <div className="px-5 py-10 text-center">
        <p className="text-sm font-medium text-neutral-900">No companies yet</p>
        <p className="mt-1 text-sm text-neutral-600">
          Companies appear here once they are set up. On a fresh install, load the demo data with <code className="font-mono">npm run db:seed</code>.
        </p>
      </div>
    );
  }
  return (
    <Table>
      <TableHeader>
        <tr>
          <TableHead>Company</TableHead>
          <TableHead>Time zone</TableHead>
          <TableHead>Contract term ends</TableHead>
          <TableHead className="text-right">Purchases</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {companies.map((company) => (
          <TableRow key={company.id}>
            <TableCell>
              <Link href={`/sales/${company.id}`} className="font-medium text-brand-700 underline-offset-2 hover:text-brand-800 hover:underline">
                {company.name}
              </Link>
            </TableCell>
            <TableCell className="text-neutral-600">{company.timeZone}</TableCell>
            <TableCell>
              <time dateTime={company.termEndsAt.toISOString()}>{formatCompanyDate(company.termEndsAt, company.timeZone)}</time>
            </TableCell>
            <TableCell className="text-right tabular-nums">{company.purchaseCount}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
