"use client";
import { useRouter } from "next/navigation";
// "Revoke" on one key, confirmed in a dialog first: a revoked key stops working at once and
// cannot be brought back. On the profile, the user's own key; with `owner` (Settings > API keys,
// Tech admins), any key of the company, whose owner the dialog names.
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { actionErrors } from "@/lib/actions/result";
import { revokeApiKeyAction, revokeCompanyApiKeyAction } from "@/lib/users/actions";

export function RevokeApiKeyDialog({ keyId, name, owner }: { keyId: string; name: string; owner?: { name: string; email: string } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const revoke = useAction(owner ? revokeCompanyApiKeyAction : revokeApiKeyAction, {
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const errors = actionErrors(revoke, {
    unreachable: "The key was not revoked: the server could not be reached. Check your connection and try again.",
  });

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) revoke.reset();
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="danger" className="h-8 px-3">
          Revoke<span className="sr-only"> {owner ? `${owner.name}’s key ${name}` : name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        title={owner ? `Revoke ${owner.name}’s key “${name}”?` : `Revoke “${name}”?`}
        description={
          owner
            ? `Programs and MCP clients using this key stop working at once. This cannot be undone; ${owner.name} (${owner.email}) can create a new key on their profile.`
            : "Programs and MCP clients using this key stop working at once. This cannot be undone; you can create a new key at any time."
        }
      >
        <div className="space-y-4">
          <FormError message={errors.form} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant="danger" onClick={() => revoke.execute({ keyId })} disabled={revoke.isPending} aria-disabled={revoke.isPending || undefined}>
              {revoke.isPending ? "Revoking…" : "Revoke key"}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
