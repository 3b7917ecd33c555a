"use client";
import { RouteError } from "@/components/ui/route-error";

export default function ProfileError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError error={error} retry={retry} title="Your profile could not be loaded">
      Your API keys were not read, so none are shown.
    </RouteError>
  );
}
