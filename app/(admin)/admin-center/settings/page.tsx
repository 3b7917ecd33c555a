// The Settings tab's landing page: says what is here, so the tab is never a blank screen.
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsHome() {
  await requirePermission("/admin-center/settings", "credits.read");
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-semibold text-neutral-900">Settings</h1>
      <p className="mt-2 text-sm text-neutral-600">
        Choose a setting from the list. Under Reports, Gong credits shows the credits your company has left, its total credits, and when each grant expires.
      </p>
    </div>
  );
}
