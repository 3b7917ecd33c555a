"use client";
// Signs out through next-auth and returns to the sign-in page. The button is enabled once the
// page has hydrated: before that a click would have nothing to run.
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

export function SignOutButton() {
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={!hydrated || pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/sign-in" });
      }}
      className="rounded-md px-2 py-1 font-medium text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900 disabled:cursor-default disabled:text-neutral-400 disabled:hover:bg-transparent"
    >
      Sign out
    </button>
  );
}
