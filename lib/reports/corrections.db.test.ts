// Corrections in the reports, on both databases: the Credit balance report shows a refund as
// "Credits refunded" and a void as "Credits voided", each with an Action naming what was
// corrected and amounts that chain; Purchase history shows a voided purchase with 0 remaining.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { charge, getCreditSummary, recordPurchase, refundCharge, voidPurchase } from "../billing";
import { formatCredits, parseCredits } from "../credits/amount";
import type { Database } from "../db";
import { exportReport, parseReportRange, type ReportId } from "./index";

const TZ = "America/New_York";
const T = {
  start: new Date("2026-03-01T15:00:00Z"),
  secondPurchase: new Date("2026-03-01T16:00:00Z"),
  charged: new Date("2026-03-05T15:00:00Z"),
  refunded: new Date("2026-03-06T15:00:00Z"),
  voided: new Date("2026-03-07T15:00:00Z"),
  now: new Date("2026-03-10T12:00:00Z"),
};

async function readCsv(db: Database, report: ReportId, companyId: string) {
  const range = parseReportRange({ from: "2026-03-01", to: "2026-03-10" }, TZ);
  const { stream } = exportReport(db.sql, report, { companyId, companyName: "Corrections Co", timeZone: TZ, range, now: T.now });
  const parsed = Papa.parse<string[]>((await new Response(stream).text()).trimEnd());
  expect(parsed.errors).toEqual([]);
  return parsed.data.slice(1);
}

describe.each(PROVIDERS)("corrections in the reports on %s", (provider) => {
  let db: Database;
  let companyId: string;
  beforeAll(async () => {
    db = await freshDatabase(provider);
    ({ companyId } = await makeCompany(db.sql, T.start, { timeZone: TZ, coreSeats: 2, perSeatCredits: 50, termStartsAt: new Date("2026-02-01T05:00:00Z") }));
    await recordPurchase(
      db.sql,
      { companyId, creditsMilli: 25_500n, orderReference: `K-${provider}-1`, purchasedAt: T.start, availableFrom: T.start },
      T.start,
    );
    const bought = await recordPurchase(
      db.sql,
      // Expiring before the other grants, it pays for the charge below.
      {
        companyId,
        creditsMilli: 10_000n,
        orderReference: `K-${provider}-2`,
        purchasedAt: T.secondPurchase,
        availableFrom: T.secondPurchase,
        expiresAt: new Date("2026-06-01T04:00:00Z"),
      },
      T.secondPurchase,
    );
    await charge(db.sql, companyId, { amountMilli: 1_200n, action: "Ask Anything API", usage: TEST_USAGE, referenceId: `ans_k_${provider}` }, T.charged);
    await charge(db.sql, companyId, { amountMilli: 800n, action: "Ask Anything API", usage: TEST_USAGE }, T.charged);
    await refundCharge(db.sql, { companyId, chargeId: `ans_k_${provider}`, reason: "Empty answer" }, T.refunded);
    await voidPurchase(db.sql, { companyId, purchaseId: bought.purchaseId, reason: "Recorded in error" }, T.voided);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("shows the refund as credits refunded and the void as credits voided, naming each, in a chain that ends at the balance", async () => {
    const rows = await readCsv(db, "credit-balance", companyId);
    // The default credits were added at the term's start, before the range.
    expect(rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ["2026-03-01", "Credits added", "25.5"],
      ["2026-03-01", "Credits added", "10"],
      ["2026-03-05", "Credits used", "-1.2"],
      ["2026-03-05", "Credits used", "-0.8"],
      ["2026-03-06", "Credits refunded", "1.2"],
      // What remained of the purchase: 10 - 1.2 - 0.8 + 1.2.
      ["2026-03-07", "Credits voided", "-9.2"],
    ]);
    expect(rows[4]![1]).toBe(`Refund of charge ans_k_${provider}: Empty answer`);
    expect(rows[5]![1]).toBe(`Purchase K-${provider}-2 voided: Recorded in error`);
    for (let i = 1; i < rows.length; i++) expect(rows[i]![4]).toBe(rows[i - 1]![5]);
    const { remainingMilli } = await getCreditSummary(db.sql, { companyId, now: T.now });
    expect(rows.at(-1)![5]).toBe(formatCredits(remainingMilli));
    // The 0.8 charge was spent from the voided purchase, and stays spent.
    expect(parseCredits(rows.at(-1)![5]!)).toBe(100_000n + 25_500n);
  });

  it("shows the voided purchase with 0 remaining in purchase history", async () => {
    expect(await readCsv(db, "purchase-history", companyId)).toEqual([
      ["2026-03-01 10:00:00", "25.5", "2026-03-01", "2028-02-01", "25.5"],
      ["2026-03-01 11:00:00", "10", "2026-03-01", "2026-06-01", "0"],
    ]);
  });
});
