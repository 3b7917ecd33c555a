// Shown while the balance is read: the page's shape, so nothing jumps when the figures arrive.
export default function Loading() {
  return (
    <div className="flex max-w-5xl flex-col gap-6" aria-busy="true">
      <p className="sr-only" role="status">
        Loading credits…
      </p>
      <div aria-hidden="true" className="h-12 animate-pulse rounded-lg bg-neutral-200/70" />
      <div aria-hidden="true" className="h-8 w-48 animate-pulse rounded bg-neutral-200/70" />
      <div aria-hidden="true" className="grid gap-4 sm:grid-cols-2">
        <div className="h-36 animate-pulse rounded-lg bg-neutral-200/70" />
        <div className="h-36 animate-pulse rounded-lg bg-neutral-200/70" />
      </div>
      <div aria-hidden="true" className="h-64 animate-pulse rounded-lg bg-neutral-200/70" />
    </div>
  );
}
