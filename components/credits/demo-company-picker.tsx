// Stand-in for sign-in, which comes in a later release: the company whose credits are shown is
// picked with ?company=<id>. Everything about that choice lives in this file, so removing it
// when sessions arrive is one import and one call in the page.
import Link from "next/link";

export type DemoCompany = { id: string; name: string };

/** The requested company; without a request, "Acme Corp" if present, else the first by name. */
export function chooseDemoCompany<C extends DemoCompany>(companiesByName: C[], requestedId: string | undefined): C | undefined {
  if (requestedId !== undefined) return companiesByName.find((c) => c.id === requestedId);
  return companiesByName.find((c) => c.name === "Acme Corp") ?? companiesByName[0];
}

export function DemoCompanyPicker({ companies, currentId }: { companies: DemoCompany[]; currentId: string | undefined }) {
  return (
    <aside
      aria-label="Demo company selection"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-dashed border-neutral-300 bg-white px-4 py-3 text-sm"
    >
      <p className="text-neutral-700">
        <span className="mr-2 rounded bg-neutral-900 px-1.5 py-0.5 text-xs font-semibold text-white">Demo</span>
        Demo company selection — sign-in comes in a later release
      </p>
      <ul className="flex flex-wrap gap-2">
        {companies.map((company) => {
          const current = company.id === currentId;
          return (
            <li key={company.id}>
              <Link
                href={`/admin-center/settings/credits?company=${encodeURIComponent(company.id)}`}
                aria-current={current ? "page" : undefined}
                className={
                  current
                    ? "rounded-full bg-brand-700 px-3 py-1 font-medium text-white"
                    : "rounded-full border border-neutral-300 px-3 py-1 text-neutral-700 hover:bg-neutral-100"
                }
              >
                {company.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
