// Admin center > Settings > Contract and seats (Tech admins): the contract term, the seats, the
// credits each core seat earns, and this contract year's default credits (R-LEDGER-2). Read-only:
// the term and the seats are the contract's, changed by the vendor's account team.
import type { Metadata } from "next";
import { connection } from "next/server";
import { formatCompanyDate, formatCompanyTime, timeZoneShortName } from "@/components/credits/company-time";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/page";
import { systemClock } from "@/lib/clock";
import { getContractSummary } from "@/lib/companies/contract";
import { formatCreditsGrouped } from "@/lib/credits/amount";
import { getDatabase } from "@/lib/db";

export const metadata: Metadata = { title: "Contract and seats" };

const SEAT_LABELS: Record<string, string> = { core: "Core", viewer: "Viewer" };

export default async function ContractPage() {
  await connection();
  const actor = await requirePermission("/admin-center/settings/contract", "settings.write");
  const { prisma } = getDatabase();
  const now = systemClock.now();
  const contract = await getContractSummary(prisma, { companyId: actor.actingCompanyId, now });
  const zone = contract.timeZone;
  const day = (at: Date) => formatCompanyDate(at, zone);
  const moment = (at: Date) => `${day(at)}, ${formatCompanyTime(at, zone)} ${timeZoneShortName(zone, at)}`;
  const year = contract.currentYear;

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold text-neutral-900">Contract and seats</h1>
        <p className="mt-1 text-sm text-neutral-600">
          {contract.name}&rsquo;s contract with the vendor, which sets the default credits. To change the term or the seats, contact your account team.
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Term</CardTitle>
          <CardDescription>Dates are in the company&rsquo;s time zone, {zone}.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-neutral-600">Starts</dt>
            <dd className="font-medium text-neutral-900">{moment(contract.termStartsAt)}</dd>
            <dt className="text-neutral-600">Ends</dt>
            <dd className="font-medium text-neutral-900">{moment(contract.termEndsAt)}</dd>
            <dt className="text-neutral-600">Contract years</dt>
            <dd className="font-medium text-neutral-900">{contract.yearCount}</dd>
            <dt className="text-neutral-600">This contract year</dt>
            <dd className="font-medium text-neutral-900">
              {year
                ? `Year ${year.index + 1} of ${contract.yearCount}: from ${moment(year.start)} until ${moment(year.end)}`
                : now < contract.termStartsAt
                  ? "The term has not started."
                  : "The term has ended: no more default credits are issued."}
            </dd>
          </dl>
        </CardContent>
      </Card>

      <Card>
        <section aria-labelledby="seats-heading">
          <CardHeader>
            <CardTitle id="seats-heading">Seats</CardTitle>
            <CardDescription>Only core seats earn credits.</CardDescription>
          </CardHeader>
          <div className="mt-4">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Seat type</TableHead>
                  <TableHead className="text-right">Seats</TableHead>
                  <TableHead className="text-right">Credits a seat each contract year</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {contract.seats.length === 0 ? (
                  <TableRow>
                    <TableCell colSpan={3}>No seats are recorded, so no default credits are issued.</TableCell>
                  </TableRow>
                ) : (
                  contract.seats.map((seat) => (
                    <TableRow key={seat.seatType}>
                      <TableCell className="font-medium text-neutral-900">{SEAT_LABELS[seat.seatType] ?? seat.seatType}</TableCell>
                      <TableCell className="text-right tabular-nums">{seat.count.toLocaleString("en-US")}</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {seat.seatType === "core" ? formatCreditsGrouped(contract.creditsPerCoreSeatMilli) : "0"}
                      </TableCell>
                    </TableRow>
                  ))
                )}
              </TableBody>
            </Table>
          </div>
        </section>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Default credits</CardTitle>
          <CardDescription>
            Issued at the start of each contract year: {formatCreditsGrouped(contract.creditsPerCoreSeatMilli)} credits a core seat ×{" "}
            {contract.coreSeats.toLocaleString("en-US")} core seats. What remains of them expires when the next year starts.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-neutral-600">Each contract year</dt>
            <dd className="font-medium text-neutral-900 tabular-nums">{formatCreditsGrouped(contract.defaultCreditsPerYearMilli)} credits</dd>
            {year ? (
              <>
                <dt className="text-neutral-600">This year&rsquo;s grant</dt>
                <dd className="font-medium text-neutral-900 tabular-nums">
                  {contract.defaultGrant
                    ? `${formatCreditsGrouped(contract.defaultGrant.amountMilli)} credits, ${formatCreditsGrouped(contract.defaultGrant.remainingMilli)} remaining`
                    : contract.defaultCreditsPerYearMilli === 0n
                      ? "None: no core seat earns credits."
                      : "Not issued yet: it is issued within a minute of the year's start."}
                </dd>
                <dt className="text-neutral-600">Next reset</dt>
                <dd className="font-medium text-neutral-900">
                  {year.end < contract.termEndsAt ? moment(year.end) : `None: the term ends ${day(contract.termEndsAt)}.`}
                </dd>
              </>
            ) : null}
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}
