// The Admin center's title bar and tab bar. "Admin center" is a label, not a heading: each
// page's own h1 ("Gong credits") is the heading a screen reader should land on.
import type { ReactNode } from "react";
import { NavLink } from "./nav-link";

const TABS = [
  { href: "/admin-center/settings", label: "Settings" },
  { href: "/admin-center/trackers", label: "Trackers" },
] as const;

export function AdminCenterHeader({ userMenu }: { userMenu?: ReactNode }) {
  return (
    <header className="border-b border-neutral-200 bg-white px-8">
      <div className="flex items-center justify-between gap-4 pt-4">
        <p className="text-xl font-semibold text-neutral-900">Admin center</p>
        {userMenu}
      </div>
      <nav aria-label="Admin center" className="mt-3">
        <ul className="-mb-px flex gap-6">
          {TABS.map((tab) => (
            <li key={tab.href}>
              <NavLink
                href={tab.href}
                className="inline-block border-b-2 border-transparent pb-3 text-sm font-medium text-neutral-600 hover:border-neutral-300 hover:text-neutral-900 data-active:border-brand-700 data-active:text-brand-800"
              >
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
