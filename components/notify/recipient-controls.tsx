"use client";
// The Notifications settings page's controls: "Add recipient" (an email address, checked by the
// server; its refusal shows beside the field), "Remove" on an extra recipient (asks first), and
// "Send test email" (its result, or why it was refused, is said beside the button, in a live region).
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { useSavedDialog } from "@/components/ui/use-saved-dialog";
import { actionErrors } from "@/lib/actions/result";
import { addNotificationRecipientAction, removeNotificationRecipientAction, sendTestNotificationAction } from "@/lib/notify/actions";
import { EMAIL_MAX } from "@/lib/users/schemas";

export function AddRecipientDialog({ disabled }: { disabled: boolean }) {
  const formRef = useRef<HTMLFormElement>(null);
  const saved = useSavedDialog(({ email }: { email: string }) => `${email} will get the notification emails.`);
  const add = useAction(addNotificationRecipientAction, { onSuccess: saved.onSuccess });
  const errors = actionErrors(add, {
    fields: ["email"],
    unreachable: "The recipient was not added: the server could not be reached. Check your connection and try again.",
  });
  useFocusFirstInvalid(formRef, add);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.execute({ email: String(new FormData(event.currentTarget).get("email") ?? "") });
  }

  return (
    <Dialog
      open={saved.open}
      onOpenChange={(next) => {
        if (next) add.reset();
        saved.setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button disabled={disabled} aria-disabled={disabled || undefined}>
          Add recipient
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Add recipient"
        description="This address gets every notification email the admins get (no in-app notification): usage passing 60, 80, 90, 95 and 100% of the credits, and budgets passing 80 and 100%."
      >
        <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
          <FormError message={errors.form} />
          <Field id="recipient-email" label="Email" error={errors.fields.email}>
            {(aria) => <Input {...aria} name="email" type="email" autoComplete="off" autoFocus maxLength={EMAIL_MAX} />}
          </Field>
          <div className="flex justify-end gap-2 border-t border-neutral-200 pt-4">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={add.isPending} aria-disabled={add.isPending || undefined}>
              {add.isPending ? "Adding…" : "Add recipient"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function RemoveRecipientDialog({ email }: { email: string }) {
  const { open, setOpen, onSuccess } = useSavedDialog(() => `${email} no longer gets the notification emails.`);
  const remove = useAction(removeNotificationRecipientAction, { onSuccess });
  const errors = actionErrors(remove, {
    unreachable: `${email} was not removed: the server could not be reached. Check your connection and try again.`,
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
          Remove<span className="sr-only"> {email}</span>
        </Button>
      }
      title={`Remove ${email}?`}
      description="It stops getting notification emails from now on. Emails already written to it stay in the outbox."
      confirmLabel="Remove recipient"
      pendingLabel="Removing…"
      pending={remove.isPending}
      error={errors.form}
      onConfirm={() => remove.execute({ email })}
    />
  );
}

export function SendTestEmailButton() {
  const router = useRouter();
  const [sent, setSent] = useState("");
  const send = useAction(sendTestNotificationAction, {
    onSuccess: ({ data }) => {
      setSent(`A test email went to ${data.recipients === 1 ? "1 address" : `${data.recipients} addresses`}; it is in the outbox.`);
      router.refresh();
    },
    onExecute: () => setSent(""),
  });
  const error = actionErrors(send, {
    unreachable: "The test email was not sent: the server could not be reached. Check your connection and try again.",
  }).form;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={() => send.execute({})} disabled={send.isPending} aria-disabled={send.isPending || undefined}>
        {send.isPending ? "Sending…" : "Send test email"}
      </Button>
      {/* Always present, so screen readers announce what is written into it. */}
      <p role="status" className="text-sm text-neutral-700">
        {error ? "" : sent}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
