// The top bar of the Sales pages, in the Admin center's look: the product mark, the Sales
// navigation, and the user menu at the right (passed in by the layout, which knows who is here).
// A company's admin reading their own purchases here gets no "Companies": that list is Sales'.
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink } from "@/components/admin/nav-link";

export function SalesHeader({ showCompanies, userMenu }: { showCompanies: boolean; userMenu?: ReactNode }) {
  return (
    <header className="border-b border-neutral-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4 sm:px-8">
        <div className="flex items-center gap-6">
          <Link href="/" className="flex items-center gap-2">
            <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-brand-700 text-sm font-bold text-white">
              C
            </span>
            <span className="text-sm font-semibold text-neutral-900">Credits</span>
          </Link>
          {showCompanies ? (
            <nav aria-label="Main">
              <ul className="flex gap-1 text-sm">
                <li>
                  <NavLink
                    href="/sales"
                    className="rounded-md px-3 py-1.5 font-medium text-neutral-600 hover:bg-neutral-100 hover:text-neutral-900 data-active:bg-brand-50 data-active:text-brand-800"
                  >
                    Companies
                  </NavLink>
                </li>
              </ul>
            </nav>
          ) : null}
        </div>
        {userMenu}
      </div>
    </header>
  );
}
