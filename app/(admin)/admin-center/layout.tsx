// The Admin center shell: the app sidebar on the left, the Admin center title and tabs on top,
// and the page in <main>. A skip link lets keyboard users jump past both navigations.
import type { ReactNode } from "react";
import { AdminCenterHeader } from "@/components/admin/admin-center-header";
import { AppSidebar } from "@/components/admin/app-sidebar";
import { NotificationBell } from "@/components/notify/notification-bell";
import { UserMenu } from "@/components/shell/user-menu";
import { getSessionActor } from "@/lib/auth/session";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";

// Pages check access themselves (lib/auth/page.ts); the layout only shows who is signed in.
export default async function AdminCenterLayout({ children }: { children: ReactNode }) {
  const actor = await getSessionActor();
  const company = actor?.companyId ? await getCompanyProfile(getDatabase().prisma, { companyId: actor.companyId }) : null;
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
        <AdminCenterHeader
          userMenu={
            actor ? (
              <div className="flex items-center gap-3">
                <NotificationBell actor={actor} />
                <UserMenu actor={actor} companyName={company?.name} />
              </div>
            ) : null
          }
        />
        <main id="main" tabIndex={-1} className="flex-1 px-8 py-6 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
