"use client";
// "Change password" on the profile: the current password, then the new one (12 to 200
// characters). The server checks the current one; each refusal shows beside its field. A change
// ends every session of the account, so this one signs out and the sign-in page comes next.
import { signOut } from "next-auth/react";
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { actionErrors } from "@/lib/actions/result";
import { changePasswordAction } from "@/lib/users/actions";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/users/schemas";

export function ChangePasswordForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const change = useAction(changePasswordAction, {
    onSuccess: () => {
      formRef.current?.reset();
      void signOut({ callbackUrl: "/sign-in?callbackUrl=%2Fprofile" });
    },
  });
  const errors = actionErrors(change, {
    fields: ["current", "next"],
    unreachable: "The password was not changed: the server could not be reached. Check your connection and try again.",
  });
  useFocusFirstInvalid(formRef, change);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    change.execute({ current: String(form.get("current") ?? ""), next: String(form.get("next") ?? "") });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      <FormError message={errors.form} />
      <Field id="password-current" label="Current password" error={errors.fields.current}>
        {(aria) => <Input {...aria} name="current" type="password" autoComplete="current-password" maxLength={PASSWORD_MAX} />}
      </Field>
      <Field id="password-next" label="New password" hint={`At least ${PASSWORD_MIN} characters.`} error={errors.fields.next}>
        {(aria) => <Input {...aria} name="next" type="password" autoComplete="new-password" maxLength={PASSWORD_MAX} />}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={change.isPending} aria-disabled={change.isPending || undefined}>
          {change.isPending ? "Saving…" : "Change password"}
        </Button>
        <p role="status" className="text-sm text-neutral-700">
          {change.hasSucceeded ? "Your password is changed: sign in again with it." : ""}
        </p>
      </div>
    </form>
  );
}
