// /notifications (linked from the bell): the signed-in user's notifications, newest first, with
// "Mark all as read". Usage alerts (R-NOTIFY-1) go to a company's admins; everyone else sees
// the empty state that says so.
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { timeZoneShortName } from "@/components/credits/company-time";
import { MarkAllReadButton } from "@/components/notify/mark-read-button";
import { NotificationList } from "@/components/notify/notification-list";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireActor } from "@/lib/auth/page";
import { systemClock } from "@/lib/clock";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { countUnreadNotifications, listNotifications, NOTIFICATIONS_SHOWN } from "@/lib/notify/inbox";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await connection();
  const actor = await requireActor("/notifications");
  if (!actor.companyId) {
    return (
      <Frame>
        <Card>
          <EmptyState title="No notifications">Usage alerts go to each company&rsquo;s Tech and Business admins.</EmptyState>
        </Card>
      </Frame>
    );
  }
  const scope = { companyId: actor.companyId, userId: actor.userId };
  const { prisma } = getDatabase();
  const [company, list, unread] = await Promise.all([
    getCompanyProfile(prisma, { companyId: actor.companyId }),
    listNotifications(prisma, scope),
    countUnreadNotifications(prisma, scope),
  ]);

  return (
    <Frame>
      <Card>
        <div className="flex items-start justify-between gap-4 px-5 pt-5">
          <div className="flex flex-col gap-1">
            <CardTitle>{unread === 0 ? "All read" : `${unread} unread`}</CardTitle>
            <CardDescription>
              Times in {company.timeZone} ({timeZoneShortName(company.timeZone, systemClock.now())}). Newest first.
              {list.total > list.items.length ? ` Showing the ${NOTIFICATIONS_SHOWN} newest of ${list.total}.` : null}
            </CardDescription>
          </div>
          {unread > 0 ? <MarkAllReadButton /> : null}
        </div>
        <div className="mt-4 border-t border-neutral-200">
          {list.items.length === 0 ? (
            <EmptyState title="No notifications yet">
              You will get one here, and by email, when your company&rsquo;s usage reaches 60, 80, 90, 95 and 100% of its credits.
            </EmptyState>
          ) : (
            <NotificationList items={list.items} timeZone={company.timeZone} />
          )}
        </div>
      </Card>
    </Frame>
  );
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold text-neutral-900">Your notifications</h1>
        <p className="mt-1 text-sm text-neutral-600">Alerts about your company&rsquo;s credits. Each one is also sent to you by email.</p>
      </div>
      {children}
    </div>
  );
}
