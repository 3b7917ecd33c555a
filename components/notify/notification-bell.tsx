// The bell in a header: a link to /notifications whose accessible name carries the unread count
// ("Notifications, 2 unread"); the visible badge repeats it for sighted users. A server
// component: the count is read for the signed-in user on every render of the header.
import Link from "next/link";
import type { Actor } from "@/lib/auth/authorize";
import { getDatabase } from "@/lib/db";
import { countUnreadNotifications } from "@/lib/notify/inbox";

export async function NotificationBell({ actor }: { actor: Actor }) {
  // Sales belong to no company and get no notifications.
  if (!actor.companyId) return null;
  const unread = await countUnreadNotifications(getDatabase().prisma, { companyId: actor.companyId, userId: actor.userId });
  return (
    <Link
      href="/notifications"
      aria-label={unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`}
      className="relative grid size-9 place-items-center rounded-md text-neutral-600 hover:bg-neutral-100 hover:text-neutral-900"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
        <path
          fillRule="evenodd"
          d="M10 2a6 6 0 0 0-6 6c0 1.887-.454 3.665-1.257 5.234a.75.75 0 0 0 .515 1.076 32.91 32.91 0 0 0 3.256.508 3.5 3.5 0 0 0 6.972 0 32.903 32.903 0 0 0 3.256-.508.75.75 0 0 0 .515-1.076A11.448 11.448 0 0 1 16 8a6 6 0 0 0-6-6ZM8.05 14.943a33.54 33.54 0 0 0 3.9 0 2 2 0 0 1-3.9 0Z"
          clipRule="evenodd"
        />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute -top-0.5 -right-0.5 grid h-4 min-w-4 place-items-center rounded-full bg-brand-700 px-1 text-[10px] leading-none font-semibold text-white"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
