// The home page is the credits page: the only product page so far.
import { redirect } from "next/navigation";
import { connection } from "next/server";

export default async function Home() {
  // Wait for a request so the redirect is never prerendered into a cached static response.
  await connection();
  redirect("/admin-center/settings/credits");
}
