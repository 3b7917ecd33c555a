"use client";
import { RouteError } from "@/components/ui/route-error";

export default function OutboxError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError error={error} retry={retry} title="The email outbox could not be loaded">
      Nothing is shown rather than an outbox that looks empty.
    </RouteError>
  );
}
