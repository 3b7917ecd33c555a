"use client";
// "New team" and "Rename": one dialog with the team's name, saved by a server action that checks
// the name (required, unique in the company whatever its case); its refusal shows beside the field.
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, type ReactElement, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { useSavedDialog } from "@/components/ui/use-saved-dialog";
import { type ActionOutcome, actionErrors } from "@/lib/actions/result";
import { createTeamAction, renameTeamAction } from "@/lib/teams/actions";
import { TEAM_NAME_MAX } from "@/lib/teams/schemas";

export function NewTeamDialog() {
  const saved = useSavedDialog(({ name }: { name: string }) => `Created the team “${name}”. Add its members next.`);
  const create = useAction(createTeamAction, { onSuccess: saved.onSuccess });
  return (
    <TeamNameDialog
      open={saved.open}
      setOpen={saved.setOpen}
      trigger={<Button>New team</Button>}
      title="New team"
      description="Then add its members. Charges a member makes through the API or MCP, and tracker charges for the calls and emails they own, count toward the team."
      submitLabel="Create team"
      action={create}
      run={(name) => create.execute({ name })}
    />
  );
}

export function RenameTeamDialog({ team }: { team: { id: string; name: string } }) {
  const saved = useSavedDialog(({ name }: { name: string }) => (name === team.name ? "The name is unchanged." : `Renamed “${team.name}” to “${name}”.`));
  const rename = useAction(renameTeamAction, { onSuccess: saved.onSuccess });
  return (
    <TeamNameDialog
      open={saved.open}
      setOpen={saved.setOpen}
      trigger={
        <Button variant="secondary" className="h-8 px-3">
          Rename<span className="sr-only"> {team.name}</span>
        </Button>
      }
      title={`Rename “${team.name}”`}
      submitLabel="Save name"
      initialName={team.name}
      action={rename}
      run={(name) => rename.execute({ teamId: team.id, name })}
    />
  );
}

function TeamNameDialog({
  open,
  setOpen,
  trigger,
  title,
  description,
  submitLabel,
  initialName = "",
  action,
  run,
}: {
  open: boolean;
  setOpen: (open: boolean) => void;
  trigger: ReactElement;
  title: string;
  description?: string;
  submitLabel: string;
  initialName?: string;
  action: ActionOutcome & { isPending: boolean; reset: () => void };
  run: (name: string) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const errors = actionErrors(action, {
    fields: ["name"],
    unreachable: "The team was not saved: the server could not be reached. Check your connection and try again.",
  });
  useFocusFirstInvalid(formRef, action);

  function onOpenChange(next: boolean) {
    if (next) action.reset();
    setOpen(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(String(new FormData(event.currentTarget).get("name") ?? ""));
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description}>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
          <FormError message={errors.form} />
          <Field id="team-name" label="Name" error={errors.fields.name}>
            {(aria) => <Input {...aria} name="name" autoComplete="off" autoFocus maxLength={TEAM_NAME_MAX} defaultValue={initialName} />}
          </Field>
          <div className="flex justify-end gap-2 border-t border-neutral-200 pt-4">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={action.isPending} aria-disabled={action.isPending || undefined}>
              {action.isPending ? "Saving…" : submitLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
