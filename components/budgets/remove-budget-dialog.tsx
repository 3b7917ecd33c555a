"use client";
import { useRouter } from "next/navigation";
// "Remove" on a budget: asks first, saying what follows (charges in its scope are no longer
// limited by it; trackers it paused resume).
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { actionErrors } from "@/lib/actions/result";
import { removeBudgetAction } from "@/lib/budgets/actions";

export function RemoveBudgetDialog({ budget }: { budget: { id: string; name: string } }) {
  const router = useRouter();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const remove = useAction(removeBudgetAction, {
    onSuccess: () => {
      setOpen(false);
      announce(`Removed the budget “${budget.name}”.`);
      router.refresh();
    },
  });
  const errors = actionErrors(remove, {
    unreachable: `“${budget.name}” was not removed: the server could not be reached. Check your connection and try again.`,
  });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        remove.reset();
        setOpen(next);
      }}
      trigger={
        <Button variant="secondary" className="h-8 px-3">
          Remove<span className="sr-only"> {budget.name}</span>
        </Button>
      }
      title={`Remove “${budget.name}”?`}
      description="Charges in its scope are then limited only by the credits remaining, and trackers it paused resume. What was used stays in the reports."
      confirmLabel="Remove budget"
      pendingLabel="Removing…"
      pending={remove.isPending}
      error={errors.form}
      onConfirm={() => remove.execute({ budgetId: budget.id })}
    />
  );
}
