// The Settings tab's own navigation, grouped by section. "Reports" > "Gong credits" is how
// admins reach the credits page (R-PAGE-3).
import { NavLink } from "./nav-link";

const SECTIONS = [
  { title: "Reports", links: [{ href: "/admin-center/settings/credits", label: "Gong credits" }] },
] as const;

export function SettingsNav() {
  return (
    <nav aria-label="Settings" className="w-48 shrink-0">
      {SECTIONS.map((section) => {
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
