// Admin center > Settings > Email outbox (Tech admins; R-NOTIFY-2): every email the notifier
// wrote for the company, newest first, 50 a page (?page=), with whether SMTP sends them. Without
// SMTP this is where the emails are kept for admins to read.
import type { Metadata } from "next";
import { connection } from "next/server";
import { DeliveryStatus, smtpState } from "@/components/notify/delivery-status";
import { OutboxTable, outboxStatusLabel } from "@/components/notify/outbox-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageOutOfRange, Pagination } from "@/components/ui/pagination";
import { requirePermission } from "@/lib/auth/page";
import { systemClock } from "@/lib/clock";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { listOutboxEmails, OUTBOX_STATUSES, parseOutboxPage } from "@/lib/notify/inbox";

export const metadata: Metadata = { title: "Email outbox" };

const PATH = "/admin-center/settings/outbox";

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const actor = await requirePermission(PATH, "settings.write");
  const page = parseOutboxPage((await searchParams).page);
  const { prisma } = getDatabase();
  const [company, outbox] = await Promise.all([
    getCompanyProfile(prisma, { companyId: actor.actingCompanyId }),
    listOutboxEmails(prisma, { companyId: actor.actingCompanyId, page }),
  ]);
  const summary = OUTBOX_STATUSES.filter((s) => outbox.counts[s])
    .map((s) => `${outbox.counts[s]} ${outboxStatusLabel({ status: s, attempts: 0 }).toLowerCase()}`)
    .join(", ");

  return (
    <div className="flex max-w-6xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold text-neutral-900">Email outbox</h1>
        <p className="mt-1 text-sm text-neutral-600">
          The emails sent to {company.name}&rsquo;s admins when usage passes 60, 80, 90, 95 and 100% of the credits.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Delivery</CardTitle>
        </CardHeader>
        <CardContent>
          <DeliveryStatus smtp={smtpState()} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Emails</CardTitle>
          <CardDescription>{outbox.total === 0 ? "None yet." : `${outbox.total.toLocaleString("en-US")} in all: ${summary}.`}</CardDescription>
        </CardHeader>
        <div className="mt-4">
          {outbox.total === 0 ? (
            <EmptyState title="No emails yet">
              An email is written to every admin when usage first reaches 60% of the credits, and again at 80, 90, 95 and 100%.
            </EmptyState>
          ) : outbox.items.length === 0 ? (
            <PageOutOfRange subject="The outbox" basePath={PATH} page={page} pageCount={outbox.pageCount} noun="emails" />
          ) : (
            <>
              <OutboxTable items={outbox.items} timeZone={company.timeZone} now={systemClock.now()} />
              <Pagination label="Outbox pages" noun={["email", "emails"]} basePath={PATH} page={page} pageCount={outbox.pageCount} total={outbox.total} />
            </>
          )}
        </div>
      </Card>
    </div>
  );
}
