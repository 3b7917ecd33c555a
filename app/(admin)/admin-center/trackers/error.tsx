"use client";
// A failed read of the trackers shows this, never an empty list (which would look like the
// trackers were gone). The digest ties this view to the server's log.
import { Button } from "@/components/ui/button";

export default function TrackersError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <div role="alert" className="max-w-2xl rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-neutral-900">The trackers could not be loaded</h1>
      <p className="mt-2 text-sm text-neutral-700">
        Try again in a moment. If it keeps failing, check that the server can reach its database (
        <code className="font-mono">/api/health</code> should answer <code className="font-mono">ok</code>) and look in
        the server log{digest ? <> for error <code className="font-mono">{digest}</code></> : null}.
      </p>
      <Button className="mt-4" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
