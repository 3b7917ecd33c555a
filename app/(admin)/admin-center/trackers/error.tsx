"use client";
import { RouteError } from "@/components/ui/route-error";

export default function TrackersError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError error={error} retry={retry} title="The trackers could not be loaded">
      Nothing is shown rather than an incomplete list; no tracker was changed.
    </RouteError>
  );
}
