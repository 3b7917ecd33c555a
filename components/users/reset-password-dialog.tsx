"use client";
// "Reset password" beside a user: asks first (their current password stops working), then shows
// the new temporary password once, with a copy button.
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { ShownOnce } from "@/components/profile/shown-once";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { actionErrors } from "@/lib/actions/result";
import { resetPasswordAction } from "@/lib/users/actions";

export function ResetPasswordDialog({ user }: { user: { id: string; name: string } }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const reset = useAction(resetPasswordAction, { onSuccess: ({ data }) => setPassword(data.temporaryPassword) });
  const error = actionErrors(reset, {
    unreachable: `${user.name}'s password was not reset: the server could not be reached. Check your connection and try again.`,
  }).form;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      // Forget the password as soon as the dialog closes: it is shown once.
      setPassword(null);
      reset.reset();
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" className="h-8 px-3">
          Reset password<span className="sr-only"> of {user.name}</span>
        </Button>
      </DialogTrigger>
      {password ? (
        <DialogContent keepOnOutsideClick title={`${user.name}’s new temporary password`}>
          <ShownOnce
            what="password"
            advice={`Send it to ${user.name} by a safe channel; they change it on their profile after signing in.`}
            value={password}
            label="Temporary password"
            id="reset-temporary-password"
          />
        </DialogContent>
      ) : (
        <DialogContent
          title={`Reset ${user.name}’s password?`}
          description="Their current password stops working at once, and you get a temporary one to give them. Their API keys keep working."
        >
          <div className="space-y-4">
            <FormError message={error} />
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button onClick={() => reset.execute({ userId: user.id })} disabled={reset.isPending} aria-disabled={reset.isPending || undefined}>
                {reset.isPending ? "Resetting…" : "Reset password"}
              </Button>
            </div>
          </div>
        </DialogContent>
      )}
    </Dialog>
  );
}
