// The Settings tab: its section navigation beside the chosen setting.
// The navigation shows what the role may open; each page still checks on the server.
import type { ReactNode } from "react";
import { SettingsNav } from "@/components/admin/settings-nav";
import { getSessionActor } from "@/lib/auth/session";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const actor = await getSessionActor();
  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:gap-8">
      {actor ? <SettingsNav role={actor.role} /> : null}
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
