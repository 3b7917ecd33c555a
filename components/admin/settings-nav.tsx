// The Settings tab's own navigation, grouped by section. "Reports" > "Gong credits" is how
// admins reach the credits page (R-PAGE-3).
import { can, type Permission, type Role } from "@/lib/auth/roles";
import { NavLink } from "./nav-link";

const SECTIONS: Array<{ title: string; links: Array<{ href: string; label: string; permission: Permission }> }> = [
  { title: "Reports", links: [{ href: "/admin-center/settings/credits", label: "Gong credits", permission: "credits.read" }] },
  {
    title: "Company",
    links: [
      { href: "/admin-center/settings/users", label: "Users", permission: "users.manage" },
      { href: "/admin-center/settings/api-keys", label: "API keys", permission: "apikeys.manage" },
      { href: "/admin-center/settings/teams", label: "Teams", permission: "teams.manage" },
      { href: "/admin-center/settings/contract", label: "Contract and seats", permission: "settings.write" },
      { href: "/admin-center/settings/notifications", label: "Notifications", permission: "settings.write" },
      { href: "/admin-center/settings/outbox", label: "Email outbox", permission: "settings.write" },
      { href: "/admin-center/settings/audit", label: "Audit log", permission: "audit.read" },
    ],
  },
];

/** Only the settings the role may open (each page checks again on the server). */
export function SettingsNav({ role }: { role: Role }) {
  const sections = SECTIONS.map((s) => ({ ...s, links: s.links.filter((l) => can(role, l.permission)) })).filter((s) => s.links.length > 0);
  return (
    <nav aria-label="Settings" className="w-48 shrink-0">
      {sections.map((section) => {
        const id = `settings-section-${section.title.toLowerCase()}`;
        return (
          <div key={section.title} className="mb-6">
            <p id={id} className="px-3 pb-1 text-xs font-semibold tracking-wide text-neutral-500 uppercase">
              {section.title}
            </p>
            <ul aria-labelledby={id} className="flex flex-col gap-0.5">
              {section.links.map((link) => (
                <li key={link.href}>
                  <NavLink
                    href={link.href}
                    className="block rounded-md px-3 py-1.5 text-sm text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900 data-active:bg-brand-50 data-active:font-medium data-active:text-brand-800"
                  >
                    {link.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
