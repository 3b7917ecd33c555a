"use client";
// "Revoke" on one key, confirmed in a dialog first: a revoked key stops working at once and
// cannot be brought back.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/app/profile/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { formErrors } from "@/lib/actions/result";

export function RevokeApiKeyDialog({ keyId, name }: { keyId: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) setError(undefined);
  }

  function revoke() {
    setError(undefined);
    startTransition(async () => {
      try {
        const result = await revokeApiKeyAction({ keyId });
        if (result?.data) {
          setOpen(false);
          router.refresh();
          return;
        }
        const errors = formErrors(result);
        setError(errors.form ?? Object.values(errors.fields)[0] ?? "The key was not revoked. Try again.");
      } catch {
        setError("The key was not revoked: the server could not be reached. Check your connection and try again.");
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="danger" className="h-8 px-3">
          Revoke<span className="sr-only"> {name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Revoke “${name}”?`}
        description="Programs and MCP clients using this key stop working at once. This cannot be undone; you can create a new key at any time."
      >
        <div className="space-y-4">
          <FormError message={error} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant="danger" onClick={revoke} disabled={pending} aria-disabled={pending || undefined}>
              {pending ? "Revoking…" : "Revoke key"}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
