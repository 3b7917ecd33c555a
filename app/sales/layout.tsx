// The Sales pages' frame, in the Admin center's look: a top bar with the product, the Sales
// navigation and the user menu, above the page. Each page checks who may see it
// (lib/auth/page.ts); the layout only shows who is here.
import type { ReactNode } from "react";
import { can } from "@/lib/auth/roles";
import { getSessionActor } from "@/lib/auth/session";
import { SalesHeader } from "@/components/sales/sales-header";
import { UserMenu } from "@/components/shell/user-menu";

export default async function SalesLayout({ children }: { children: ReactNode }) {
  const actor = await getSessionActor();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <SalesHeader showCompanies={actor !== null && can(actor.role, "purchases.write")} userMenu={actor ? <UserMenu actor={actor} /> : null} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:px-8">
        {children}
      </main>
    </div>
  );
}
