// Table basics, shadcn-style: semantic table elements with house styling. The wrapper scrolls
// sideways on narrow screens instead of squeezing the columns.
import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { classNames } from "./class-names";

export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="w-full overflow-x-auto">
      <table className={classNames("w-full border-collapse text-sm", className)} {...props} />
    </div>
  );
}

export function TableCaption({ className, ...props }: HTMLAttributes<HTMLTableCaptionElement>) {
  return <caption className={classNames("caption-bottom px-5 py-3 text-left text-xs text-neutral-500", className)} {...props} />;
}

export function TableHeader({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={classNames("border-b border-neutral-200 bg-neutral-50", className)} {...props} />;
}

export function TableBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={classNames("divide-y divide-neutral-200", className)} {...props} />;
}

export function TableRow({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={classNames("hover:bg-neutral-50", className)} {...props} />;
}

export function TableHead({ className, scope = "col", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope={scope}
      className={classNames(
        "px-4 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-neutral-600 uppercase first:pl-5 last:pr-5",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={classNames("px-4 py-3 align-top text-neutral-800 first:pl-5 last:pr-5", className)} {...props} />;
}
