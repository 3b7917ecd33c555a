// The three credit reports (R-REPORT-2): their exact columns, in order, and how each row is made
// from the database. Dates are the company's local dates, times its local date and time.
import { formatSafeMilli } from "../credits/amount";
import { addDays } from "../credits/calendar";
import type { FeatureType } from "../ledger/types";
import type { SqlDatabase, SqlValue } from "../sql";
import { col, type TupleDecoder, tuple } from "../sql/rows";
import { formatLocalDate, formatLocalDateTime } from "../time/zoned";
import { textField } from "./csv";
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
  /**
   * The report's rows for one company and range, as stored: the export benchmark's ceiling (the
   * sqlite3 shell) runs it on its own. The export reads the same rows, in the same order.
   */
  query(ctx: Context): { sql: string; params: SqlValue[] };
  /** The report's rows for one company and range as CSV lines, a page at a time. */
  pages(sql: SqlDatabase, ctx: Context): AsyncIterable<string[]>;
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

// The usage breakdown, quoted (it holds commas). Most rows repeat a few small combinations, so
// each is made once: building three counts a row was a tenth of a million-row export.
const breakdowns = new Map<number, string>();
const isSmall = (n: number) => n >= 0 && n < 1024;
function usageBreakdown(calls: number, emails: number, webSearches: number): string {
  const key = isSmall(calls) && isSmall(emails) && isSmall(webSearches) ? (calls * 1024 + emails) * 1024 + webSearches : undefined;
  let field = key === undefined ? undefined : breakdowns.get(key);
  if (field === undefined) {
    field = `"${count(calls, "call", "calls")}, ${count(emails, "email", "emails")}, ${count(webSearches, "web search", "web searches")}"`;
    if (key !== undefined && breakdowns.size < 100_000) breakdowns.set(key, field);
  }
  return field;
}

/** Each feature type's label as a finished CSV field; an unknown type is shown as stored. */
const FEATURE_TYPE_FIELDS = new Map(Object.entries(FEATURE_TYPE_LABELS).map(([type, label]) => [type, textField(label)]));

// On SQLite, a usage row's five descriptive cells (feature type, feature name, action,
// integration, user) are read as one JSON array made by the database. They repeat across a
// year's rows (a company has so many features and users, and a row for each a day), so each
// distinct array's five fields are made once per export: reading the million rows' cells took
// 2.07 s so, against 2.37 s as five strings, and the fields are not checked and quoted again on
// every row. The array is unambiguous whatever the cells hold.
const FEATURE_COLUMNS = `"featureType", "featureName", "usageAction", "integration", "userId"`;

/** A usage row's five descriptive cells as CSV fields, the feature type by its label. */
const featureFields = (featureType: string, featureName: string, usageAction: string, integration: string, userId: string) =>
  `${FEATURE_TYPE_FIELDS.get(featureType) ?? textField(featureType)},${textField(featureName)},${textField(usageAction)},${textField(integration)},${textField(userId)}`;

/** featureFields of one JSON array of the five cells. */
function featureFieldsOfArray(array: string): string {
  const cells: unknown = JSON.parse(array);
  if (!Array.isArray(cells) || cells.length !== 5 || !cells.every((c) => typeof c === "string"))
    throw new TypeError(`expected the usage row's five text cells as a JSON array, got ${array.slice(0, 200)}`);
  const [featureType, featureName, usageAction, integration, userId] = cells as [string, string, string, string, string];
  return featureFields(featureType, featureName, usageAction, integration, userId);
}

/**
 * featureFieldsOfArray, each distinct array made once: an export's own memo, so that one company's
 * values neither fill it for another nor outlive the export. It keeps at most 20,000 (a few
 * megabytes: users × features); past that, a new array is made each time it comes.
 */
function featureFieldsMemo(): (array: string) => string {
  const made = new Map<string, string>();
  return (array) => {
    let fields = made.get(array);
    if (fields === undefined) {
      fields = featureFieldsOfArray(array);
      if (made.size < 20_000) made.set(array, fields);
    }
    return fields;
  };
}

