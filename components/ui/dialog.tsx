"use client";
// Dialog on Radix: focus is trapped inside, Escape and the close button dismiss it, and focus
// returns to the trigger. A dialog taller than the window scrolls inside it (its close button
// keeps the scrolling reachable from the keyboard).
import * as DialogPrimitive from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { Button } from "./button";

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

/**
 * `keepOnOutsideClick` keeps the dialog open when the page behind it is clicked, for dialogs
 * that show something once (a new API key); Escape and the close button still close it.
 * `wide` makes room for a table.
 */
export function DialogContent({
  title,
  description,
  children,
  keepOnOutsideClick = false,
  wide = false,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  keepOnOutsideClick?: boolean;
  wide?: boolean;
}) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-neutral-950/40" />
      <DialogPrimitive.Content
        onInteractOutside={keepOnOutsideClick ? (event) => event.preventDefault() : undefined}
        className={`fixed top-1/2 left-1/2 z-50 ${wide ? "w-[min(44rem,calc(100vw-2rem))]" : "w-[min(32rem,calc(100vw-2rem))]"} max-h-[calc(100dvh-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-neutral-200 bg-white p-6 shadow-xl focus:outline-none`}
      >
        <DialogPrimitive.Title className="pr-8 text-lg font-semibold break-words text-neutral-900">{title}</DialogPrimitive.Title>
        {description ? (
          <DialogPrimitive.Description className="mt-1 text-sm text-neutral-600">{description}</DialogPrimitive.Description>
        ) : (
          <DialogPrimitive.Description className="sr-only">{title}</DialogPrimitive.Description>
        )}
        <div className="mt-4">{children}</div>
        <DialogPrimitive.Close
          className="absolute top-4 right-4 rounded-md p-1 text-neutral-500 hover:bg-neutral-100 hover:text-neutral-900"
          aria-label="Close"
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

/** A form dialog's footer: "Cancel", which closes it, and the submit button, which says when it is working. */
export function FormDialogActions({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <div className="mt-4 flex justify-end gap-2 border-t border-neutral-200 pt-4">
      <DialogPrimitive.Close asChild>
        <Button variant="secondary">Cancel</Button>
      </DialogPrimitive.Close>
      <Button type="submit" disabled={pending} aria-disabled={pending || undefined}>
        {pending ? pendingLabel : label}
      </Button>
    </div>
  );
}
