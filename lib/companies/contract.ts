// A company's contract as its Tech admin sees it (Settings > Contract and seats): the term, the
// seats, the credits each core seat earns, and the contract year now with its default grant
// (R-LEDGER-2). Read-only: the term and seats come from the contract with the vendor, and a
// company's own users never mint credits (R-LEDGER-1).
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
import { contractYearAt, contractYearBounds } from "../ledger/contract";

export type ContractSummary = {
  name: string;
  timeZone: string;
  termStartsAt: Date;
  termEndsAt: Date;
  /** Seats by type, core first; only core seats earn credits. */
  seats: Array<{ seatType: string; count: number }>;
  creditsPerCoreSeatMilli: bigint;
  coreSeats: number;
  /** What each contract year's default grant comes to: credits per core seat × core seats. */
  defaultCreditsPerYearMilli: bigint;
  /** How many contract years the term has (the last may be short). */
  yearCount: number;
  /** The contract year `now` is in (0-based), or null before or after the term. */
  currentYear: { index: number; start: Date; end: Date } | null;
  /** The default grant issued for the current year, once it is issued. */
  defaultGrant: { amountMilli: bigint; remainingMilli: bigint; expiresAt: Date } | null;
};

export async function getContractSummary(db: Db | Tx, { companyId, now }: { companyId: string; now: Date }): Promise<ContractSummary> {
  const company = await db.company.findUnique({
    where: { id: companyId },
    select: {
      name: true,
      timeZone: true,
      termStartsAt: true,
      termEndsAt: true,
      creditsPerCoreSeatMilli: true,
      seats: { select: { seatType: true, count: true } },
    },
  });
  if (!company) throw new AppError("not_found", "There is no such company.");
  const seats = [...company.seats].sort((a, b) => (a.seatType === "core" ? -1 : b.seatType === "core" ? 1 : a.seatType.localeCompare(b.seatType)));
  const coreSeats = company.seats.find((s) => s.seatType === "core")?.count ?? 0;
  const lastYear = contractYearAt(company, new Date(company.termEndsAt.getTime() - 1));
  const index = contractYearAt(company, now);
  const currentYear = index === undefined ? null : { index, ...contractYearBounds(company, index) };
  const grant =
    index === undefined
      ? null
      : await db.creditGrant.findFirst({
          where: { companyId, kind: "default", contractYear: index },
          select: { amountMilli: true, remainingMilli: true, expiresAt: true },
        });
  return {
    name: company.name,
    timeZone: company.timeZone,
    termStartsAt: company.termStartsAt,
    termEndsAt: company.termEndsAt,
    seats,
    creditsPerCoreSeatMilli: company.creditsPerCoreSeatMilli,
    coreSeats,
    defaultCreditsPerYearMilli: company.creditsPerCoreSeatMilli * BigInt(coreSeats),
    yearCount: lastYear === undefined ? 0 : lastYear + 1,
    currentYear,
    defaultGrant: grant ?? null,
  };
}
