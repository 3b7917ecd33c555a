"use client";
// "Disable" (asked first: the user is signed out and their API keys stop working at once) and
// "Enable" on a user of the Users page. The server refuses one's own account and the company's
// last active Tech admin; the refusal shows in the dialog, or beside "Enable".
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useSavedDialog } from "@/components/ui/use-saved-dialog";
import { actionErrors } from "@/lib/actions/result";
import { setUserDisabledAction } from "@/lib/users/actions";

type Target = { id: string; name: string; email: string };

export function DisableUserDialog({ user }: { user: Target }) {
  const { open, setOpen, onSuccess } = useSavedDialog(() => `Disabled ${user.name}.`);
  const disable = useAction(setUserDisabledAction, { onSuccess });
  const errors = actionErrors(disable, {
    unreachable: `${user.name} was not disabled: the server could not be reached. Check your connection and try again.`,
  });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        disable.reset();
        setOpen(next);
      }}
      trigger={
        <Button variant="secondary" className="h-8 px-3">
          Disable<span className="sr-only"> {user.name}</span>
        </Button>
      }
      title={`Disable ${user.name}?`}
      description={`${user.email} is signed out and can no longer sign in, and their API keys stop working, at once. Their past usage stays in the reports. You can enable them again later.`}
      confirmLabel="Disable user"
      pendingLabel="Disabling…"
      pending={disable.isPending}
      error={errors.form}
      onConfirm={() => disable.execute({ userId: user.id, disabled: true })}
    />
  );
}

export function EnableUserButton({ user }: { user: Target }) {
  const router = useRouter();
  const announce = useAnnounce();
  const enable = useAction(setUserDisabledAction, {
    onSuccess: () => {
      announce(`Enabled ${user.name}: they can sign in again.`);
      router.refresh();
    },
  });
  const error = actionErrors(enable, {
    unreachable: `${user.name} was not enabled: the server could not be reached. Check your connection and try again.`,
  }).form;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        className="h-8 px-3"
        onClick={() => enable.execute({ userId: user.id, disabled: false })}
        disabled={enable.isPending}
        aria-disabled={enable.isPending || undefined}
      >
        {enable.isPending ? "Enabling…" : "Enable"}
        <span className="sr-only"> {user.name}</span>
      </Button>
      {error ? (
        <p role="alert" className="max-w-60 text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
