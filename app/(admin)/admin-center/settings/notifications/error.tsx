"use client";
import { RouteError } from "@/components/ui/route-error";

export default function NotificationSettingsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError error={error} retry={retry} title="The notification settings could not be loaded">
      Nothing is shown rather than an incomplete list of who is told.
    </RouteError>
  );
}
