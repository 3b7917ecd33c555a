"use client";
import { useRouter } from "next/navigation";
// "Generate now": a new version from the UI, free.
import { useAction } from "next-safe-action/hooks";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { actionErrors } from "@/lib/actions/result";
import { generateBriefAction } from "@/lib/briefs/actions";

export function GenerateBriefButton({ briefId, title }: { briefId: string; title: string }) {
  const router = useRouter();
  const generate = useAction(generateBriefAction, { onSuccess: () => router.refresh() });
  const errors = actionErrors(generate, {
    unreachable: "The brief was not generated: the server could not be reached. Check your connection and try again.",
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-3">
        <span role="status" className="text-sm text-neutral-600">
          {generate.hasSucceeded ? "Generated. No credits were used." : null}
        </span>
        <Button
          variant="secondary"
          aria-label={`Generate ${title} now`}
          disabled={generate.isPending}
          aria-disabled={generate.isPending || undefined}
          onClick={() => generate.execute({ briefId })}
        >
          {generate.isPending ? "Generating…" : "Generate now"}
        </Button>
      </div>
      <div className="max-w-sm">
        <FormError message={errors.form} />
      </div>
    </div>
  );
}
