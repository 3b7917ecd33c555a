// Admin center > Settings > Notifications (Tech admins; R-NOTIFY-1/2): when admins are told
// about credits, who is told (the admins, always; extra addresses a Tech admin adds), how the
// emails go out, and a test email to check that they arrive.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { formatCompanyDate } from "@/components/credits/company-time";
import { smtpState } from "@/components/notify/delivery-status";
import { AddRecipientDialog, RemoveRecipientDialog, SendTestEmailButton } from "@/components/notify/recipient-controls";
import { Announcement, Announcer } from "@/components/ui/announcer";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/page";
import { isRole, ROLE_LABELS } from "@/lib/auth/roles";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { BUDGET_ALERT_PERCENTS } from "@/lib/notify/budget-alerts";
import { describeSmtp, type SmtpSettings } from "@/lib/notify/mailer";
import { NOTIFICATION_RECIPIENTS_MAX } from "@/lib/notify/recipient-schemas";
import { listNotificationAudience } from "@/lib/notify/recipients";
import { THRESHOLDS } from "@/lib/notify/thresholds";

export const metadata: Metadata = { title: "Notifications" };

const PATH = "/admin-center/settings/notifications";

export default async function NotificationSettingsPage() {
  await connection();
  const actor = await requirePermission(PATH, "settings.write");
  const { prisma } = getDatabase();
  const [company, audience] = await Promise.all([
    getCompanyProfile(prisma, { companyId: actor.actingCompanyId }),
    listNotificationAudience(prisma, { companyId: actor.actingCompanyId }),
  ]);
  const full = audience.extra.length >= NOTIFICATION_RECIPIENTS_MAX;
  const smtp = smtpState();

  return (
    <Announcer>
      <div className="flex max-w-5xl flex-col gap-6">
        <div>
          <h1 className="text-2xl font-semibold text-neutral-900">Notifications</h1>
          <p className="mt-1 text-sm text-neutral-600">Who hears about {company.name}&rsquo;s credits, and when.</p>
          <Announcement />
        </div>

        <Card>
          <CardHeader>
            <CardTitle>When</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="list-disc space-y-1 pl-5 text-sm text-neutral-700">
              <li>
                When usage reaches {percents(THRESHOLDS)} of the total credits. Each fires once, and again only after added credits bring usage back under it.
              </li>
              <li>When a budget&rsquo;s usage reaches {percents(BUDGET_ALERT_PERCENTS)} of its limit, once per period.</li>
            </ul>
          </CardContent>
        </Card>

        <Card>
          <section aria-labelledby="admins-heading">
            <CardHeader>
              <CardTitle id="admins-heading">Admins</CardTitle>
              <CardDescription>Every Tech and Business admin gets each notification in the app and by email. Change roles under Users.</CardDescription>
            </CardHeader>
            <div className="mt-4">
              {audience.admins.length === 0 ? (
                <EmptyState title="No active admins">Make a user a Tech or Business admin under Users, so someone hears about the credits.</EmptyState>
              ) : (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Name</TableHead>
                      <TableHead>Email</TableHead>
                      <TableHead>Role</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {audience.admins.map((admin) => (
                      <TableRow key={admin.id}>
                        <TableCell className="font-medium text-neutral-900">{admin.name}</TableCell>
                        <TableCell>{admin.email}</TableCell>
                        <TableCell>{isRole(admin.role) ? ROLE_LABELS[admin.role] : admin.role}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </div>
          </section>
        </Card>

        <Card>
          <section aria-labelledby="extra-heading">
            <CardHeader>
              <div className="flex flex-wrap items-start justify-between gap-4">
                <div className="min-w-0 flex-1 basis-80">
                  <CardTitle id="extra-heading">Also email</CardTitle>
                  <CardDescription>
                    Up to {NOTIFICATION_RECIPIENTS_MAX} more addresses, such as a finance mailing list, get the same emails as the admins (no in-app
                    notification).
                    {full ? " The list is full: remove an address to add another." : ""}
                  </CardDescription>
                </div>
                <AddRecipientDialog disabled={full} />
              </div>
            </CardHeader>
            <div className="mt-4">
              {audience.extra.length === 0 ? (
                <EmptyState title="No extra recipients">Only the admins above are emailed. Add an address to email someone else too.</EmptyState>
              ) : (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Email</TableHead>
                      <TableHead>Added</TableHead>
                      <TableHead className="text-right">
                        <span className="sr-only">Actions</span>
                      </TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {audience.extra.map((recipient) => (
                      <TableRow key={recipient.email}>
                        <TableCell className="font-medium text-neutral-900">{recipient.email}</TableCell>
                        <TableCell>{formatCompanyDate(recipient.createdAt, company.timeZone)}</TableCell>
                        <TableCell className="text-right">
                          <RemoveRecipientDialog email={recipient.email} />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </div>
          </section>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Delivery</CardTitle>
            <CardDescription>
              {smtp.kind === "configured" ? (
                <>
                  Emails are sent through SMTP at <code className="font-mono">{smtpAddress(smtp.settings)}</code>, within about 15 seconds.
                </>
              ) : (
                <>
                  {smtp.kind === "invalid" ? "SMTP is set up wrongly" : "SMTP is not configured"}: emails are kept in the email outbox for the admins to read.
                </>
              )}{" "}
              Every email, sent or kept, is listed in the{" "}
              <Link href="/admin-center/settings/outbox" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
                Email outbox
              </Link>
              .
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SendTestEmailButton />
          </CardContent>
        </Card>
      </div>
    </Announcer>
  );
}

/** "mail.example.com:587": where mail goes, never the user name or password. */
function smtpAddress(settings: SmtpSettings): string {
  const { host, port } = describeSmtp(settings);
  return `${host}:${port}`;
}

/** "60, 80, 90, 95 and 100%". */
function percents(values: readonly number[]): string {
  return `${values.slice(0, -1).join(", ")} and ${values[values.length - 1]}%`;
}
