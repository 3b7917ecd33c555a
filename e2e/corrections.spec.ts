// Sales' corrections in a real browser (R-CORRECT-1, R-CORRECT-2, R-CORRECT-3, R-HOLD-1,
// R-LEDGER-1): Sales refund a charge and void a purchase from the company's page, and the
// company's admin then sees exactly that on the credits page (credits remaining, the voided
// purchase, the lineage of the grant that paid) and in the Credit balance and Purchase history
// CSVs. Credits held for a request in flight show as "Held" while the hold lasts. Sales adjust
// credits with dates in the company's zone; only Sales see these controls. Each test has its own
// company and Sales account (e2e/world.ts) and reads the test server's database to find a charge
// and to check what was written (e2e/ledger.ts).
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import Papa from "papaparse";
import { formatCompanyDate } from "../components/credits/company-time";
import { formatCredits, formatCreditsGrouped, parseCredits } from "../lib/credits/amount";
import { featureTypeLabel } from "../lib/credits/usage-chart";
import { FEATURE_TYPES, GRANT_KINDS, getCreditSummary, placeHold, releaseHold } from "../lib/ledger";
import type { SqlDatabase } from "../lib/sql";
import { col, shape } from "../lib/sql/rows";
import { instantToDateTimeLocal } from "../lib/time/local-time";
import { signOut } from "./fixtures";
import { expect, signInAs, type TestCompany, type TestUser, test } from "./world";

const CREDITS_PATH = "/admin-center/settings/credits";
const DAY = 24 * 60 * 60 * 1000;

async function openCreditsPage(page: Page, user: TestUser) {
  await signOut(page);
  await signInAs(page, user);
  await page.goto(CREDITS_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
}

/** The exact figure in the "Credits remaining" region, in milli-credits. */
async function creditsRemainingMilli(page: Page): Promise<bigint> {
  return parseCredits(await page.getByRole("region", { name: "Credits remaining" }).locator("data").getAttribute("value"), { allowZero: true });
}

async function openSalesPage(page: Page, sales: TestUser, company: TestCompany) {
  await signOut(page);
  await signInAs(page, sales);
  await page.goto(`/sales/${company.id}`);
  await expect(page.getByRole("heading", { level: 1, name: company.name })).toBeVisible();
}

const ChargeRow = shape({ id: col.text, amountMilli: col.bigint, featureType: col.oneOf(FEATURE_TYPES) });
const PayingGrantRow = shape({ kind: col.oneOf(GRANT_KINDS), expiresAt: col.date, orderReference: col.textOrNull });
type PayingGrant = ReturnType<typeof PayingGrantRow>;
const PurchaseRow = shape({ id: col.text, orderReference: col.text, remainingMilli: col.bigint });

/** A charge paid wholly by grants still open, so a refund restores all of it: the newest such. */
async function refundableCharge(sql: SqlDatabase, companyId: string) {
  const row = await sql.row(
    `SELECT e."id", e."amountMilli", e."featureType" FROM "LedgerEntry" e
      WHERE e."companyId" = ? AND e."kind" = 'used'
        AND NOT EXISTS (SELECT 1 FROM "LedgerAllocation" a JOIN "CreditGrant" g ON g."id" = a."grantId" WHERE a."entryId" = e."id" AND g."status" <> 'active')
      ORDER BY e."seq" DESC LIMIT 1`,
    [companyId],
    ChargeRow,
  );
  expect(row, "the company's history has a charge to refund").toBeDefined();
  const grants = await sql.rows(
    `SELECT g."kind", g."expiresAt", p."orderReference" FROM "LedgerAllocation" a JOIN "CreditGrant" g ON g."id" = a."grantId"
       LEFT JOIN "Purchase" p ON p."grantId" = g."id" WHERE a."entryId" = ?`,
    [row!.id],
    PayingGrantRow,
  );
  expect(grants, "one grant paid for the charge").toHaveLength(1);
  return { id: row!.id, amountMilli: -row!.amountMilli, featureType: row!.featureType, grant: grants[0]! };
}

/** The grants table's name for a grant, as its Lineage button says it (components/credits/grant-rows.ts). */
function grantLabel(grant: PayingGrant, timeZone: string): string {
  const kind = { default: "Default", purchased: "Purchased", adjustment: "Adjustment" }[grant.kind];
  return grant.orderReference ? `${kind} ${grant.orderReference}` : `${kind}, expires ${formatCompanyDate(grant.expiresAt, timeZone)}`;
}

async function purchaseOf(sql: SqlDatabase, companyId: string, credits: number) {
  const row = await sql.row(
    `SELECT p."id", p."orderReference", g."remainingMilli" FROM "Purchase" p JOIN "CreditGrant" g ON g."id" = p."grantId"
      WHERE p."companyId" = ? AND p."creditsMilli" = ?`,
    [companyId, BigInt(credits) * 1000n],
    PurchaseRow,
  );
  expect(row, `the company has a purchase of ${credits} credits`).toBeDefined();
  return row!;
}

async function exportCsv(page: Page, report: "Credit balance" | "Purchase history") {
  await page.getByRole("button", { name: "Download credit reports" }).click();
  const dialog = page.getByRole("dialog", { name: "Download credit reports" });
  await dialog.getByRole("radio", { name: report }).check();
  await dialog.getByRole("button", { name: "This contract year" }).click();
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Export report" }).click();
  const text = fs.readFileSync((await (await download).path())!, "utf8");
  const parsed = Papa.parse<string[]>(text.trimEnd());
  expect(parsed.errors).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  return parsed.data.slice(1);
}

const serious = (results: Awaited<ReturnType<AxeBuilder["analyze"]>>) =>
  results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);

