"use client";
import { useRouter } from "next/navigation";
// "Mark as read" on one notification, and "Mark all as read" on the page. The server marks only
// the signed-in user's own notifications; the page and the bell are re-read afterwards.
import { useAction } from "next-safe-action/hooks";
import type { ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { actionErrors } from "@/lib/actions/result";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/notify/actions";

const UNREACHABLE = "Nothing was marked: the server could not be reached. Check your connection and try again.";

export function MarkReadButton({ notificationId, title }: { notificationId: string; title: string }) {
  const router = useRouter();
  const mark = useAction(markNotificationReadAction, { onSuccess: () => router.refresh() });
  return (
    <Marking
      error={actionErrors(mark, { unreachable: UNREACHABLE }).form}
      button={{ variant: "ghost", className: "h-8 px-2", "aria-label": mark.isPending ? undefined : `Mark as read: ${title}` }}
      pending={mark.isPending}
      onClick={() => mark.execute({ notificationId })}
    >
      Mark as read
    </Marking>
  );
}

export function MarkAllReadButton() {
  const router = useRouter();
  const mark = useAction(markAllNotificationsReadAction, { onSuccess: () => router.refresh() });
  return (
    <Marking
      error={actionErrors(mark, { unreachable: UNREACHABLE }).form}
      button={{ variant: "secondary" }}
      pending={mark.isPending}
      onClick={() => mark.execute({})}
    >
      Mark all as read
    </Marking>
  );
}

function Marking({
  error,
  button,
  pending,
  onClick,
  children,
}: {
  error?: string;
  button: ButtonProps;
  pending: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col items-end gap-1">
      <Button {...button} onClick={onClick} disabled={pending} aria-disabled={pending || undefined}>
        {pending ? "Marking…" : children}
      </Button>
      <div className="max-w-xs">
        <FormError message={error} />
      </div>
    </div>
  );
}
