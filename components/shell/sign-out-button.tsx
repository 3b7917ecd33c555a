"use client";
// Signs out through next-auth and returns to the sign-in page.
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/sign-in" })}
      className="rounded-md px-2 py-1 font-medium text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900"
    >
      Sign out
    </button>
  );
}
