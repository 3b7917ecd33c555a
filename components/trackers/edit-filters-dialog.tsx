"use client";
import { useRouter } from "next/navigation";
// "Edit filters" on a tracker's row (R-TRACK-3): the same filter fields as "New tracker", started
// from the tracker's own, and its backfill, which changes only while it is a draft or unpublished
// (publishing then shows the new estimate). The change applies to new calls and emails and to the
// backlog; the server checks it (domains, the company's own teams) and each refusal shows beside
// its field.
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useRef, useState } from "react";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { actionErrors } from "@/lib/actions/result";
import { updateTrackerFiltersAction } from "@/lib/trackers/actions";
import { BackfillField, FILTER_FIELDS, readFilterFields, TrackerFilterFields } from "./tracker-filter-fields";
import type { TrackerView } from "./tracker-view";

export function EditFiltersDialog({ tracker, teams }: { tracker: TrackerView; teams: ReadonlyArray<{ id: string; name: string }> }) {
  const router = useRouter();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useAction(updateTrackerFiltersAction, {
    onSuccess: ({ data }) => {
      setOpen(false);
      announce(data.filtersChanged ? `Saved the filters of “${data.name}”.` : `The filters of “${data.name}” are unchanged.`);
      router.refresh();
    },
  });
  const backfillFixed = tracker.status === "published" || tracker.status === "paused";
  const errors = actionErrors(save, {
    fields: [...FILTER_FIELDS, "backfillDays"],
    unreachable: "The filters were not saved: the server could not be reached. Check your connection and try again.",
  });
  useFocusFirstInvalid(formRef, save);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const backfillDays = form.get("backfillDays");
    save.execute({ trackerId: tracker.id, ...readFilterFields(form), ...(backfillDays === null ? {} : { backfillDays: String(backfillDays) }) });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        save.reset();
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" className="h-8 px-3">
          Edit filters<span className="sr-only"> of {tracker.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Filters of “${tracker.name}”`}
        description="They apply to new calls and emails and to the backlog: calls and emails in its window that it has not taken yet are looked at again with these filters. What it already processed is kept and never charged twice."
      >
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <div className="-mx-1 max-h-[calc(100vh-18rem)] space-y-4 overflow-y-auto px-1 pb-1">
            <FormError message={errors.form} />
            <TrackerFilterFields idPrefix={`filters-${tracker.id}`} teams={teams} defaults={tracker} errors={errors.fields} />
            <BackfillField
              id={`filters-${tracker.id}-backfill`}
              hint={
                backfillFixed
                  ? "Past days it processed when published. To change it, unpublish the tracker first."
                  : "Past days processed on publish; at most 365. Publishing shows the estimate."
              }
              defaultValue={String(tracker.backfillDays)}
              error={errors.fields.backfillDays}
              fixed={backfillFixed}
            />
          </div>
          <div className="mt-4 flex justify-end gap-2 border-t border-neutral-200 pt-4">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={save.isPending} aria-disabled={save.isPending || undefined}>
              {save.isPending ? "Saving…" : "Save filters"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
