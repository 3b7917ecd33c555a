// Who is signed in, with links to their profile and to sign out. Shown in every shell.
import Link from "next/link";
import type { Actor } from "@/lib/auth/authorize";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { SignOutButton } from "./sign-out-button";

export function UserMenu({ actor, companyName }: { actor: Actor; companyName?: string | null }) {
  return (
    <nav aria-label="User menu" className="flex items-center gap-3 text-sm">
      <span className="hidden text-right leading-tight sm:block">
        <span className="block font-medium text-neutral-900">{actor.name}</span>
        <span className="block text-xs text-neutral-500">
          {ROLE_LABELS[actor.role]}
          {companyName ? ` · ${companyName}` : ""}
        </span>
      </span>
      <Link href="/profile" className="rounded-md px-2 py-1 font-medium text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900">
        Profile
      </Link>
      <SignOutButton />
    </nav>
  );
}
