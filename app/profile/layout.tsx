// The profile's own frame, in the Admin center's look: a top bar with the user menu above the
// page. The page checks who may see it (lib/auth/page.ts); the layout only shows who is here.
import type { ReactNode } from "react";
import { getSessionActor } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db";
import { SiteHeader } from "@/components/profile/site-header";

export default async function ProfileLayout({ children }: { children: ReactNode }) {
  const actor = await getSessionActor();
  const company = actor?.companyId ? await getDatabase().prisma.company.findUnique({ where: { id: actor.companyId }, select: { name: true } }) : null;
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      {/* The user menu (components/shell/user-menu.tsx) sits at the right of this bar. */}
      <SiteHeader actor={actor} companyName={company?.name} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 focus:outline-none sm:px-8">
        {children}
      </main>
    </div>
  );
}
