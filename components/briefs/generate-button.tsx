"use client";
// "Generate now": a new version from the UI, free.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { generateBriefAction } from "@/app/briefs/actions";
import { Button } from "@/components/ui/button";

export function GenerateBriefButton({ briefId, title }: { briefId: string; title: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ pending: boolean; message?: string }>({ pending: false });
  return (
    <div className="flex items-center gap-3">
      <span role="status" className="text-sm text-neutral-600">
        {state.message}
      </span>
      <Button
        variant="secondary"
        aria-label={`Generate ${title} now`}
        disabled={state.pending}
        onClick={async () => {
          setState({ pending: true });
          const result = await generateBriefAction({ briefId });
          setState({ pending: false, message: result?.serverError?.message ?? "Generated. No credits were used." });
          router.refresh();
        }}
      >
        {state.pending ? "Generating…" : "Generate now"}
      </Button>
    </div>
  );
}
