// The top bar of pages outside the Admin center (the profile): the product mark, the way back
// to the signed-in user's work, and the user menu. Links only show what the role may open;
// each page still checks on the server.
import Link from "next/link";
import type { Actor } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/roles";
import { UserMenu } from "@/components/shell/user-menu";

export function SiteHeader({ actor, companyName }: { actor: Actor | null; companyName?: string | null }) {
  return (
    <header className="border-b border-neutral-200 bg-white">
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-4 px-4 sm:px-8">
        <div className="flex items-center gap-6">
          <Link href="/" className="flex items-center gap-2">
            <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-brand-700 text-sm font-bold text-white">
              C
            </span>
            <span className="text-sm font-semibold text-neutral-900">Credits</span>
          </Link>
          {actor ? (
            <nav aria-label="Main">
              <ul className="flex gap-4 text-sm">
                {can(actor.role, "credits.read") ? (
                  <li>
                    <Link href="/admin-center" className="font-medium text-neutral-600 hover:text-neutral-900">
                      Admin center
                    </Link>
                  </li>
                ) : null}
                {actor.role === "sales" ? (
                  <li>
                    <Link href="/sales" className="font-medium text-neutral-600 hover:text-neutral-900">
                      Companies
                    </Link>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </div>
        {actor ? <UserMenu actor={actor} companyName={companyName} /> : null}
      </div>
    </header>
  );
}
