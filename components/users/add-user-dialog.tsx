"use client";
// "Add user": a name, an email and a role; then the new user's temporary password, shown once
// with a copy button, to hand to them (they change it on their profile). The server keeps only
// its hash, so closing the dialog is the last chance to copy it. Refusals show beside each field.
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useRef, useState } from "react";
import { ShownOnce } from "@/components/profile/shown-once";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { actionErrors } from "@/lib/actions/result";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { addUserAction } from "@/lib/users/actions";
import { ASSIGNABLE_ROLES, type AssignableRole, USER_NAME_MAX } from "@/lib/users/schemas";

export function AddUserDialog() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<{ name: string; email: string; password: string } | null>(null);
  const add = useAction(addUserAction, {
    onSuccess: ({ data }) => {
      setAdded({ name: data.name, email: data.email, password: data.temporaryPassword });
      router.refresh();
    },
  });
  const errors = actionErrors(add, {
    fields: ["name", "email", "role"],
    unreachable: "The user was not added: the server could not be reached. Check your connection and try again.",
  });
  useFocusFirstInvalid(formRef, add);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      // Forget the password as soon as the dialog closes: it is shown once.
      setAdded(null);
      add.reset();
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.execute({
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      role: String(form.get("role") ?? "") as AssignableRole,
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>Add user</Button>
      </DialogTrigger>
      {added ? (
        <DialogContent
          keepOnOutsideClick
          title="Give them their temporary password"
          description={
            <>
              {added.name} can sign in as {added.email} now.
            </>
          }
        >
          <ShownOnce
            what="password"
            advice={`Send it to ${added.name} by a safe channel; they change it on their profile after signing in. If it is lost, use Reset password beside them.`}
            value={added.password}
            label="Temporary password"
            id="temporary-password"
          />
        </DialogContent>
      ) : (
        <DialogContent title="Add user" description="They sign in with this email and a temporary password you give them.">
          <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
            <FormError message={errors.form} />
            <Field id="new-user-name" label="Name" error={errors.fields.name}>
              {(aria) => <Input {...aria} name="name" autoComplete="off" autoFocus maxLength={USER_NAME_MAX} />}
            </Field>
            <Field id="new-user-email" label="Email" error={errors.fields.email}>
              {(aria) => <Input {...aria} name="email" type="email" autoComplete="off" />}
            </Field>
            <Field id="new-user-role" label="Role" error={errors.fields.role}>
              {(aria) => (
                <Select {...aria} name="role" defaultValue="member">
                  {ASSIGNABLE_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <div className="flex justify-end gap-2 border-t border-neutral-200 pt-4">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" disabled={add.isPending} aria-disabled={add.isPending || undefined}>
                {add.isPending ? "Adding…" : "Add user"}
              </Button>
            </div>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
