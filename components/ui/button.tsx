// Button, shadcn-style: a native <button> with a few variants. Disabling that must stay
// explainable uses aria-disabled (still focusable, so a tooltip can be read), not `disabled`.
import type { ButtonHTMLAttributes } from "react";
import { classNames } from "./class-names";

const variants = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 aria-disabled:hover:bg-brand-700",
  secondary: "border border-neutral-300 bg-white text-neutral-900 hover:bg-neutral-100 aria-disabled:hover:bg-white",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50 aria-disabled:hover:bg-white",
  ghost: "text-neutral-700 hover:bg-neutral-100",
} as const;

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants };

export function Button({ variant = "primary", className, type = "button", ...props }: ButtonProps) {
  return (
    <button
      type={type}
      className={classNames(
        "inline-flex h-9 items-center justify-center gap-2 rounded-md px-4 text-sm font-medium whitespace-nowrap transition-colors",
        "disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50",
        variants[variant],
        className,
      )}
      {...props}
    />
  );
}
