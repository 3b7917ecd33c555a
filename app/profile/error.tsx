"use client";
// A failed read of the profile shows this, never an empty key list (which would look like the
// keys were gone). The digest ties this view to the server's log.
import { Button } from "@/components/ui/button";

export default function ProfileError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <div role="alert" className="max-w-2xl rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-neutral-900">Your profile could not be loaded</h1>
      <p className="mt-2 text-sm text-neutral-700">
        Your API keys were not read, so none are shown rather than a wrong list. Try again in a moment; if it keeps
        failing, tell your administrator
        {digest ? (
          <>
            {" "}
            (error <code className="font-mono">{digest}</code>)
          </>
        ) : null}
        .
      </p>
      <Button className="mt-4" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