/** The usage row's last five cells, after its descriptive ones: what the line's usageTail is made of. */
const AMOUNT_COLUMNS = `"creditsMilli", "calls", "emails", "webSearches", "requests"`;
const AMOUNTS = [
  ["creditsMilli", col.int],
  ["calls", col.int],
  ["emails", col.int],
  ["webSearches", col.int],
  ["requests", col.int],
] as const;

/** A usage row as stored, for PostgreSQL. */
const UsageRow = tuple(
  ["usageDate", col.text],
  ["featureType", col.text],
  ["featureName", col.text],
  ["usageAction", col.text],
  ["integration", col.text],
  ["userId", col.text],
  ...AMOUNTS,
);

/** A usage row of one day, its five descriptive cells as one JSON array, for SQLite. */
const DayUsageRow = tuple(["feature", col.text], ...AMOUNTS);

const BalanceRow = tuple(
  ["at", col.date],
  ["kind", col.text],
  ["action", col.text],
  ["amountMilli", col.int],
  ["balanceBeforeMilli", col.int],
  ["balanceAfterMilli", col.int],
);

const PurchaseRow = tuple(
  ["purchasedAt", col.date],
  ["creditsMilli", col.int],
  ["availableFrom", col.date],
  ["expiresAt", col.date],
  ["remainingMilli", col.int],
  ["status", col.text],
);

/**
 * A report: its query, the decoder of its rows, and how each row becomes a CSV line. A line is
 * written whole: text goes through textField (neutralised and quoted), and the other cells
 * (dates, amounts, counts) hold no character CSV would quote.
 */
function report<T>(definition: {
  title: string;
  columns: readonly string[];
  query(ctx: Context): { sql: string; params: SqlValue[] };
  decode: TupleDecoder<T>;
  line(row: T, ctx: Context): string;
}): ReportDefinition {
  return {
    ...definition,
    pages(sql, ctx) {
      const { sql: text, params } = definition.query(ctx);
      const { decode, line } = definition;
      return (async function* () {
        for await (const page of sql.iteratePages(text, params, decode)) yield page.map((row) => line(row, ctx));
      })();
    },
  };
}

function usageQuery({ companyId, range }: Context) {
  return {
    sql: `SELECT "usageDate", ${FEATURE_COLUMNS}, ${AMOUNT_COLUMNS}
            FROM "UsageRecord" WHERE "companyId" = ? AND "usageDate" >= ? AND "usageDate" <= ?
           ORDER BY "usageDate", "firstAt", "id"`,
    params: [companyId, range.from, range.to],
  };
}

/** The usage line's last three fields: the credits, the breakdown and the requests. */
const usageTail = (creditsMilli: number, calls: number, emails: number, webSearches: number, requests: number) =>
  `${formatSafeMilli(creditsMilli)},${usageBreakdown(calls, emails, webSearches)},${requests}`;

/**
 * The usage report on SQLite, read a day at a time (iterateParts) in the report's order: the rows
 * of each date from `from` to `to`, ordered by firstAt and id. No row carries its date, and a
 * day's rows come from the driver in one call. A day at a time and the JSON array together read
 * the million rows in 1.46 s, against 2.37 s for the report's own query row by row.
 */
async function* usageByDay(sql: SqlDatabase, { companyId, range }: Context): AsyncGenerator<string[]> {
  const dates = Array.from({ length: range.days }, (_, i) => addDays(range.from, i));
  const fieldsOf = featureFieldsMemo();
  const text = `SELECT json_array(${FEATURE_COLUMNS}), ${AMOUNT_COLUMNS}
                  FROM "UsageRecord" WHERE "companyId" = ? AND "usageDate" = ?
                 ORDER BY "firstAt", "id"`;
  const days = dates.map((date) => [companyId, date]);
  for await (const { part, rows } of sql.iterateParts(text, days, DayUsageRow)) {
    const date = dates[part]!;
    yield rows.map(
      ([feature, creditsMilli, calls, emails, webSearches, requests]) =>
        `${date},${fieldsOf(feature)},${usageTail(creditsMilli, calls, emails, webSearches, requests)}`,
    );
  }
}

