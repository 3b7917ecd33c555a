"use client";
import { useRouter } from "next/navigation";
// "Create API key": asks for a name, then shows the new key once, with a copy button. The
// server keeps only the key's hash, so closing the dialog is the last chance to copy it.
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { actionErrors } from "@/lib/actions/result";
import { createApiKeyAction } from "@/lib/users/actions";
import { API_KEY_NAME_MAX } from "@/lib/users/schemas";
import { ShownOnce } from "./shown-once";

export function CreateApiKeyDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = useAction(createApiKeyAction, {
    onSuccess: ({ data }) => {
      setCreated({ name: data.name, key: data.key });
      router.refresh();
    },
  });
  const errors = actionErrors(create, {
    fields: ["name"],
    unreachable: "The key was not created: the server could not be reached. Check your connection and try again.",
  });

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      // Forget the key as soon as the dialog closes: it is shown once.
      setCreated(null);
      create.reset();
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.execute({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>Create API key</Button>
      </DialogTrigger>
      {created ? (
        <DialogContent keepOnOutsideClick title="Copy your new API key" description={<>The key “{created.name}” is ready. It acts as you, with your role.</>}>
          <ShownOnce what="key" advice="Copy it now and keep it somewhere safe. If you lose it, revoke it and create a new one." value={created.key} />
        </DialogContent>
      ) : (
        <DialogContent title="Create API key" description="Name the key after the program or integration that will use it.">
          <form onSubmit={onSubmit} noValidate className="space-y-4">
            <FormError message={errors.form} />
            <Field id="api-key-name" label="Name" hint={`Up to ${API_KEY_NAME_MAX} characters, for example “CI pipeline”.`} error={errors.fields.name}>
              {(aria) => <Input {...aria} name="name" autoComplete="off" autoFocus />}
            </Field>
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" disabled={create.isPending} aria-disabled={create.isPending || undefined}>
                {create.isPending ? "Creating…" : "Create key"}
              </Button>
            </div>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