test("Sales refund a charge and void a purchase; the admin sees both on the credits page, in the lineage and in the CSVs", async ({
  page,
  company,
  sales,
  sql,
}) => {
  // The whole story in one test (Sales' dialogs, the credits page, two lineages, two CSVs): it
  // took 27.6–29.8 s of the default 30 on a loaded CI machine.
  test.setTimeout(90_000);
  const charge = await refundableCharge(sql, company.id);
  await openCreditsPage(page, company.tech);
  const before = await creditsRemainingMilli(page);

  // Refund: an unknown id is named beside the field; the real one is refunded, exactly, once.
  await openSalesPage(page, sales, company);
  await page.getByRole("button", { name: "Refund a charge" }).click();
  const refund = page.getByRole("dialog", { name: "Refund a charge" });
  await refund.getByLabel("Charge id").fill("ans_not-a-charge");
  await refund.getByLabel("Reason").fill("Customer reported an empty answer");
  await refund.getByRole("button", { name: "Refund charge" }).click();
  await expect(refund.getByLabel("Charge id")).toHaveAccessibleDescription(/This company has no charge "ans_not-a-charge"/);
  await expect(refund.getByLabel("Charge id")).toBeFocused();
  await refund.getByLabel("Charge id").fill(charge.id);
  await page.screenshot({ path: "e2e/artifacts/sales-refund-dialog.png" });
  await refund.getByRole("button", { name: "Refund charge" }).click();
  const figure = (term: string) => refund.locator("dl > div").filter({ hasText: term }).locator("data");
  await expect(figure("Refunded")).toHaveAttribute("value", formatCredits(charge.amountMilli));
  await expect(figure("Restored to its grants")).toHaveAttribute("value", formatCredits(charge.amountMilli));
  await expect(figure("Expired at once")).toHaveAttribute("value", "0");
  await page.screenshot({ path: "e2e/artifacts/sales-refund-outcome.png" });
  await refund.getByRole("button", { name: "Done" }).click();
  await expect(refund).toBeHidden();
  await expect(page.getByText(`Refunded charge ${charge.id}: ${formatCreditsGrouped(charge.amountMilli)} credits`)).toBeVisible();

  await page.getByRole("button", { name: "Refund a charge" }).click();
  await refund.getByLabel("Charge id").fill(charge.id);
  await refund.getByLabel("Reason").fill("Twice");
  await refund.getByRole("button", { name: "Refund charge" }).click();
  await expect(refund.getByLabel("Charge id")).toHaveAccessibleDescription(/was already refunded/);
  await page.keyboard.press("Escape");

  await openCreditsPage(page, company.tech);
  const afterRefund = await creditsRemainingMilli(page);
  expect(afterRefund - before).toBe(charge.amountMilli);

  // Void the newer purchase: a reason is asked for, then the void is confirmed.
  const purchase = await purchaseOf(sql, company.id, 100);
  await openSalesPage(page, sales, company);
  const salesRow = page.getByRole("row").filter({ hasText: purchase.orderReference });
  await salesRow.getByRole("button", { name: "Void" }).click();
  const confirm = page.getByRole("dialog", { name: `Void purchase ${purchase.orderReference}?` });
  await expect(confirm).toContainText(`The ${formatCreditsGrouped(purchase.remainingMilli)} credits that remain`);
  await confirm.getByRole("button", { name: "Void purchase" }).click();
  await expect(confirm.getByLabel("Reason")).toHaveAccessibleDescription(/A reason is required/);
  await confirm.getByLabel("Reason").fill("Recorded twice by mistake");
  await page.screenshot({ path: "e2e/artifacts/sales-void-dialog.png" });
  await confirm.getByRole("button", { name: "Void purchase" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText(`Voided purchase ${purchase.orderReference}: ${formatCreditsGrouped(purchase.remainingMilli)} credits removed.`)).toBeVisible();
  await expect(salesRow.getByRole("cell").nth(3)).toHaveText("0");
  await expect(salesRow).toContainText("Voided");
  await expect(salesRow.getByRole("button", { name: "Void" })).toHaveCount(0);
  await page.screenshot({ path: "e2e/artifacts/sales-company-page.png", fullPage: true });

  // The admin's view: the balance, the grants table, the lineage.
  await openCreditsPage(page, company.tech);
  expect(await creditsRemainingMilli(page)).toBe(afterRefund - purchase.remainingMilli);
  const grants = page.getByRole("region", { name: "Grants" });
  const voidedRow = grants.getByRole("row").filter({ has: page.getByRole("button", { name: `Lineage of Purchased ${purchase.orderReference}` }) });
  await expect(voidedRow).toContainText("Voided");
  await expect(voidedRow.getByRole("cell").nth(3).locator("data")).toHaveAttribute("value", "0");

  const lineageButton = grants.getByRole("button", { name: `Lineage of ${grantLabel(charge.grant, company.timeZone)}` });
  await lineageButton.focus();
  await page.keyboard.press("Enter");
  const lineage = page.getByRole("dialog", { name: /^Lineage: / });
  const thisMonth = new Intl.DateTimeFormat("en-US", { timeZone: company.timeZone, month: "long", year: "numeric" }).format(new Date());
  const refundLine = lineage
    .getByRole("row")
    .filter({ hasText: thisMonth })
    .filter({ hasText: featureTypeLabel(charge.featureType) });
  await expect(refundLine.getByRole("cell").nth(3).locator("data")).toHaveAttribute("value", formatCredits(charge.amountMilli));
  await expect(lineage.getByRole("row").filter({ hasText: "Total" }).getByRole("cell").nth(2).locator("data")).toHaveAttribute(
    "value",
    formatCredits(charge.amountMilli),
  );
  await page.screenshot({ path: "e2e/artifacts/credits-lineage.png" });
  expect(serious(await new AxeBuilder({ page }).include('[role="dialog"]').analyze())).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(lineage).toBeHidden();
  await expect(lineageButton).toBeFocused();

  await voidedRow.getByRole("button", { name: /^Lineage of / }).click();
  const voidNote = page.getByRole("dialog").getByRole("note", { name: "Void" });
  await expect(voidNote).toContainText("Voided on");
  await expect(voidNote.locator("data")).toHaveAttribute("value", formatCredits(purchase.remainingMilli));
  await expect(voidNote).toContainText("Recorded twice by mistake");
  await page.screenshot({ path: "e2e/artifacts/credits-lineage-voided.png" });
  await page.keyboard.press("Escape");
  await page.screenshot({ path: "e2e/artifacts/credits-page-corrections.png", fullPage: true });

  // The reports: the refund as credits refunded, the void as credits voided, each named.
  const balance = await exportCsv(page, "Credit balance");
  const refunded = balance.filter((r) => r[2] === "Credits refunded");
  expect(refunded).toHaveLength(1);
  expect(refunded[0]![1]).toBe(`Refund of charge ${charge.id}: Customer reported an empty answer`);
  expect(refunded[0]![3]).toBe(formatCredits(charge.amountMilli));
  const voided = balance.filter((r) => r[2] === "Credits voided");
  expect(voided).toHaveLength(1);
  expect(voided[0]![1]).toBe(`Purchase ${purchase.orderReference} voided: Recorded twice by mistake`);
  expect(voided[0]![3]).toBe(formatCredits(-purchase.remainingMilli));
  expect(parseCredits(balance.at(-1)![5]!, { allowZero: true })).toBe(afterRefund - purchase.remainingMilli);

  const history = await exportCsv(page, "Purchase history");
  const voidedPurchase = history.filter((r) => r[1] === "100");
  expect(voidedPurchase).toHaveLength(1);
  expect(voidedPurchase[0]![4]).toBe("0");
});

test("credits held for a request in flight show as Held, exactly, until the hold is released", async ({ page, company, sql }) => {
  await openCreditsPage(page, company.business);
  const remaining = await creditsRemainingMilli(page);
  const summary = page.getByRole("region", { name: "Credits remaining" });
  await expect(summary.getByText(/^Held /)).toHaveCount(0);

  const usage = { featureType: "ask_anything_api" as const, featureName: "Ask Anything API", usageAction: "request", requests: 1 };
  const hold = await placeHold(sql, company.id, { amountMilli: 12_500n, action: "Ask Anything API", usage }, new Date());
  if (hold.outcome !== "held") throw new Error(`the hold was not placed: ${hold.outcome}`);
  await page.reload();
  await expect(summary.getByText(/^Held /)).toHaveText("Held 12.5");
  // Held credits are part of what remains; nobody else can spend them.
  expect(await creditsRemainingMilli(page)).toBe(remaining);
  await page.screenshot({ path: "e2e/artifacts/credits-held.png" });

  expect(await releaseHold(sql, company.id, hold.holdId, new Date())).toBe("released");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
  await expect(summary.getByText(/^Held /)).toHaveCount(0);
  expect((await getCreditSummary(sql, { companyId: company.id, now: new Date() })).heldMilli).toBe(0n);
});

test("Sales adjust credits: dates default to now and the end of the term in the company's zone; an expiry after the term is refused", async ({
  page,
  company,
  sales,
  sql,
}) => {
  const remaining = async () => (await getCreditSummary(sql, { companyId: company.id, now: new Date() })).remainingMilli;
  const before = await remaining();
  await openSalesPage(page, sales, company);
  await page.getByRole("button", { name: "Adjust credits" }).click();
  const dialog = page.getByRole("dialog", { name: "Adjust credits" });
  await expect(dialog.getByRole("radio", { name: "Add credits" })).toBeChecked();
  const termEnd = instantToDateTimeLocal(company.termEndsAt, company.timeZone);
  await expect(dialog.getByLabel("Expiration date")).toHaveValue(termEnd);
  const start = await dialog.getByLabel("Availability start").inputValue();
  expect(Math.abs(new Date(`${start}:00Z`).getTime() - new Date(`${instantToDateTimeLocal(new Date(), company.timeZone)}:00Z`).getTime())).toBeLessThanOrEqual(
    2 * 60_000,
  );

  await dialog.getByLabel("Credits", { exact: true }).fill("10.5");
  await dialog.getByLabel("Reason").fill("Goodwill for an outage");
  await dialog.getByLabel("Expiration date").fill(instantToDateTimeLocal(new Date(company.termEndsAt.getTime() + DAY), company.timeZone));
  await dialog.getByRole("button", { name: "Adjust credits" }).click();
  const expiry = dialog.getByLabel("Expiration date");
  await expect(expiry).toHaveAccessibleDescription(/must not be after the end of the contract term/);
  await expect(expiry).toBeFocused();
  expect(await remaining()).toBe(before);
  await page.screenshot({ path: "e2e/artifacts/sales-adjust-dialog.png" });
  expect(serious(await new AxeBuilder({ page }).include('[role="dialog"]').analyze())).toEqual([]);

  await expiry.fill(termEnd);
  await dialog.getByRole("button", { name: "Adjust credits" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/^Added 10\.5 credits, usable now until /)).toBeVisible();
  expect((await remaining()) - before).toBe(10_500n);

  await page.getByRole("button", { name: "Adjust credits" }).click();
  await dialog.getByRole("radio", { name: "Remove credits" }).check();
  await expect(dialog.getByLabel("Expiration date")).toHaveCount(0);
  await dialog.getByLabel("Credits", { exact: true }).fill("0.5");
  await dialog.getByLabel("Reason").fill("Correction");
  await dialog.getByRole("button", { name: "Adjust credits" }).click();
  await expect(page.getByText("Removed 0.5 credits.")).toBeVisible();
  expect((await remaining()) - before).toBe(10_000n);
  const audit = await sql.rows(
    `SELECT "action", "actorUserId" FROM "AuditEntry" WHERE "companyId" = ? AND "action" = 'credits.adjust'`,
    [company.id],
    shape({ action: col.text, actorUserId: col.textOrNull }),
  );
  expect(audit.map((a) => a.actorUserId)).toEqual([sales.id, sales.id]);
});

test("only Sales see the corrections: the company's admin reads its purchases without them", async ({ page, company }) => {
  await signInAs(page, company.tech);
  await page.goto(`/sales/${company.id}`);
  await expect(page.getByRole("heading", { level: 1, name: company.name })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "PO-" }).first()).toBeVisible();
  for (const name of ["Refund a charge", "Adjust credits", "Record purchase", "Void"]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
});
