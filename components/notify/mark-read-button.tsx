"use client";
// "Mark as read" on one notification, or "Mark all as read" on the page. The server marks only
// the signed-in user's own notifications; the page and the bell are re-read afterwards.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/app/notifications/actions";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/lib/actions/result";

type Props = { notificationId: string; title: string } | { notificationId?: undefined; title?: undefined };

export function MarkReadButton({ notificationId, title }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  function mark() {
    setError(undefined);
    startTransition(async () => {
      try {
        const result = notificationId ? await markNotificationReadAction({ notificationId }) : await markAllNotificationsReadAction({});
        if (result?.data) {
          router.refresh();
          return;
        }
        const errors = formErrors(result);
        setError(errors.form ?? Object.values(errors.fields)[0] ?? "Nothing was marked. Try again.");
      } catch {
        setError("Nothing was marked: the server could not be reached. Check your connection and try again.");
      }
    });
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant={notificationId ? "ghost" : "secondary"}
        className={notificationId ? "h-8 px-2" : undefined}
        aria-label={notificationId && !pending ? `Mark as read: ${title}` : undefined}
        onClick={mark}
        disabled={pending}
        aria-disabled={pending || undefined}
      >
        {pending ? "Marking…" : notificationId ? "Mark as read" : "Mark all as read"}
      </Button>
      {error ? (
        <p role="alert" className="max-w-xs text-right text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
