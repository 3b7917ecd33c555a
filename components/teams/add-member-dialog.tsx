"use client";
import { useRouter } from "next/navigation";
// "Add member": choose one of the company's users who is not in this team. A user is in one team
// at most, so choosing someone from another team moves them; the list says where each one is.
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useRef, useState } from "react";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Select } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { actionErrors } from "@/lib/actions/result";
import { addTeamMemberAction } from "@/lib/teams/actions";

/** A user "Add member" may choose: `teamName` is the team they are in now, if any. */
export type MemberChoice = { id: string; name: string; email: string; teamName: string | null };

export function AddMemberDialog({ team, choices }: { team: { id: string; name: string }; choices: MemberChoice[] }) {
  const router = useRouter();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const add = useAction(addTeamMemberAction, {
    onSuccess: ({ data }) => {
      setOpen(false);
      announce(
        data.fromTeam && data.changed
          ? `Moved ${data.userName} from “${data.fromTeam}” to “${data.teamName}”.`
          : `Added ${data.userName} to “${data.teamName}”.`,
      );
      router.refresh();
    },
  });
  const errors = actionErrors(add, {
    fields: ["userId"],
    unreachable: "No one was added: the server could not be reached. Check your connection and try again.",
  });
  useFocusFirstInvalid(formRef, add);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.execute({ teamId: team.id, userId: String(new FormData(event.currentTarget).get("userId") ?? "") });
  }

  const noOne = choices.length === 0;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        add.reset();
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" className="h-8 px-3">
          Add member<span className="sr-only"> to {team.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent title={`Add a member to “${team.name}”`} description="A user is in one team at most: choosing someone from another team moves them here.">
        <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
          <FormError message={errors.form} />
          {noOne ? (
            <p className="text-sm text-neutral-700">Every user of your company is in this team already.</p>
          ) : (
            <Field id="team-member" label="User" error={errors.fields.userId}>
              {(aria) => (
                <Select {...aria} name="userId" autoFocus defaultValue={choices[0]?.id}>
                  {choices.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} ({c.email}){c.teamName ? ` · now in ${c.teamName}` : " · no team"}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
          <div className="flex justify-end gap-2 border-t border-neutral-200 pt-4">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={noOne || add.isPending} aria-disabled={noOne || add.isPending || undefined}>
              {add.isPending ? "Adding…" : "Add member"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
