"use client";
import { useRouter } from "next/navigation";
// A brief's controls for the company's admins and whoever made it: turn automated generation
// off or on (the versions made so far stay), and "Delete", which asks first.
import { useAction } from "next-safe-action/hooks";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/field";
import { useSavedDialog } from "@/components/ui/use-saved-dialog";
import { actionErrors } from "@/lib/actions/result";
import { deleteBriefAction, setBriefAutomationAction } from "@/lib/briefs/actions";

type BriefSummary = { id: string; title: string; automated: boolean; intervalHours: number };

export function BriefAutomationButton({ brief }: { brief: BriefSummary }) {
  const router = useRouter();
  const announce = useAnnounce();
  const automate = useAction(setBriefAutomationAction, {
    onSuccess: ({ data }) => {
      announce(data.automated ? `“${data.title}” is generated every ${data.intervalHours} h again.` : `“${data.title}” is no longer generated automatically.`);
      router.refresh();
    },
  });
  const errors = actionErrors(automate, {
    unreachable: `“${brief.title}” was not changed: the server could not be reached. Check your connection and try again.`,
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        disabled={automate.isPending}
        aria-disabled={automate.isPending || undefined}
        onClick={() => automate.execute({ briefId: brief.id, automated: !brief.automated })}
      >
        {brief.automated ? "Stop automating" : `Automate every ${brief.intervalHours} h`}
        <span className="sr-only"> {brief.title}</span>
      </Button>
      <div className="max-w-sm">
        <FormError message={errors.form} />
      </div>
    </div>
  );
}

export function DeleteBriefDialog({ brief }: { brief: BriefSummary }) {
  const { open, setOpen, onSuccess } = useSavedDialog(() => `Deleted the brief “${brief.title}”.`);
  const remove = useAction(deleteBriefAction, { onSuccess });
  const errors = actionErrors(remove, {
    unreachable: `“${brief.title}” was not deleted: the server could not be reached. Check your connection and try again.`,
  });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        remove.reset();
        setOpen(next);
      }}
      trigger={
        <Button variant="secondary">
          Delete<span className="sr-only"> {brief.title}</span>
        </Button>
      }
      title={`Delete “${brief.title}”?`}
      description="Its sections and every version go with it. Credits its automated generations used stay in the reports."
      confirmLabel="Delete brief"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={errors.form}
      onConfirm={() => remove.execute({ briefId: brief.id })}
    />
  );
}
