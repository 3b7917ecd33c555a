// Admin center > Settings > Audit log (Tech admins; R-PLUS-2): every admin and sales action on
// the company, newest first, 50 a page (?page=).
import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageOutOfRange, Pagination } from "@/components/ui/pagination";
import { requirePermission } from "@/lib/auth/page";
import { systemClock } from "@/lib/clock";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { listAuditEntries, parseAuditPage } from "@/lib/users";

export const metadata: Metadata = { title: "Audit log" };

const PATH = "/admin-center/settings/audit";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission(PATH, "audit.read");
  const page = parseAuditPage((await searchParams).page);
  const { prisma } = getDatabase();
  const [company, log] = await Promise.all([
    getCompanyProfile(prisma, { companyId: actor.actingCompanyId }),
    listAuditEntries(prisma, { companyId: actor.actingCompanyId, page }),
  ]);

  return (
    <div className="flex max-w-6xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold text-neutral-900">Audit log</h1>
        <p className="mt-1 text-sm text-neutral-600">Every admin and sales action on {company.name}: who did what, when, and what changed.</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Entries</CardTitle>
          <CardDescription>Entries are kept as written; nobody can change or remove them here.</CardDescription>
        </CardHeader>
        <div className="mt-4">
          {log.total === 0 ? (
            <EmptyState title="No entries yet">Role changes, API keys, purchases and other admin actions are recorded here as they happen.</EmptyState>
          ) : log.entries.length === 0 ? (
            <PageOutOfRange subject="The log" basePath={PATH} page={page} pageCount={log.pageCount} noun="entries" />
          ) : (
            <>
              <AuditTable entries={log.entries} timeZone={company.timeZone} now={systemClock.now()} />
              <Pagination label="Audit log pages" noun={["entry", "entries"]} basePath={PATH} page={page} pageCount={log.pageCount} total={log.total} />
            </>
          )}
        </div>
      </Card>
    </div>
  );
}
