"use client";
import { useRouter } from "next/navigation";
// One tracker control (Publish, Unpublish, Resume): a button that opens a dialog saying what
// will happen, and a confirm button that runs the server action. A refusal (no credits left,
// say) shows in the dialog; a success closes it, announces the outcome and refreshes the page.
import { useAction } from "next-safe-action/hooks";
import { type ReactNode, useState } from "react";
import { useAnnounce } from "@/components/ui/announcer";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { actionErrors } from "@/lib/actions/result";
import type { publishTrackerAction } from "@/lib/trackers/actions";

/** Publish, unpublish and resume take the same input and answer the same shape. */
type TrackerAction = typeof publishTrackerAction;

export type TrackerActionDialogProps = {
  tracker: { id: string; name: string };
  /** The button in the row and the confirm button, e.g. "Publish". */
  label: string;
  pendingLabel: string;
  /** The confirm button's look; the row's buttons are all quiet, so a table of them is not loud. */
  variant?: ButtonProps["variant"];
  title: string;
  description: ReactNode;
  /** What the dialog shows before the buttons (the estimate, for Publish). */
  children?: ReactNode;
  /** False while something the person must see first is still loading. */
  canConfirm?: boolean;
  run: TrackerAction;
  /** The announcement after success, e.g. "Published “Renewal risk”." */
  done: string;
  onOpen?: () => void;
};

export function TrackerActionDialog({
  tracker,
  label,
  pendingLabel,
  variant = "primary",
  title,
  description,
  children,
  canConfirm = true,
  run,
  done,
  onOpen,
}: TrackerActionDialogProps) {
  const router = useRouter();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const action = useAction(run, {
    onSuccess: () => {
      setOpen(false);
      announce(done);
      router.refresh();
    },
  });
  const errors = actionErrors(action, {
    unreachable: `“${tracker.name}” was not changed: the server could not be reached. Check your connection and try again.`,
  });

  function onOpenChange(next: boolean) {
    setOpen(next);
    action.reset();
    if (next) onOpen?.();
  }

  function confirm() {
    if (canConfirm) action.execute({ trackerId: tracker.id });
  }

  const pending = action.isPending;
  const busy = pending || !canConfirm;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="secondary" className="h-8 px-3">
          {label}
          <span className="sr-only"> {tracker.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        <div className="space-y-4">
          {children}
          <FormError message={errors.form} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant={variant} onClick={confirm} disabled={pending} aria-disabled={busy || undefined}>
              {pending ? pendingLabel : label}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
