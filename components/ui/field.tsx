// Form fields: a label tied to its input, an optional hint, and the server's message for that
// field shown beneath it and announced (aria-describedby, aria-invalid). Every form shows a
// refused field through FieldError and a refusal of the whole form through FormError.
import * as LabelPrimitive from "@radix-ui/react-label";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { classNames } from "./class-names";

const control =
  "block h-9 w-full rounded-md border border-neutral-300 bg-white px-3 text-sm text-neutral-900 shadow-xs placeholder:text-neutral-400 aria-invalid:border-red-500 aria-invalid:ring-1 aria-invalid:ring-red-500";

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={classNames(control, className)} {...props} />;
}

/** A multi-line control's look, as the single-line ones'. */
export const textareaClass =
  "block w-full rounded-md border border-neutral-300 bg-white px-3 py-2 text-sm text-neutral-900 shadow-xs placeholder:text-neutral-400 aria-invalid:border-red-500 aria-invalid:ring-1 aria-invalid:ring-red-500";

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={classNames(textareaClass, className)} {...props} />;
}

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={classNames(control, "pr-8", className)} {...props} />;
}

export function Label({ className, ...props }: LabelPrimitive.LabelProps) {
  return <LabelPrimitive.Root className={classNames("block text-sm font-medium text-neutral-800", className)} {...props} />;
}

/**
 * A labelled control: pass the control as a render function that receives its ids. `context`
 * names, for screen readers only, what the field belongs to when the form repeats it ("Section
 * 2"), so an announced message says which one it is about.
 */
export function Field({
  id,
  label,
  hint,
  error,
  context,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  context?: string;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children({ id, ...fieldAria(id, { error, hint: Boolean(hint) }) })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-neutral-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} message={error} context={context} />
    </div>
  );
}

/** The attributes that tie a control (or a fieldset) to its hint and its FieldError. */
export function fieldAria(id: string, { error, hint = false }: { error?: string; hint?: boolean }): { "aria-invalid"?: true; "aria-describedby"?: string } {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
}

/** The message for one field, beneath it; `id` is the control's (or the fieldset's) id. */
export function FieldError({ id, message, context, className }: { id: string; message?: string; context?: string; className?: string }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} role="alert" className={classNames("flex items-start gap-1.5 text-sm text-red-700", className)}>
      <svg aria-hidden="true" viewBox="0 0 16 16" className="mt-0.5 size-4 shrink-0" fill="currentColor">
        <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM7.25 4.5h1.5v4.5h-1.5V4.5Zm0 6h1.5V12h-1.5v-1.5Z" />
      </svg>
      <span>
        {context ? <span className="sr-only">{context}: </span> : null}
        {message}
      </span>
    </p>
  );
}

/** A message for the whole form (not one field). */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
