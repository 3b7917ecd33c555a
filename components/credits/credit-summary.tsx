// The two figures of R-PAGE-1, exact to the milli-credit (R-LEDGER-5): formatted from bigints,
// never through a float. Each sits in a labelled region with a <data> element carrying the
// plain decimal, so people and tests read the same value. Credits held now for requests in
// flight (R-HOLD-1) show beside the remaining figure, only while there are any.
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { formatCredits, formatCreditsGrouped } from "@/lib/credits/amount";
import type { CreditSummary as Summary } from "@/lib/ledger/balance";

export function CreditSummary({ summary }: { summary: Summary }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Figure id="credits-remaining" label="Credits remaining" milli={summary.remainingMilli} aside={<Held milli={summary.heldMilli} />}>
        <RemainingBar summary={summary} />
      </Figure>
      <Figure id="total-credits" label="Total credits" milli={summary.totalMilli}>
        <p className="mt-3 text-sm text-neutral-600">{formatCreditsGrouped(summary.usedMilli)} used from grants available now</p>
      </Figure>
    </div>
  );
}

function Figure({ id, label, milli, aside, children }: { id: string; label: string; milli: bigint; aside?: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <section aria-labelledby={id} className="p-5">
        <h2 id={id} className="text-sm font-medium text-neutral-600">
          {label}
        </h2>
        <p className="mt-2 flex flex-wrap items-baseline gap-x-2">
          <data value={formatCredits(milli)} className="text-3xl font-semibold tracking-tight break-all text-neutral-900 tabular-nums sm:text-4xl">
            {formatCreditsGrouped(milli)}
          </data>
          <span className="text-sm text-neutral-500">credits</span>
          {aside}
        </p>
        {children}
      </section>
    </Card>
  );
}

// Held credits are part of what remains, but nobody else can spend them until the request that
// holds them is charged or lets them go. Plain text, not a <data> element: the region's one
// <data> stays the remaining figure.
function Held({ milli }: { milli: bigint }) {
  if (milli <= 0n) return null;
  return (
    <span
      id="credits-held"
      title="Set aside for API and MCP requests in progress: charged when they succeed, given back when they fail"
      className="ml-1 inline-flex items-baseline gap-1 rounded-full bg-amber-50 px-2.5 py-0.5 text-sm font-medium text-amber-900 ring-1 ring-amber-200 ring-inset"
    >
      Held {formatCreditsGrouped(milli)}
    </span>
  );
}

// The share still remaining, in whole tenths of a percent by integer division (rounded down,
// so a nearly empty pool never shows as more than it is).
function RemainingBar({ summary }: { summary: Summary }) {
  if (summary.totalMilli <= 0n) return <p className="mt-3 text-sm text-neutral-600">No credits are available now.</p>;
  const tenths = (summary.remainingMilli * 1000n) / summary.totalMilli;
  const percent = `${tenths / 10n}${tenths % 10n === 0n ? "" : `.${tenths % 10n}`}%`;
  return (
    <div className="mt-3">
      <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-neutral-100">
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${Number(tenths) / 10}%` }} />
      </div>
      <p className="mt-2 text-sm text-neutral-600">{percent} of total credits remaining</p>
    </div>
  );
}
