// The company's trackers: each with its type and its filters in words, its status in words (a
// paused tracker says why), how far a published or paused one has got, and the controls that apply.
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TrackerControls } from "./tracker-controls";
import { backfillWords, filterWords, itemsWords, statusWord, type TrackerView, typeWords } from "./tracker-view";

const STATUS_TONES: Record<string, string> = {
  published: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  paused: "bg-amber-50 text-amber-900 ring-amber-300",
  draft: "bg-neutral-100 text-neutral-700 ring-neutral-200",
  unpublished: "bg-white text-neutral-600 ring-neutral-300",
};

/** `teams`: the company's teams, to name them in filters and to choose them in "Edit filters". */
export function TrackersTable({ trackers, teams }: { trackers: TrackerView[]; teams: ReadonlyArray<{ id: string; name: string }> }) {
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  if (trackers.length === 0) {
    return (
      <div className="px-5 py-10 text-center">
        <p className="text-sm font-medium text-neutral-900">No trackers yet</p>
        <p className="mt-1 text-sm text-neutral-600">Create one with “New tracker”. A draft uses no credits until it is published.</p>
      </div>
    );
  }
  return (
    <Table>
      <TableHeader>
        <tr>
          <TableHead>Tracker</TableHead>
          <TableHead>Type</TableHead>
          <TableHead>Filters</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {trackers.map((t) => {
          const type = typeWords(t.type);
          const ask = t.type === "pretrained" ? t.phrases.split("\n").filter(Boolean).join(", ") : t.question;
          return (
            <TableRow key={t.id}>
              <TableCell className="max-w-64">
                <p className="font-medium text-neutral-900">{t.name}</p>
                {ask ? <p className="mt-0.5 line-clamp-2 text-xs text-neutral-500">{ask}</p> : null}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <p>{type.label}</p>
                <p className="text-xs text-neutral-500">{type.cost}</p>
              </TableCell>
              <TableCell className="min-w-48">
                <p>{filterWords(t, teamNames)}</p>
                <p className="text-xs text-neutral-500">{backfillWords(t.backfillDays)}</p>
              </TableCell>
              <TableCell className="min-w-60">
                <TrackerStatusCell tracker={t} />
              </TableCell>
              <TableCell>
                <TrackerControls tracker={t} teams={teams} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function TrackerStatusCell({ tracker }: { tracker: TrackerView }) {
  const reason = tracker.status === "paused" ? tracker.pausedReason.trim() : "";
  return (
    <div className="space-y-1">
      <span
        className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_TONES[tracker.status] ?? STATUS_TONES.draft}`}
      >
        {statusWord(tracker.status)}
      </span>
      {reason ? <p className="max-w-64 text-xs text-amber-900">{reason}</p> : null}
      {tracker.progress ? <TrackerProgress tracker={tracker} progress={tracker.progress} /> : null}
    </div>
  );
}

function TrackerProgress({ tracker, progress }: { tracker: TrackerView; progress: { processed: number; total: number } }) {
  // Results are kept after their call or email is gone, so the count can pass the total; the bar stops at full.
  const share = progress.total === 0 ? 1 : Math.min(1, progress.processed / progress.total);
  return (
    <div className="max-w-64">
      <div aria-hidden="true" className="h-1.5 overflow-hidden rounded-full bg-neutral-200">
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p className="mt-1 text-xs text-neutral-600">
        {progress.processed.toLocaleString("en-US")} of {itemsWords(progress.total, tracker)} processed
      </p>
    </div>
  );
}
