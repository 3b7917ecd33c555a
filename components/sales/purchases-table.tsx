// A company's purchases, newest first (R-BUY-2): what each brought, what remains of it now, and
// when it is usable, in the company's time zone. A voided purchase shows "Voided" with 0
// remaining (R-CORRECT-2); for Sales, each purchase that is not voided has "Void".

import { timeZoneShortName } from "@/components/credits/company-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCredits, formatCreditsGrouped } from "@/lib/credits/amount";
import type { PurchaseView } from "@/lib/purchases";
import { CompanyTime } from "./company-time";
import { VoidPurchase } from "./void-purchase";

const STATES: Record<PurchaseView["state"], { label: string; tone: "neutral" | "success" | "brand" }> = {
  upcoming: { label: "Upcoming", tone: "brand" },
  available: { label: "Available", tone: "success" },
  expired: { label: "Expired", tone: "neutral" },
  voided: { label: "Voided", tone: "neutral" },
};

type Props = {
  purchases: PurchaseView[];
  companyName: string;
  timeZone: string;
  now: Date;
  /** Given to Sales, who may void: the company whose purchases these are. */
  voidFor?: { companyId: string };
};

export function PurchasesTable({ purchases, companyName, timeZone, now, voidFor }: Props) {
  if (purchases.length === 0) {
    return (
      <div className="px-5 py-10 text-center">
        <p className="text-sm font-medium text-neutral-900">No purchases yet</p>
        <p className="mt-1 text-sm text-neutral-600">
          Purchases recorded for {companyName} appear here, newest first. Use &ldquo;Record purchase&rdquo; to add one.
        </p>
      </div>
    );
  }
  return (
    <Table>
      <TableCaption>
        Times in {timeZone} ({timeZoneShortName(timeZone, now)}). Credits can be used from the availability start until, but not including, the expiration date.
      </TableCaption>
      <TableHeader>
        <tr>
          <TableHead>Purchase time</TableHead>
          <TableHead>Order reference</TableHead>
          <TableHead className="text-right">Credits</TableHead>
          <TableHead className="text-right">Remaining</TableHead>
          <TableHead>Availability start</TableHead>
          <TableHead>Expiration date</TableHead>
          <TableHead>Status</TableHead>
          {voidFor ? (
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </tr>
      </TableHeader>
      <TableBody>
        {purchases.map((purchase) => (
          <TableRow key={purchase.id}>
            <TableCell>
              <CompanyTime date={purchase.purchasedAt} timeZone={timeZone} />
            </TableCell>
            <TableCell className="font-mono text-xs break-all text-neutral-900">{purchase.orderReference}</TableCell>
            <TableCell className="text-right tabular-nums">{formatCreditsGrouped(purchase.creditsMilli)}</TableCell>
            <TableCell className="text-right font-medium text-neutral-900 tabular-nums">{formatCreditsGrouped(purchase.remainingMilli)}</TableCell>
            <TableCell>
              <CompanyTime date={purchase.availableFrom} timeZone={timeZone} />
            </TableCell>
            <TableCell>
              <CompanyTime date={purchase.expiresAt} timeZone={timeZone} />
            </TableCell>
            <TableCell>
              <Badge tone={STATES[purchase.state].tone}>{STATES[purchase.state].label}</Badge>
            </TableCell>
            {voidFor ? (
              <TableCell className="text-right">
                {purchase.state === "voided" ? null : (
                  <VoidPurchase
                    companyId={voidFor.companyId}
                    purchase={{
                      id: purchase.id,
                      orderReference: purchase.orderReference,
                      credits: formatCredits(purchase.creditsMilli),
                      remaining: formatCredits(purchase.remainingMilli),
                    }}
                  />
                )}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
