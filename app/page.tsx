// The start page sends each role where its work is: admins to the credits page, members to
// their profile, Sales to the company list.
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { landingPath, requireActor } from "@/lib/auth/page";

export default async function Home() {
  await connection();
  redirect(landingPath(await requireActor("/")));
}
