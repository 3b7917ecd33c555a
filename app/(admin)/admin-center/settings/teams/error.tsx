"use client";
import { RouteError } from "@/components/ui/route-error";

export default function TeamsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError error={error} retry={retry} title="The teams could not be loaded">
      Nothing is shown rather than an incomplete list.
    </RouteError>
  );
}
