// Card, shadcn-style: a bordered white surface with an optional header.
import type { HTMLAttributes } from "react";
import { classNames } from "./class-names";

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={classNames("rounded-lg border border-neutral-200 bg-white shadow-xs", className)} {...props} />;
}

export function CardHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={classNames("flex flex-col gap-1 px-5 pt-5", className)} {...props} />;
}

/** A card title is a real heading; pick the level that fits the page outline. */
export function CardTitle({ as: Heading = "h2", className, ...props }: HTMLAttributes<HTMLHeadingElement> & { as?: "h2" | "h3" }) {
  return <Heading className={classNames("text-base font-semibold text-neutral-900", className)} {...props} />;
}

export function CardDescription({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={classNames("text-sm text-neutral-600", className)} {...props} />;
}

/** Content below a header, or on its own (first:pt-5 gives it the header's top padding). */
export function CardContent({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={classNames("px-5 pt-3 pb-5 first:pt-5", className)} {...props} />;
}
