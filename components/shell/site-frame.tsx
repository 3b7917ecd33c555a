// The frame of pages outside the Admin center (profile, briefs, Sales): a skip link, a top bar
// with the product mark, the places this role may go, the notification bell and the user menu,
// and the page. Links show only what the role may open; every page still checks on the server.
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink } from "@/components/admin/nav-link";
import { NotificationBell } from "@/components/notify/notification-bell";
import { can, type Permission } from "@/lib/auth/roles";
import { getSessionActor } from "@/lib/auth/session";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { UserMenu } from "./user-menu";

/** `unless`: left out for roles that have it (admins draft and publish trackers in the Admin center). */
const PLACES: Array<{ href: string; label: string; permission: Permission; unless?: Permission; salesOnly?: boolean }> = [
  { href: "/admin-center", label: "Admin center", permission: "credits.read" },
  { href: "/briefs", label: "Briefs", permission: "briefs.use" },
  { href: "/trackers", label: "Trackers", permission: "trackers.draft", unless: "trackers.write" },
  { href: "/sales", label: "Companies", permission: "purchases.write" },
];

export async function SiteFrame({ children, width = "max-w-5xl" }: { children: ReactNode; width?: "max-w-5xl" | "max-w-6xl" }) {
  const actor = await getSessionActor();
  const company = actor?.companyId ? await getCompanyProfile(getDatabase().prisma, { companyId: actor.companyId }) : null;
  const places = actor ? PLACES.filter((p) => can(actor.role, p.permission) && !(p.unless && can(actor.role, p.unless))) : [];
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <header className="border-b border-neutral-200 bg-white">
        <div className={`mx-auto flex h-14 ${width} items-center justify-between gap-4 px-4 sm:px-8`}>
          <div className="flex items-center gap-6">
            <Link href="/" className="flex items-center gap-2">
              <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-brand-700 text-sm font-bold text-white">
                C
              </span>
              <span className="text-sm font-semibold text-neutral-900">Credits</span>
            </Link>
            {places.length ? (
              <nav aria-label="Main">
                <ul className="flex gap-1 text-sm">
                  {places.map((p) => (
                    <li key={p.href}>
                      <NavLink
                        href={p.href}
                        className="rounded-md px-3 py-1.5 font-medium text-neutral-600 hover:bg-neutral-100 hover:text-neutral-900 data-active:bg-brand-50 data-active:text-brand-800"
                      >
                        {p.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </div>
          {actor ? (
            <div className="flex items-center gap-3">
              <NotificationBell actor={actor} />
              <UserMenu actor={actor} companyName={company?.name} />
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`mx-auto w-full ${width} flex-1 px-4 py-6 focus:outline-none sm:px-8`}>
        {children}
      </main>
    </div>
  );
}