/**
 * The usage report on PostgreSQL: the report's own query in one cursor, each row's cells made
 * into fields as they come. There the export is bound by the server, to which a JSON array a row
 * costs more than it saves the client: 200,000 rows took 1.10–1.25 s so, 1.25–1.35 s with the
 * array, and 1.40–1.63 s a day at a time (a cursor, so three round trips, a day).
 */
async function* usageAsStored(sql: SqlDatabase, ctx: Context): AsyncGenerator<string[]> {
  const { sql: text, params } = usageQuery(ctx);
  for await (const rows of sql.iteratePages(text, params, UsageRow))
    yield rows.map(
      ([usageDate, featureType, featureName, usageAction, integration, userId, creditsMilli, calls, emails, webSearches, requests]) =>
        `${usageDate},${featureFields(featureType, featureName, usageAction, integration, userId)},${usageTail(creditsMilli, calls, emails, webSearches, requests)}`,
    );
}

export const REPORTS: Record<ReportId, ReportDefinition> = {
  "credit-usage": {
    title: "Credit usage",
    columns: ["Usage date", "Feature type", "Feature name", "Usage action", "Integration", "User ID", "Credits used", "Usage breakdown", "# of requests"],
    query: usageQuery,
    pages: (sql, ctx) => (sql.dialect === "sqlite" ? usageByDay(sql, ctx) : usageAsStored(sql, ctx)),
  },
  "credit-balance": report({
    title: "Credit balance",
    columns: ["Action date", "Action", "Method", "# of credits", "Total credits before", "Total credits after"],
    query: ({ companyId, range }) => ({
      sql: `SELECT "at", "kind", "action", "amountMilli", "balanceBeforeMilli", "balanceAfterMilli"
              FROM "LedgerEntry" WHERE "companyId" = ? AND "at" >= ? AND "at" < ?
             ORDER BY "at", "seq"`,
      params: [companyId, range.startsAt, range.endsBefore],
    }),
    decode: BalanceRow,
    line: ([at, kind, action, amountMilli, balanceBeforeMilli, balanceAfterMilli], { timeZone }) =>
      `${localDateCached(at, timeZone)},${textField(action)},${textField(METHOD_LABELS[kind] ?? kind)},` +
      `${formatSafeMilli(amountMilli)},${formatSafeMilli(balanceBeforeMilli)},${formatSafeMilli(balanceAfterMilli)}`,
  }),
  "purchase-history": report({
    title: "Purchase history",
    columns: ["Purchase time", "# of credits", "Availability start date", "Expiration date", "Remaining credits"],
    query: ({ companyId, range }) => ({
      sql: `SELECT p."purchasedAt", p."creditsMilli", p."availableFrom", p."expiresAt", g."remainingMilli", g."status"
              FROM "Purchase" p JOIN "CreditGrant" g ON g."id" = p."grantId"
             WHERE p."companyId" = ? AND p."purchasedAt" >= ? AND p."purchasedAt" < ?
             ORDER BY p."purchasedAt", p."id"`,
      params: [companyId, range.startsAt, range.endsBefore],
    }),
    decode: PurchaseRow,
    line: ([purchasedAt, creditsMilli, availableFrom, expiresAt, remainingMilli, status], { timeZone, now }) => {
      const expired = expiresAt <= now || status === "closed";
      return [
        formatLocalDateTime(purchasedAt, timeZone),
        formatSafeMilli(creditsMilli),
        formatLocalDate(availableFrom, timeZone),
        formatLocalDate(expiresAt, timeZone),
        formatSafeMilli(expired ? 0 : remainingMilli),
      ].join(",");
    },
  }),
};

export function isReportId(value: string): value is ReportId {
  return (REPORT_IDS as readonly string[]).includes(value);
}
