// The notifications page's frame, in the Admin center's look: the app sidebar on the left and a
// title bar with the bell and the user menu. The page checks who may see it; the layout only
// shows who is here.
import type { ReactNode } from "react";
import { AppSidebar } from "@/components/admin/app-sidebar";
import { NotificationBell } from "@/components/notify/notification-bell";
import { UserMenu } from "@/components/shell/user-menu";
import { getSessionActor } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db";

export default async function NotificationsLayout({ children }: { children: ReactNode }) {
  const actor = await getSessionActor();
  const company = actor?.companyId ? await getDatabase().prisma.company.findUnique({ where: { id: actor.companyId }, select: { name: true } }) : null;
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <AppSidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="border-b border-neutral-200 bg-white px-8">
          <div className="flex items-center justify-between gap-4 py-4">
            <p className="text-xl font-semibold text-neutral-900">Notifications</p>
            {actor ? (
              <div className="flex items-center gap-3">
                <NotificationBell actor={actor} />
                <UserMenu actor={actor} companyName={company?.name} />
              </div>
            ) : null}
          </div>
        </header>
        <main id="main" tabIndex={-1} className="flex-1 px-8 py-6 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
