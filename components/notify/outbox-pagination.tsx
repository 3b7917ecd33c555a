// Moving through the outbox 50 emails at a time; the page number lives in the URL (?page=), so
// a page can be linked to and reloaded.
import Link from "next/link";

const linkClass = "inline-flex h-9 items-center rounded-md border border-neutral-300 bg-white px-3 text-sm font-medium text-neutral-900 hover:bg-neutral-100";
const offClass = "inline-flex h-9 items-center rounded-md border border-neutral-200 px-3 text-sm font-medium text-neutral-400";

export function OutboxPagination({ basePath, page, pageCount, total }: { basePath: string; page: number; pageCount: number; total: number }) {
  const href = (n: number) => (n <= 1 ? basePath : `${basePath}?page=${n}`);
  return (
    <nav aria-label="Outbox pages" className="flex flex-wrap items-center justify-between gap-3 border-t border-neutral-200 px-5 py-3">
      <p className="text-sm text-neutral-600">
        Page {page} of {pageCount} · {total.toLocaleString("en-US")} {total === 1 ? "email" : "emails"}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(Math.min(page - 1, pageCount))} className={linkClass} rel="prev">
            Newer emails
          </Link>
        ) : (
          <span aria-disabled="true" className={offClass}>
            Newer emails
          </span>
        )}
        {page < pageCount ? (
          <Link href={href(page + 1)} className={linkClass} rel="next">
            Older emails
          </Link>
        ) : (
          <span aria-disabled="true" className={offClass}>
            Older emails
          </span>
        )}
      </div>
    </nav>
  );
}
