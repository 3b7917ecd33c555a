// The three reports against a ledger built here, on both databases: exact columns and rows,
// company-local dates across a daylight-saving change, agreement between the reports, formula
// escaping, and refused ranges.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { charge, chargeMany, getCreditSummary, recordPurchase } from "../billing";
import { formatCredits, parseCredits } from "../credits/amount";
import type { Database } from "../db";
import { AppError } from "../errors";
import { col, shape } from "../sql/rows";
import { exportReport, parseReportRange, REPORTS, type ReportId } from "./index";

const TZ = "America/New_York";
// New York springs forward on 2026-03-08.
const T = {
  start: new Date("2026-03-01T15:00:00Z"),
  lateMar7: new Date("2026-03-08T04:30:00Z"), // 2026-03-07 23:30 EST
  lateMar8: new Date("2026-03-09T03:30:00Z"), // 2026-03-08 23:30 EDT
  mar9: new Date("2026-03-09T14:00:00Z"),
  now: new Date("2026-03-10T12:00:00Z"),
};

async function readCsv(db: Database, report: ReportId, companyId: string, from: string, to: string, now = T.now) {
  const range = parseReportRange({ from, to }, TZ);
  const { stream, fileName } = exportReport(db.sql, report, { companyId, companyName: "Report Co", timeZone: TZ, range, now });
  const text = await new Response(stream).text();
  const parsed = Papa.parse<string[]>(text.trimEnd(), { skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.data[0]!, rows: parsed.data.slice(1), fileName, text };
}

describe.each(PROVIDERS)("reports on %s", (provider) => {
  let db: Database;
  let companyId: string;
  beforeAll(async () => {
    db = await freshDatabase(provider);
    ({ companyId } = await makeCompany(db.sql, T.start, { timeZone: TZ, coreSeats: 2, perSeatCredits: 50, termStartsAt: new Date("2026-02-01T05:00:00Z") }));
    const ask = {
      featureType: "ask_anything_api" as const,
      featureName: "Ask Anything API",
      usageAction: "request",
      userId: "user_a",
      calls: 1,
      emails: 2,
      requests: 1,
    };
    await recordPurchase(
      db.sql,
      { companyId, creditsMilli: 25_500n, orderReference: `R-${provider}-1`, purchasedAt: T.start, availableFrom: T.start },
      T.start,
    );
    await charge(db.sql, companyId, { amountMilli: 700n, action: "Ask Anything API", usage: ask }, T.lateMar7);
    await chargeMany(
      db.sql,
      companyId,
      [
        {
          amountMilli: 100n,
          action: "AI tracker: =cmd|' /C calc'!A0",
          usage: { featureType: "ai_tracker", featureName: "=cmd|' /C calc'!A0", usageAction: "continuous", emails: 1 },
        },
        {
          amountMilli: 200n,
          action: "AI tracker: =cmd|' /C calc'!A0",
          usage: { featureType: "ai_tracker", featureName: "=cmd|' /C calc'!A0", usageAction: "continuous", emails: 2 },
        },
      ],
      T.lateMar8,
    );
    await charge(
      db.sql,
      companyId,
      {
        amountMilli: 1_000n,
        action: "MCP server",
        usage: {
          featureType: "mcp",
          featureName: "MCP server",
          usageAction: "ask_anything",
          integration: "Claude Desktop",
          userId: "user_b",
          calls: 1,
          requests: 1,
        },
      },
      T.mar9,
    );
    await recordPurchase(db.sql, { companyId, creditsMilli: 1_000n, orderReference: `R-${provider}-2`, purchasedAt: T.mar9, availableFrom: T.mar9 }, T.mar9);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("writes the usage report with its exact columns, one row per local day and feature", async () => {
    const { header, rows, fileName } = await readCsv(db, "credit-usage", companyId, "2026-03-07", "2026-03-09");
    expect(header).toEqual([
      "Usage date",
      "Feature type",
      "Feature name",
      "Usage action",
      "Integration",
      "User ID",
      "Credits used",
      "Usage breakdown",
      "# of requests",
    ]);
    expect(fileName).toBe("credit-usage_report-co_2026-03-07_2026-03-09.csv");
    expect(rows).toEqual([
      ["2026-03-07", "Ask Anything API", "Ask Anything API", "request", "", "user_a", "0.7", "1 call, 2 emails, 0 web searches", "1"],
      ["2026-03-08", "AI tracker", "'=cmd|' /C calc'!A0", "continuous", "", "", "0.3", "0 calls, 3 emails, 0 web searches", "0"],
      ["2026-03-09", "MCP server", "MCP server", "ask_anything", "Claude Desktop", "user_b", "1", "1 call, 0 emails, 0 web searches", "1"],
    ]);
  });

  it("reads both ends of the range in the company's zone across the daylight-saving change", async () => {
    const mar8 = await readCsv(db, "credit-usage", companyId, "2026-03-08", "2026-03-08");
    expect(mar8.rows.map((r) => r[6])).toEqual(["0.3"]);
    const balance = await readCsv(db, "credit-balance", companyId, "2026-03-08", "2026-03-08");
    expect(balance.rows.map((r) => [r[0], r[3]])).toEqual([
      ["2026-03-08", "-0.1"],
      ["2026-03-08", "-0.2"],
    ]);
  });

  it("writes the balance report: signed amounts, before and after chaining, formulas escaped, numbers not", async () => {
    const { header, rows } = await readCsv(db, "credit-balance", companyId, "2026-02-01", "2026-03-10");
    expect(header).toEqual(["Action date", "Action", "Method", "# of credits", "Total credits before", "Total credits after"]);
    expect(rows.map((r) => [r[2], r[3]])).toEqual([
      ["Credits added", "100"],
      ["Credits added", "25.5"],
      ["Credits used", "-0.7"],
      ["Credits used", "-0.1"],
      ["Credits used", "-0.2"],
      ["Credits used", "-1"],
      ["Credits added", "1"],
    ]);
    // Only a cell that starts like a formula is escaped.
    expect(rows[3]![1]).toBe("AI tracker: =cmd|' /C calc'!A0");
    for (let i = 1; i < rows.length; i++) expect(rows[i]![4]).toBe(rows[i - 1]![5]);
    for (const r of rows)
      expect(parseCredits(r[5]!, { allowZero: true }) - parseCredits(r[4]!, { allowZero: true })).toBe(parseCredits(r[3]!, { allowNegative: true }));
    const { remainingMilli } = await getCreditSummary(db.sql, { companyId, now: T.now });
    expect(rows.at(-1)![5]).toBe(formatCredits(remainingMilli));
  });

  it("writes purchase history with what remains of each purchase now", async () => {
    const { header, rows } = await readCsv(db, "purchase-history", companyId, "2026-03-01", "2026-03-10");
    expect(header).toEqual(["Purchase time", "# of credits", "Availability start date", "Expiration date", "Remaining credits"]);
    expect(rows).toEqual([
      ["2026-03-01 10:00:00", "25.5", "2026-03-01", "2028-02-01", "25.5"],
      ["2026-03-09 10:00:00", "1", "2026-03-09", "2028-02-01", "1"],
    ]);
    const purchased = await db.sql.row(
      `SELECT SUM("remainingMilli") AS s FROM "CreditGrant" WHERE "companyId" = ? AND "kind" = 'purchased'`,
      [companyId],
      shape({ s: col.bigint }),
    );
    expect(rows.reduce((s, r) => s + parseCredits(r[4]!, { allowZero: true }), 0n)).toBe(purchased?.s);
  });

  it("agrees with itself for any range: usage credits equal the balance report's credits used", async () => {
    const dates = ["2026-03-01", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"];
    for (const from of dates) {
      for (const to of dates.filter((d) => d >= from)) {
        const usage = await readCsv(db, "credit-usage", companyId, from, to);
        const balance = await readCsv(db, "credit-balance", companyId, from, to);
        const usageSum = usage.rows.reduce((s, r) => s + parseCredits(r[6]!, { allowZero: true }), 0n);
        const usedSum = balance.rows.filter((r) => r[2] === "Credits used").reduce((s, r) => s - parseCredits(r[3]!, { allowNegative: true }), 0n);
        expect(usageSum, `${from}..${to}`).toBe(usedSum);
      }
    }
  });

  it("quotes text that holds commas, quotes, line breaks or edge spaces, and reads back as written", async () => {
    const { companyId: other } = await makeCompany(db.sql, T.start, { timeZone: TZ });
    // The last two hold what the usage report's JSON read must give back as written:
    // backslashes, quotes, a tab, a control character and characters beyond ASCII.
    const names = [
      'Renewals, "Q3" push',
      " leading space",
      "trailing space ",
      "two\r\nlines",
      "-minus, then comma",
      'back\\slash \\"q\\" \\u0041',
      "tab\there \u0001 naïve 日本 🚀",
    ];
    await chargeMany(
      db.sql,
      other,
      names.map((featureName, i) => ({
        amountMilli: 100n + BigInt(i),
        action: `AI tracker: ${featureName}`,
        usage: { featureType: "ai_tracker" as const, featureName, usageAction: "continuous", emails: 1 },
      })),
      T.lateMar8,
    );
    const { rows } = await readCsv(db, "credit-usage", other, "2026-03-08", "2026-03-08");
    // One charge time for all: rows of the same day and time come in no particular order.
    const cell = (n: string) => (n.startsWith("-") ? `'${n}` : n);
    const sorted = (pairs: string[][]) => pairs.map((p) => p.join(" | ")).sort();
    expect(sorted(rows.map((r) => [r[2]!, r[6]!]))).toEqual(sorted(names.map((n, i) => [cell(n), `0.${100 + i}`.replace(/0+$/, "")])));
    const balance = await readCsv(db, "credit-balance", other, "2026-03-08", "2026-03-08");
    expect(sorted(balance.rows.map((r) => [r[1]!]))).toEqual(sorted(names.map((n) => [`AI tracker: ${n}`])));
  });

  it("writes just the header for a range with no activity", async () => {
    const { header, rows, text } = await readCsv(db, "credit-usage", companyId, "2026-01-01", "2026-01-31");
    expect(header).toEqual([...REPORTS["credit-usage"].columns]);
    expect(rows).toEqual([]);
    expect(text.endsWith("\r\n")).toBe(true);
  });
});

describe("report ranges", () => {
  it.each([
    [{ from: "2026-03-10", to: "2026-03-01" }, "before", "to", "invalid_request"],
    [{ from: "2026/03/01", to: "2026-03-10" }, "YYYY-MM-DD", "from", "invalid_request"],
    [{ from: "2026-02-30", to: "2026-03-10" }, "not a real date", "from", "invalid_request"],
    [{ from: "2026-01-01", to: "2026-13-01" }, "not a real date", "to", "invalid_request"],
    // Over the spec's limit of 366 days: 413, as for every limit.
    [{ from: "2025-12-31", to: "2027-01-01" }, "at most 366 days", "to", "too_large"],
    [{ to: "2026-03-10" }, 'Choose a "From" date', "from", "invalid_request"],
    [{ from: "2026-03-01", to: "" }, 'Choose a "To" date', "to", "invalid_request"],
  ])("refuses %j with a message naming the problem", (input, words, field, code) => {
    let error: unknown;
    try {
      parseReportRange(input, TZ);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(words);
    expect((error as AppError).field).toBe(field);
    expect((error as AppError).code).toBe(code);
  });

  it("accepts a full leap year of 366 days, both ends included", () => {
    const range = parseReportRange({ from: "2028-01-01", to: "2028-12-31" }, TZ);
    expect(range.days).toBe(366);
    expect(range.startsAt.toISOString()).toBe("2028-01-01T05:00:00.000Z");
    expect(range.endsBefore.toISOString()).toBe("2029-01-01T05:00:00.000Z");
  });
});
