// The company's current grants (R-PAGE-2): what each brought, what remains, and when it is
// usable, soonest expiry first, which is also the order consumption draws from them (R-LEDGER-4).
import { formatCreditsGrouped } from "@/lib/credits/amount";
import type { GrantView } from "@/lib/ledger/balance";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCompanyDate, formatCompanyTime, timeZoneShortName } from "./company-time";

const KIND_LABELS: Record<GrantView["kind"], string> = {
  default: "Default",
  purchased: "Purchased",
  adjustment: "Adjustment",
};

export function GrantsTable({ grants, timeZone, now }: { grants: GrantView[]; timeZone: string; now: Date }) {
  if (grants.length === 0) {
    return (
      <div className="px-5 py-10 text-center">
        <p className="text-sm font-medium text-neutral-900">No current grants</p>
        <p className="mt-1 text-sm text-neutral-600">
          Default credits are granted at the start of each contract year, and purchased credits appear here once your
          account team records them.
        </p>
      </div>
    );
  }
  return (
    <Table>
      <TableCaption>
        Times in {timeZone} ({timeZoneShortName(timeZone, now)}). A grant can be used from its start until, but not
        including, its expiry.
      </TableCaption>
      <TableHeader>
        <tr>
          <TableHead>Kind</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          <TableHead className="text-right">Remaining</TableHead>
          <TableHead>Available from</TableHead>
          <TableHead>Expires</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {grants.map((grant) => (
          <TableRow key={grant.id}>
            <TableCell className="font-medium text-neutral-900">{KIND_LABELS[grant.kind] ?? grant.kind}</TableCell>
            <TableCell>
              {grant.status === "pending" ? <Badge>Upcoming</Badge> : <Badge tone="success">Available</Badge>}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatCreditsGrouped(grant.amountMilli)}</TableCell>
            <TableCell className="text-right font-medium text-neutral-900 tabular-nums">
              {formatCreditsGrouped(grant.remainingMilli)}
            </TableCell>
            <TableCell>
              <CompanyTime date={grant.availableFrom} timeZone={timeZone} />
            </TableCell>
            <TableCell>
              <CompanyTime date={grant.expiresAt} timeZone={timeZone} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

// The date, with the time beneath it: grants start and end at exact instants (expiry is
// exclusive), so the time is shown, but quietly, to keep the columns narrow.
function CompanyTime({ date, timeZone }: { date: Date; timeZone: string }) {
  return (
    <time dateTime={date.toISOString()} className="flex flex-col whitespace-nowrap">
      <span>{formatCompanyDate(date, timeZone)}</span>
      <span className="text-xs text-neutral-500">{formatCompanyTime(date, timeZone)}</span>
    </time>
  );
}
