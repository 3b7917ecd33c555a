"use client";
import { RouteError } from "@/components/ui/route-error";

export default function CreditsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError error={error} retry={retry} title="The credits could not be loaded">
      The balance was not read, so nothing is shown rather than a wrong figure.
    </RouteError>
  );
}
