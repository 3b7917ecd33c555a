// Grants as the table shows them: every figure and date formatted on the server (exact
// amounts from bigints, dates in the company's zone), so the browser renders text only.
import { formatCredits, formatCreditsGrouped } from "@/lib/credits/amount";
import type { GrantView } from "@/lib/ledger/balance";
import { formatCompanyDate, formatCompanyTime } from "./company-time";

export type CompanyInstant = { iso: string; date: string; time: string };

export type GrantRow = {
  id: string;
  kind: string;
  /** Names the grant for people and screen readers: "Purchased PO-1", "Default, expires Nov 25, 2027". */
  label: string;
  upcoming: boolean;
  /** A purchase voided as recorded in error: nothing remains of it (R-CORRECT-2). */
  voided: boolean;
  amount: { value: string; text: string };
  remaining: { value: string; text: string };
  availableFrom: CompanyInstant;
  expiresAt: CompanyInstant;
};

const KIND_LABELS: Record<GrantView["kind"], string> = {
  default: "Default",
  purchased: "Purchased",
  adjustment: "Adjustment",
};

const instant = (date: Date, timeZone: string): CompanyInstant => ({
  iso: date.toISOString(),
  date: formatCompanyDate(date, timeZone),
  time: formatCompanyTime(date, timeZone),
});
const amount = (milli: bigint) => ({ value: formatCredits(milli), text: formatCreditsGrouped(milli) });

export function toGrantRows(grants: readonly GrantView[], timeZone: string): GrantRow[] {
  return grants.map((g) => {
    const kind = KIND_LABELS[g.kind] ?? g.kind;
    const voided = g.voidedAt !== null;
    return {
      id: g.id,
      kind,
      label: g.orderReference ? `${kind} ${g.orderReference}` : `${kind}, expires ${formatCompanyDate(g.expiresAt, timeZone)}`,
      upcoming: g.status === "pending",
      voided,
      amount: amount(g.amountMilli),
      remaining: amount(voided ? 0n : g.remainingMilli),
      availableFrom: instant(g.availableFrom, timeZone),
      expiresAt: instant(g.expiresAt, timeZone),
    };
  });
}
