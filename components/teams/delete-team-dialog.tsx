"use client";
// "Delete" on a team: asks first, saying what becomes of its members. A refusal (a budget or a
// tracker filter still names the team) shows in the dialog with what to change first.
import { useAction } from "next-safe-action/hooks";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useSavedDialog } from "@/components/ui/use-saved-dialog";
import { actionErrors } from "@/lib/actions/result";
import { deleteTeamAction } from "@/lib/teams/actions";

export function DeleteTeamDialog({ team }: { team: { id: string; name: string; memberCount: number } }) {
  const { open, setOpen, onSuccess } = useSavedDialog(() => `Deleted the team “${team.name}”.`);
  const remove = useAction(deleteTeamAction, { onSuccess });
  const errors = actionErrors(remove, {
    unreachable: `“${team.name}” was not deleted: the server could not be reached. Check your connection and try again.`,
  });
  const members =
    team.memberCount === 0
      ? "It has no members."
      : `Its ${team.memberCount === 1 ? "member stays" : `${team.memberCount} members stay`} in the company, in no team.`;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        remove.reset();
        setOpen(next);
      }}
      trigger={
        <Button variant="secondary" className="h-8 px-3">
          Delete<span className="sr-only"> {team.name}</span>
        </Button>
      }
      title={`Delete “${team.name}”?`}
      description={`${members} Usage already charged to the team stays in past figures.`}
      confirmLabel="Delete team"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={errors.form}
      onConfirm={() => remove.execute({ teamId: team.id })}
    />
  );
}
