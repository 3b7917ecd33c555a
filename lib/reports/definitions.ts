// The three credit reports (R-REPORT-2): their exact columns, in order, and how each row is made
// from the database. Dates are the company's local dates, times its local date and time.
import { formatCredits } from "../credits/amount";
import type { FeatureType } from "../ledger/types";
import { type Row, type SqlValue, toBigInt, toDate, toNumber } from "../sql";
import { formatLocalDate, formatLocalDateTime } from "../time/zoned";
import { textCell } from "./csv";
import type { ReportRange } from "./range";

export const REPORT_IDS = ["credit-usage", "credit-balance", "purchase-history"] as const;
export type ReportId = (typeof REPORT_IDS)[number];

export const FEATURE_TYPE_LABELS: Record<FeatureType, string> = {
  ai_tracker: "AI tracker",
  ask_anything_api: "Ask Anything API",
  briefer_api: "Briefer API",
  mcp: "MCP server",
  automated_brief: "Automated brief",
};

const METHOD_LABELS: Record<string, string> = {
  added: "Credits added",
  used: "Credits used",
  expired: "Credits expired",
  reset: "Credits reset",
  adjusted: "Credits adjusted",
  refunded: "Credits refunded",
  voided: "Credits voided",
};

type Context = { companyId: string; timeZone: string; range: ReportRange; now: Date };

export type ReportDefinition = {
  title: string;
  columns: readonly string[];
  query(ctx: Context): { sql: string; params: SqlValue[] };
  row(r: Row, ctx: Context): string[];
};

// Every zone's offset is a multiple of 15 minutes, so an instant's local date is the same for
// the whole 15-minute UTC slot it falls in: a million ledger rows need few date computations.
const SLOT_MS = 15 * 60 * 1000;
let slotZone = "";
const slotDates = new Map<number, string>();
function localDateCached(at: Date, timeZone: string): string {
  if (timeZone !== slotZone) {
    slotZone = timeZone;
    slotDates.clear();
  }
  const slot = Math.floor(at.getTime() / SLOT_MS);
  let date = slotDates.get(slot);
  if (date === undefined) {
    if (slotDates.size > 100_000) slotDates.clear();
    date = formatLocalDate(at, timeZone);
    slotDates.set(slot, date);
  }
  return date;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const REPORTS: Record<ReportId, ReportDefinition> = {
  "credit-usage": {
    title: "Credit usage",
    columns: ["Usage date", "Feature type", "Feature name", "Usage action", "Integration", "User ID", "Credits used", "Usage breakdown", "# of requests"],
    query: ({ companyId, range }) => ({
      sql: `SELECT "usageDate", "featureType", "featureName", "usageAction", "integration", "userId", "creditsMilli", "calls", "emails", "webSearches", "requests"
              FROM "UsageRecord" WHERE "companyId" = ? AND "usageDate" >= ? AND "usageDate" <= ?
             ORDER BY "usageDate", "firstAt", "id"`,
      params: [companyId, range.from, range.to],
    }),
    row: (r) => [
      String(r.usageDate),
      FEATURE_TYPE_LABELS[r.featureType as FeatureType] ?? textCell(String(r.featureType)),
      textCell(String(r.featureName)),
      textCell(String(r.usageAction)),
      textCell(String(r.integration)),
      textCell(String(r.userId)),
      formatCredits(toBigInt(r.creditsMilli)),
      [
        count(toNumber(r.calls), "call", "calls"),
        count(toNumber(r.emails), "email", "emails"),
        count(toNumber(r.webSearches), "web search", "web searches"),
      ].join(", "),
      String(toNumber(r.requests)),
    ],
  },
  "credit-balance": {
    title: "Credit balance",
    columns: ["Action date", "Action", "Method", "# of credits", "Total credits before", "Total credits after"],
    query: ({ companyId, range }) => ({
      sql: `SELECT "at", "kind", "action", "amountMilli", "balanceBeforeMilli", "balanceAfterMilli"
              FROM "LedgerEntry" WHERE "companyId" = ? AND "at" >= ? AND "at" < ?
             ORDER BY "at", "seq"`,
      params: [companyId, range.startsAt, range.endsBefore],
    }),
    row: (r, { timeZone }) => [
      localDateCached(toDate(r.at), timeZone),
      textCell(String(r.action)),
      METHOD_LABELS[String(r.kind)] ?? textCell(String(r.kind)),
      formatCredits(toBigInt(r.amountMilli)),
      formatCredits(toBigInt(r.balanceBeforeMilli)),
      formatCredits(toBigInt(r.balanceAfterMilli)),
    ],
  },
  "purchase-history": {
    title: "Purchase history",
    columns: ["Purchase time", "# of credits", "Availability start date", "Expiration date", "Remaining credits"],
    query: ({ companyId, range }) => ({
      sql: `SELECT p."purchasedAt", p."creditsMilli", p."availableFrom", p."expiresAt", g."remainingMilli", g."status"
              FROM "Purchase" p JOIN "CreditGrant" g ON g."id" = p."grantId"
             WHERE p."companyId" = ? AND p."purchasedAt" >= ? AND p."purchasedAt" < ?
             ORDER BY p."purchasedAt", p."id"`,
      params: [companyId, range.startsAt, range.endsBefore],
    }),
    row: (r, { timeZone, now }) => {
      const expired = toDate(r.expiresAt) <= now || r.status === "closed";
      return [
        formatLocalDateTime(toDate(r.purchasedAt), timeZone),
        formatCredits(toBigInt(r.creditsMilli)),
        formatLocalDate(toDate(r.availableFrom), timeZone),
        formatLocalDate(toDate(r.expiresAt), timeZone),
        formatCredits(expired ? 0n : toBigInt(r.remainingMilli)),
      ];
    },
  },
};

export function isReportId(value: string): value is ReportId {
  return (REPORT_IDS as readonly string[]).includes(value);
}
