// Usage thresholds (R-NOTIFY-1): how much of the total credits this period has used, which of
// 60, 80, 90, 95 and 100 percent that has passed, and when each fired (recorded by the
// notifier in ThresholdState, five rows at most).

import { Card } from "@/components/ui/card";
import { describeThresholds, formatTenthsOfPercent, listThresholdFirings, type ThresholdsView } from "@/lib/credits";
import { formatCreditsGrouped } from "@/lib/credits/amount";
import type { CreditSummary } from "@/lib/ledger/balance";
import type { SqlReader } from "@/lib/sql";
import { formatCompanyDate, formatCompanyTime } from "./company-time";

type Props = { sql: SqlReader; companyId: string; timeZone: string; summary: CreditSummary };

export async function ThresholdsSection({ sql, companyId, timeZone, summary }: Props) {
  const firings = await listThresholdFirings(sql, { companyId });
  const view = describeThresholds({ usedMilli: summary.usedMilli, totalMilli: summary.totalMilli, firings });
  return <ThresholdsCard view={view} summary={summary} timeZone={timeZone} />;
}

function ThresholdsCard({ view, summary, timeZone }: { view: ThresholdsView; summary: CreditSummary; timeZone: string }) {
  const usedTenths = view.usedTenthsOfPercent;
  return (
    <Card className="h-full">
      <section aria-labelledby="usage-thresholds" className="p-5">
        <h2 id="usage-thresholds" className="text-sm font-medium text-neutral-600">
          Usage thresholds
        </h2>
        {usedTenths === null ? (
          <p className="mt-2 text-sm text-neutral-700">No credits are available now, so no threshold applies.</p>
        ) : (
          <>
            <p className="mt-2 text-sm text-neutral-700">
              <span className="text-lg font-semibold text-neutral-900 tabular-nums">{formatTenthsOfPercent(usedTenths)}</span> of total credits used:{" "}
              {formatCreditsGrouped(summary.usedMilli)} of {formatCreditsGrouped(summary.totalMilli)}.
            </p>
            <UsageMeter usedTenths={usedTenths} />
          </>
        )}
        <ol className="mt-4 grid grid-cols-5 gap-2" aria-label="Thresholds">
          {view.thresholds.map((t) => (
            <li
              key={t.percent}
              className={`rounded-md border px-1 py-2 text-center ${t.passed ? "border-amber-300 bg-amber-50" : "border-neutral-200 bg-white"}`}
            >
              <p className="text-base font-semibold text-neutral-900 tabular-nums">{t.percent}%</p>
              <p className={`mt-0.5 text-xs font-medium whitespace-nowrap ${t.passed ? "text-amber-800" : "text-neutral-500"}`}>
                {t.passed ? "Passed" : "Not reached"}
              </p>
              {t.firedAt ? (
                <p className="mt-1 text-[11px] leading-tight text-neutral-600">
                  Notified{" "}
                  <time dateTime={t.firedAt.toISOString()}>
                    {formatCompanyDate(t.firedAt, timeZone)}, {formatCompanyTime(t.firedAt, timeZone)}
                  </time>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        <p className="mt-3 text-xs text-neutral-500">
          {view.next
            ? `${view.next.percent}% is reached after ${formatCreditsGrouped(view.next.creditsToGoMilli)} more credits. `
            : usedTenths === null
              ? ""
              : "Every threshold is passed. "}
          Admins get an in-app notification and an email as usage passes each threshold.
        </p>
      </section>
    </Card>
  );
}

// The share used as a bar, with a tick at each threshold. Decorative: the sentence above and
// the list below carry the same figures.
function UsageMeter({ usedTenths }: { usedTenths: bigint }) {
  const width = `${Number(usedTenths > 1000n ? 1000n : usedTenths) / 10}%`;
  return (
    <div aria-hidden="true" className="relative mt-3 h-2.5 rounded-full bg-neutral-100">
      <div className="h-full rounded-full bg-brand-600" style={{ width }} />
      {[60, 80, 90, 95].map((p) => (
        <span key={p} className="absolute -top-0.5 h-3.5 w-0.5 rounded-full bg-neutral-400" style={{ left: `${p}%` }} />
      ))}
    </div>
  );
}
