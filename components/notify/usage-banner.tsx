// A banner at 90% used and above (R-NOTIFY-1): how much is used, what remains, what stops when
// credits run out and what to do. A polite status region, announced once, never a dialog.
// Usage is the same integer share the notifications use (lib/notify/thresholds.ts), read now.
import { systemClock } from "@/lib/clock";
import { formatCreditsGrouped } from "@/lib/credits/amount";
import { getDatabase } from "@/lib/db";
import { getCreditSummary } from "@/lib/ledger/balance";
import { usedPercent } from "@/lib/notify/thresholds";

/** Usage at which the banner appears. */
const USAGE_BANNER_PERCENT = 90;

export async function UsageBanner({ companyId }: { companyId: string }) {
  const summary = await getCreditSummary(getDatabase().sql, { companyId, now: systemClock.now() });
  const percent = usedPercent(summary.usedMilli, summary.totalMilli);
  if (percent < USAGE_BANNER_PERCENT) return null;
  const allUsed = percent >= 100;
  return (
    <div role="status" className={`flex gap-3 rounded-lg border p-4 ${allUsed ? "border-red-200 bg-red-50" : "border-amber-200 bg-amber-50"}`}>
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={`mt-0.5 size-5 shrink-0 ${allUsed ? "text-red-700" : "text-amber-700"}`}>
        <path
          fillRule="evenodd"
          d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      <div className="text-sm">
        <p className={`font-semibold ${allUsed ? "text-red-900" : "text-amber-900"}`}>
          {allUsed ? "All of your company’s credits are used" : `${percent}% of your company’s credits are used`}
        </p>
        <p className={`mt-1 ${allUsed ? "text-red-800" : "text-amber-900"}`}>
          {allUsed
            ? "Credit-based processing has stopped: question-based trackers are paused, and API, MCP and automated-brief requests are refused until credits are added. Contact your account team to buy more credits; once they are added, resume each paused tracker."
            : `${formatCreditsGrouped(summary.remainingMilli)} of ${formatCreditsGrouped(summary.totalMilli)} credits remain. When they run out, question-based trackers pause and API, MCP and automated-brief requests are refused. To add credits, contact your account team.`}
        </p>
      </div>
    </div>
  );
}
