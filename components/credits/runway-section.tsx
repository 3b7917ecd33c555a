// Runway (R-PLUS-1): when the credits available now run out at the last 30 days' average burn,
// in the company's calendar. The burn is one sum over 30 per-day totals.
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { formatMediumDate, type Runway, readRunway } from "@/lib/credits";
import { formatCreditsGrouped } from "@/lib/credits/amount";
import type { GrantView } from "@/lib/ledger/balance";
import type { SqlReader } from "@/lib/sql";

type Props = { sql: SqlReader; companyId: string; timeZone: string; now: Date; grants: GrantView[] };

export async function RunwaySection({ sql, ...input }: Props) {
  return <RunwayCard runway={await readRunway(sql, input)} />;
}

function RunwayCard({ runway }: { runway: Runway }) {
  return (
    <Card className="h-full">
      <section aria-labelledby="runway" className="flex h-full flex-col p-5">
        <h2 id="runway" className="text-sm font-medium text-neutral-600">
          Runway
        </h2>
        <RunwayBody runway={runway} />
        <p className="mt-auto pt-4 text-xs text-neutral-500">
          Counts the credits available now, used soonest-expiring first. Credits granted later, such as next contract year&rsquo;s default credits, extend it.
        </p>
      </section>
    </Card>
  );
}

function RunwayBody({ runway }: { runway: Runway }) {
  switch (runway.kind) {
    case "no-credits":
      return (
        <Headline detail="Credit-based processing stops until credits are added; everything already processed stays available.">No credits remaining</Headline>
      );
    case "no-usage":
      return <Headline detail="The runway appears once credits are used.">No usage in the last {runway.windowDays} days</Headline>;
    case "runs-out":
      return (
        <>
          <p className="mt-2 text-3xl font-semibold tracking-tight text-neutral-900">
            <time dateTime={runway.runsOutOn}>{formatMediumDate(runway.runsOutOn)}</time>
          </p>
          <p className="mt-2 text-sm text-neutral-700">
            At the average rate of the last {runway.windowDays} days, <Burn milli={runway.dailyBurnMilli} />, your credits run out{" "}
            {runway.daysLeft === 0 ? "today" : runway.daysLeft === 1 ? "tomorrow" : `in ${runway.daysLeft.toLocaleString("en-US")} days`}.
          </p>
        </>
      );
    case "expires-first":
      return (
        <Headline
          detail={
            <>
              At the average rate of the last {runway.windowDays} days, <Burn milli={runway.dailyBurnMilli} />, about{" "}
              {formatCreditsGrouped(runway.expiringMilli)} credits are still unused when the last grant expires after{" "}
              <time dateTime={runway.expiresAfter}>{formatMediumDate(runway.expiresAfter)}</time>.
            </>
          }
        >
          Your credits will expire before they run out at this rate
        </Headline>
      );
  }
}

function Headline({ children, detail }: { children: ReactNode; detail: ReactNode }) {
  return (
    <>
      <p className="mt-2 text-lg font-semibold text-neutral-900">{children}</p>
      <p className="mt-2 text-sm text-neutral-700">{detail}</p>
    </>
  );
}

// The daily burn to the nearest tenth of a credit (it is an average: more digits mean nothing).
function Burn({ milli }: { milli: bigint }) {
  const tenths = (milli + 50n) / 100n;
  return <>{tenths === 0n ? "less than 0.1" : `about ${formatCreditsGrouped(tenths * 100n)}`} credits a day</>;
}
