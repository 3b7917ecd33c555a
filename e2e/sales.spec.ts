// Sales records a purchase for a company (R-BUY-1) and it shows in the purchase history
// (R-BUY-2) and, exactly, in that company's credits remaining (R-LEDGER-5). A bad input is
// refused beside its field in the dialog. The specs read the test server's database to check
// what was written, through the ledger's SQL layer (see e2e/ledger.ts).
import { expect, type Page, test } from "@playwright/test";
import { parseCredits } from "../lib/credits/amount";
import { type SqlDatabase, toDate } from "../lib/sql";
import { instantToDateTimeLocal } from "../lib/time/local-time";
import { signIn, signOut } from "./fixtures";
import { companyIdByName, openE2eSql } from "./ledger";

const CREDITS_PATH = "/admin-center/settings/credits";
const ACME_ZONE = "America/New_York";
const DAY = 24 * 60 * 60 * 1000;

let sql: SqlDatabase;

test.beforeAll(() => {
  sql = openE2eSql();
});

test.afterAll(async () => {
  await sql.close();
});

const orderReference = (label: string) => `E2E-${label}-${test.info().workerIndex}-${Date.now()}`;

/** The exact figure in the "Credits remaining" region, in milli-credits. */
async function creditsRemainingMilli(page: Page): Promise<bigint> {
  await page.goto(CREDITS_PATH);
  const value = await page.getByRole("region", { name: "Credits remaining" }).locator("data").getAttribute("value");
  expect(value, "the credits page shows a remaining figure").not.toBeNull();
  return parseCredits(value);
}

async function openAcmeRecordDialog(page: Page) {
  await page.goto("/sales");
  await expect(page.getByRole("heading", { level: 1, name: "Sales" })).toBeVisible();
  await page.getByRole("link", { name: "Acme Corp" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Corp" })).toBeVisible();
  await page.getByRole("button", { name: "Record purchase" }).click();
  const dialog = page.getByRole("dialog", { name: "Record purchase" });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function purchaseCount(reference: string): Promise<number> {
  const row = await sql.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM "Purchase" WHERE "orderReference" = ?`, [reference]);
  return Number(row?.n ?? 0);
}

test("Sales records 1234.5 credits for Acme Corp; Acme's credits remaining grow by exactly that", async ({ page }) => {
  await signIn(page, "tech@acme.test");
  const before = await creditsRemainingMilli(page);

  await signOut(page);
  await signIn(page, "sales@vendor.test");
  const dialog = await openAcmeRecordDialog(page);

  // The three dates default to now, now and the end of Acme's contract term, in its zone.
  const acmeId = await companyIdByName(sql, "Acme Corp");
  const company = await sql.get(`SELECT "termEndsAt" FROM "Company" WHERE "id" = ?`, [acmeId]);
  await expect(dialog.getByLabel("Expiration date")).toHaveValue(instantToDateTimeLocal(toDate(company!.termEndsAt), ACME_ZONE));
  const purchaseTime = await dialog.getByLabel("Purchase time").inputValue();
  expect(purchaseTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  await expect(dialog.getByLabel("Availability start")).toHaveValue(purchaseTime);

  const reference = orderReference("buy");
  await dialog.getByLabel("Credits", { exact: true }).fill("1234.5");
  await dialog.getByLabel("Order reference").fill(reference);
  await page.screenshot({ path: "e2e/artifacts/sales-record-purchase.png" });
  await dialog.getByRole("button", { name: "Record purchase" }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Recorded 1,234.5 credits (order ${reference})`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: reference });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("1,234.5");
  await expect(row).toContainText("Available");
  expect(await purchaseCount(reference)).toBe(1);

  await signOut(page);
  await signIn(page, "tech@acme.test");
  const after = await creditsRemainingMilli(page);
  expect(after - before).toBe(1_234_500n);
});

test("an expiration date before the availability start is refused beside 'Expiration date', and nothing is recorded", async ({ page }) => {
  await signIn(page, "sales@vendor.test");
  const dialog = await openAcmeRecordDialog(page);
  const reference = orderReference("bad");
  const now = Date.now();
  await dialog.getByLabel("Credits", { exact: true }).fill("10");
  await dialog.getByLabel("Order reference").fill(reference);
  await dialog.getByLabel("Availability start").fill(instantToDateTimeLocal(new Date(now + 10 * DAY), ACME_ZONE));
  await dialog.getByLabel("Expiration date").fill(instantToDateTimeLocal(new Date(now + 5 * DAY), ACME_ZONE));
  await dialog.getByRole("button", { name: "Record purchase" }).click();

  const expiry = dialog.getByLabel("Expiration date");
  await expect(expiry).toHaveAttribute("aria-invalid", "true");
  await expect(expiry).toHaveAccessibleDescription(/The expiration date must be after the availability start\./);
  await expect(expiry).toBeFocused();
  // The dialog stays open with what was typed.
  await expect(dialog.getByLabel("Credits", { exact: true })).toHaveValue("10");
  await expect(dialog.getByLabel("Order reference")).toHaveValue(reference);
  expect(await purchaseCount(reference)).toBe(0);
});
