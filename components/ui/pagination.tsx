// Paging a newest-first list 50 rows at a time; the page number lives in the URL (?page=), so a
// page can be linked to and reloaded. `noun` names the rows ("entry"/"entries").
import Link from "next/link";
import { EmptyState } from "./empty-state";

const linkClass = "inline-flex h-9 items-center rounded-md border border-neutral-300 bg-white px-3 text-sm font-medium text-neutral-900 hover:bg-neutral-100";
const offClass = "inline-flex h-9 items-center rounded-md border border-neutral-200 px-3 text-sm font-medium text-neutral-400";

export function Pagination({
  label,
  basePath,
  page,
  pageCount,
  total,
  noun,
}: {
  label: string;
  basePath: string;
  page: number;
  pageCount: number;
  total: number;
  noun: [one: string, many: string];
}) {
  const href = (n: number) => (n <= 1 ? basePath : `${basePath}?page=${n}`);
  const [one, many] = noun;
  const step = (text: string, to: number | null, rel: "prev" | "next") =>
    to === null ? (
      <span aria-disabled="true" className={offClass}>
        {text}
      </span>
    ) : (
      <Link href={href(to)} className={linkClass} rel={rel}>
        {text}
      </Link>
    );
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3 border-t border-neutral-200 px-5 py-3">
      <p className="text-sm text-neutral-600">
        Page {page} of {pageCount} · {total.toLocaleString("en-US")} {total === 1 ? one : many}
      </p>
      <div className="flex gap-2">
        {step(`Newer ${many}`, page > 1 ? Math.min(page - 1, pageCount) : null, "prev")}
        {step(`Older ${many}`, page < pageCount ? page + 1 : null, "next")}
      </div>
    </nav>
  );
}

/** A ?page= past the last one: say so, and link back to the newest rows. */
export function PageOutOfRange({
  subject,
  basePath,
  page,
  pageCount,
  noun,
}: {
  subject: string;
  basePath: string;
  page: number;
  pageCount: number;
  noun: string;
}) {
  return (
    <EmptyState title={`There is no page ${page}`}>
      {subject} has {pageCount} {pageCount === 1 ? "page" : "pages"}.{" "}
      <Link href={basePath} className="font-medium text-brand-700 underline hover:text-brand-800">
        Go to the newest {noun}
      </Link>
      .
    </EmptyState>
  );
}
