// The Admin center opens on its only tab so far, Settings.
import { redirect } from "next/navigation";

export default function AdminCenterHome() {
  redirect("/admin-center/settings");
}
