// The Admin center opens on its only tab so far, Settings.
import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/page";

export default async function AdminCenterHome() {
  await requirePermission("/admin-center", "credits.read");
  redirect("/admin-center/settings");
}
