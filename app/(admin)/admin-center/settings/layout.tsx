// The Settings tab: its section navigation beside the chosen setting.
import type { ReactNode } from "react";
import { SettingsNav } from "@/components/admin/settings-nav";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:gap-8">
      <SettingsNav />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
