"use client";
// "Publish" (R-TRACK-1/2): the dialog first shows what publishing will cost (the backfill, a
// month of new data, the credits remaining) and only then lets the publish be confirmed. A
// pretrained tracker is free. At zero the server refuses a question-based publish (R-ZERO-1),
// and its message shows here.
import { useAction } from "next-safe-action/hooks";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { actionErrors } from "@/lib/actions/result";
import { estimateTrackerAction, publishTrackerAction } from "@/lib/trackers/actions";
import { TrackerActionDialog } from "./tracker-action-dialog";
import { itemsWords, type TrackerView } from "./tracker-view";

type Estimate = NonNullable<Awaited<ReturnType<typeof estimateTrackerAction>>["data"]>;

export function PublishTrackerDialog({ tracker }: { tracker: Pick<TrackerView, "id" | "name" | "type" | "includeCalls" | "includeEmails"> }) {
  // Asked again at each opening; only the latest request's answer counts.
  const estimate = useAction(estimateTrackerAction);
  const loadEstimate = () => estimate.execute({ trackerId: tracker.id });
  const failure = estimate.hasErrored
    ? (actionErrors(estimate, {
        unreachable: "The estimate could not be loaded: the server could not be reached. Check your connection and try again.",
      }).form ?? "The estimate could not be made.")
    : undefined;

  const free = tracker.type === "pretrained";
  return (
    <TrackerActionDialog
      tracker={tracker}
      label="Publish"
      pendingLabel="Publishing…"
      variant="primary"
      title={`Publish “${tracker.name}”?`}
      description={
        free
          ? "It processes its backfill, then new calls and emails as they arrive."
          : "It processes its backfill, then new calls and emails as they arrive, using credits for each one no question-based tracker has processed yet."
      }
      canConfirm={estimate.hasSucceeded}
      run={publishTrackerAction}
      done={`Published “${tracker.name}”.`}
      onOpen={loadEstimate}
    >
      {estimate.hasSucceeded ? (
        <EstimateView tracker={tracker} estimate={estimate.result.data} />
      ) : failure ? (
        <div className="space-y-2">
          <FormError message={`${failure} Publishing waits until the estimate is shown.`} />
          <Button variant="secondary" className="h-8 px-3" onClick={loadEstimate}>
            Try the estimate again
          </Button>
        </div>
      ) : (
        <p role="status" className="rounded-md border border-neutral-200 bg-neutral-50 px-3 py-6 text-center text-sm text-neutral-600">
          Estimating the cost…
        </p>
      )}
    </TrackerActionDialog>
  );
}

function EstimateView({ tracker, estimate }: { tracker: Pick<TrackerView, "name" | "type" | "includeCalls" | "includeEmails">; estimate: Estimate }) {
  const days = estimate.backfillDays;
  const historyWords = days === 0 ? "no past days" : `the last ${days.toLocaleString("en-US")} ${days === 1 ? "day" : "days"}`;
  if (estimate.free) {
    return (
      <div className="space-y-2">
        <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">
          Free: pretrained trackers do not use credits.
        </p>
        <p className="text-sm text-neutral-600">Its backfill covers {historyWords}.</p>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <dl className="divide-y divide-neutral-200 rounded-md border border-neutral-200">
        <EstimateRow
          term="Backfill"
          detail={
            days === 0
              ? "No backfill: only new calls and emails"
              : estimate.backfillItems === 0
                ? `Everything from ${historyWords} is already processed`
                : `${itemsWords(estimate.backfillItems, tracker)} not yet processed, from ${historyWords}`
          }
          value={`${estimate.backfillCredits} credits`}
        />
        <EstimateRow
          term="A month of new data"
          detail={`About ${itemsWords(estimate.monthItems, tracker)}, at the rate of the last 30 days`}
          value={`${estimate.monthCredits} credits`}
        />
        <EstimateRow term="Credits remaining" detail="Your company's shared balance, now" value={estimate.remainingCredits} strong />
      </dl>
      <p className="text-xs text-neutral-500">Calls and emails a question-based tracker has already processed are not charged again.</p>
      {estimate.backfillExceedsBalance ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <strong className="font-semibold">The backfill needs more credits than remain.</strong> When credits run out, question-based trackers pause;
          everything processed until then is kept.
        </p>
      ) : null}
    </div>
  );
}

function EstimateRow({ term, detail, value, strong = false }: { term: string; detail: string; value: string; strong?: boolean }) {
  return (
    <div className="grid grid-cols-[1fr_auto] gap-x-4 px-3 py-2.5">
      <dt className="text-sm font-medium text-neutral-900">{term}</dt>
      <dd className={`row-span-2 text-right text-sm tabular-nums ${strong ? "font-semibold text-neutral-900" : "text-neutral-800"}`}>{value}</dd>
      <dd className="text-xs text-neutral-500">{detail}</dd>
    </div>
  );
}
