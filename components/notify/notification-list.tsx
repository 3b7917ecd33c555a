// A user's notifications, newest first: each with its title, text and time in the company's
// zone, marked unread in words (not only colour) until read.

import { formatCompanyDate, formatCompanyTime } from "@/components/credits/company-time";
import { Badge } from "@/components/ui/badge";
import type { NotificationItem } from "@/lib/notify/inbox";
import { MarkReadButton } from "./mark-read-button";

export function NotificationList({ items, timeZone }: { items: NotificationItem[]; timeZone: string }) {
  return (
    <ul aria-label="Notifications" className="divide-y divide-neutral-200">
      {items.map((item) => {
        const unread = item.readAt === null;
        return (
          <li key={item.id} className={unread ? "bg-brand-50/50" : undefined}>
            <article aria-labelledby={`ntf-${item.id}`} className="flex items-start gap-3 px-5 py-4">
              <span aria-hidden="true" className={`mt-1.5 size-2 shrink-0 rounded-full ${unread ? "bg-brand-700" : "bg-transparent"}`} />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <h2 id={`ntf-${item.id}`} className={`text-sm text-neutral-900 ${unread ? "font-semibold" : "font-medium"}`}>
                    {item.title}
                  </h2>
                  <Badge tone={unread ? "brand" : "neutral"}>{unread ? "Unread" : "Read"}</Badge>
                </div>
                <p className="mt-1 max-w-3xl text-sm text-neutral-700">{item.body}</p>
                <p className="mt-1.5 text-xs text-neutral-500">
                  <time dateTime={item.createdAt.toISOString()}>
                    {formatCompanyDate(item.createdAt, timeZone)} at {formatCompanyTime(item.createdAt, timeZone)}
                  </time>
                </p>
              </div>
              {unread ? <MarkReadButton notificationId={item.id} title={item.title} /> : null}
            </article>
          </li>
        );
      })}
    </ul>
  );
}
