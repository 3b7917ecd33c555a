"use client";
// The usage chart's period: 30 days, 90 days or 12 months, kept in the URL (?range=). A native
// radio group, so arrow keys move between the choices and each is announced with its label; each
// radio is transparent and covers its label, so a click anywhere on the choice lands on it.
import { useId } from "react";
import { USAGE_RANGE_LABELS, USAGE_RANGES, type UsageRange } from "@/lib/credits/usage-series";

export function UsageRangeSwitch({ value, onChange }: { value: UsageRange; onChange: (range: UsageRange) => void }) {
  const name = useId();
  return (
    <fieldset className="shrink-0">
      <legend className="sr-only">Period shown</legend>
      <div className="inline-flex rounded-md border border-neutral-300 bg-neutral-50 p-0.5">
        {USAGE_RANGES.map((range) => (
          <label
            key={range}
            className="relative cursor-pointer rounded px-3 py-1 text-sm font-medium text-neutral-700 hover:text-neutral-900 has-checked:bg-white has-checked:text-neutral-900 has-checked:shadow-xs has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-brand-600"
          >
            <input
              type="radio"
              name={name}
              value={range}
              checked={value === range}
              onChange={() => onChange(range)}
              className="absolute inset-0 m-0 cursor-pointer appearance-none opacity-0"
            />
            {USAGE_RANGE_LABELS[range]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
