"use client";
import { RouteError } from "@/components/ui/route-error";

export default function NotificationsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError error={error} retry={retry} title="Your notifications could not be loaded">
      None are shown rather than a list that looks empty; usage alerts are also emailed (or kept in the email outbox), so none is lost.
    </RouteError>
  );
}
