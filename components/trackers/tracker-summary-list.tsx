// A list of trackers in words: name, kind, and status as a badge (a pause's reason after it), with
// what a page offers beside each (the credits page: its controls). The credits page and /trackers
// show it.
import type { ReactNode } from "react";
import type { TrackerSummary } from "@/lib/trackers/queries";
import { trackerStatus, trackerTypeLabel } from "@/lib/trackers/status";

const STATUS_TONES: Record<string, string> = {
  published: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  paused: "bg-amber-50 text-amber-900 ring-amber-200",
  draft: "bg-neutral-100 text-neutral-700 ring-neutral-200",
  unpublished: "bg-neutral-100 text-neutral-700 ring-neutral-200",
};

export function TrackerSummaryList({
  trackers,
  empty,
  actions,
  className = "divide-y divide-neutral-200",
}: {
  trackers: readonly TrackerSummary[];
  /** What an empty list says. */
  empty: ReactNode;
  actions?: (tracker: TrackerSummary) => ReactNode;
  className?: string;
}) {
  if (trackers.length === 0) return <div className="px-5 py-10 text-center text-sm text-neutral-600">{empty}</div>;
  return (
    <ul className={className}>
      {trackers.map((t) => (
        <li key={t.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-5 py-3">
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-neutral-900">{t.name}</p>
            <p className="text-xs text-neutral-500">{trackerTypeLabel(t.type)}</p>
          </div>
          <div className="flex flex-wrap items-center justify-end gap-x-3 gap-y-2">
            <TrackerStatus tracker={t} />
            {actions?.(t)}
          </div>
        </li>
      ))}
    </ul>
  );
}

// The status word as a badge; a pause's reason follows it as text ("Paused — Credits ran out
// on …"), since reasons run to a sentence.
function TrackerStatus({ tracker }: { tracker: TrackerSummary }) {
  const { word, reason } = trackerStatus(tracker);
  const badge = (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STATUS_TONES[tracker.status] ?? STATUS_TONES.draft}`}
    >
      {word}
    </span>
  );
  if (reason === "") return badge;
  return (
    <p className="max-w-md text-xs text-neutral-700 sm:text-right">
      {badge} <span>— {reason}</span>
    </p>
  );
}
