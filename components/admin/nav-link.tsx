"use client";
// A navigation link that knows whether it is the current page (aria-current="page") or the
// section the current page is in (aria-current="true"). It marks both with data-active, so
// callers style them with Tailwind's `data-active:` variant, which wins over the base classes
// without any class merging. This is the shell's only client code: the path is known in the
// browser on every navigation, without re-rendering layouts.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export function NavLink({ href, className, children }: { href: string; className: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href ? "page" : pathname.startsWith(`${href}/`) ? "true" : undefined;
  return (
    <Link href={href} aria-current={current} data-active={current ? "" : undefined} className={className}>
      {children}
    </Link>
  );
}
