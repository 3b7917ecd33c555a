"use client";
// "Remove" on a budget: asks first, saying what follows (charges in its scope are no longer
// limited by it; trackers it paused resume).
import { useAction } from "next-safe-action/hooks";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useSavedDialog } from "@/components/ui/use-saved-dialog";
import { actionErrors } from "@/lib/actions/result";
import { removeBudgetAction } from "@/lib/budgets/actions";

export function RemoveBudgetDialog({ budget }: { budget: { id: string; name: string } }) {
  const { open, setOpen, onSuccess } = useSavedDialog(() => `Removed the budget “${budget.name}”.`);
  const remove = useAction(removeBudgetAction, { onSuccess });
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
