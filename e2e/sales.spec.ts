// Sales records a purchase for a company (R-BUY-1) and it shows in the purchase history
// (R-BUY-2) and, exactly, in that company's credits remaining (R-LEDGER-5). A bad input is
// refused beside its field in the dialog. Each test has its own company and Sales account
// (e2e/world.ts) and reads the test server's database to check what was written, through the
// ledger's SQL layer (see e2e/ledger.ts).
import type { Page } from "@playwright/test";
import { parseCredits } from "../lib/credits/amount";
import type { SqlDatabase } from "../lib/sql";
import { col, shape } from "../lib/sql/rows";
import { instantToDateTimeLocal } from "../lib/time/local-time";
import { signOut } from "./fixtures";
import { expect, signInAs, type TestCompany, test } from "./world";

const CREDITS_PATH = "/admin-center/settings/credits";
const DAY = 24 * 60 * 60 * 1000;

const orderReference = (label: string) => `E2E-${label}-${test.info().workerIndex}-${Date.now()}`;

/** The exact figure in the "Credits remaining" region, in milli-credits. */
async function creditsRemainingMilli(page: Page): Promise<bigint> {
  await page.goto(CREDITS_PATH);
  const value = await page.getByRole("region", { name: "Credits remaining" }).locator("data").getAttribute("value");
  expect(value, "the credits page shows a remaining figure").not.toBeNull();
  return parseCredits(value);
}

/** Opens the company from the Sales list, which has every company: the test finds its own among them. */
async function openRecordDialog(page: Page, company: TestCompany) {
  await page.goto("/sales");
  await expect(page.getByRole("heading", { level: 1, name: "Sales" })).toBeVisible();
  await page.getByRole("link", { name: company.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: company.name })).toBeVisible();
  await page.getByRole("button", { name: "Record purchase" }).click();
  const dialog = page.getByRole("dialog", { name: "Record purchase" });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function purchaseCount(sql: SqlDatabase, reference: string): Promise<number> {
  const row = await sql.row(`SELECT COUNT(*) AS n FROM "Purchase" WHERE "orderReference" = ?`, [reference], shape({ n: col.int }));
  return row?.n ?? 0;
}

test("Sales records 1234.5 credits for a company; its credits remaining grow by exactly that", async ({ page, company, sales, sql }) => {
  await signInAs(page, company.tech);
  const before = await creditsRemainingMilli(page);

  await signOut(page);
  await signInAs(page, sales);
  const dialog = await openRecordDialog(page, company);

  // The three dates default to now, now and the end of the company's contract term, in its zone.
  const stored = await sql.row(`SELECT "termEndsAt" FROM "Company" WHERE "id" = ?`, [company.id], shape({ termEndsAt: col.date }));
  await expect(dialog.getByLabel("Expiration date")).toHaveValue(instantToDateTimeLocal(stored!.termEndsAt, company.timeZone));
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
  expect(await purchaseCount(sql, reference)).toBe(1);

  await signOut(page);
  await signInAs(page, company.tech);
  const after = await creditsRemainingMilli(page);
  expect(after - before).toBe(1_234_500n);
});

test("an expiration date before the availability start is refused beside 'Expiration date', and nothing is recorded", async ({ page, company, sales, sql }) => {
  await signInAs(page, sales);
  const dialog = await openRecordDialog(page, company);
  const reference = orderReference("bad");
  const now = Date.now();
  await dialog.getByLabel("Credits", { exact: true }).fill("10");
  await dialog.getByLabel("Order reference").fill(reference);
  await dialog.getByLabel("Availability start").fill(instantToDateTimeLocal(new Date(now + 10 * DAY), company.timeZone));
  await dialog.getByLabel("Expiration date").fill(instantToDateTimeLocal(new Date(now + 5 * DAY), company.timeZone));
  await dialog.getByRole("button", { name: "Record purchase" }).click();

  const expiry = dialog.getByLabel("Expiration date");
  await expect(expiry).toHaveAttribute("aria-invalid", "true");
  await expect(expiry).toHaveAccessibleDescription(/The expiration date must be after the availability start\./);
  await expect(expiry).toBeFocused();
  // The dialog stays open with what was typed.
  await expect(dialog.getByLabel("Credits", { exact: true })).toHaveValue("10");
  await expect(dialog.getByLabel("Order reference")).toHaveValue(reference);
  expect(await purchaseCount(sql, reference)).toBe(0);
});
