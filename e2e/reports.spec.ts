// The download dialog in a real browser (R-REPORT-*): a Business admin finds the page through
// the sidebar, reads the balance, exports each report, and the files agree with the page and
// with each other. Keyboard-only use, a refused range, and an accessibility scan. Each test
// exports its own company's months of usage (e2e/world.ts).

import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import Papa from "papaparse";
import { parseCredits } from "../lib/credits/amount";
import { slug } from "../lib/reports/file-name";
import { expect, signInAs, type TestUser, test } from "./world";

const COLUMNS = {
  "Credit usage": ["Usage date", "Feature type", "Feature name", "Usage action", "Integration", "User ID", "Credits used", "Usage breakdown", "# of requests"],
  "Credit balance": ["Action date", "Action", "Method", "# of credits", "Total credits before", "Total credits after"],
  "Purchase history": ["Purchase time", "# of credits", "Availability start date", "Expiration date", "Remaining credits"],
} as const;

async function openCreditsPage(page: Page, user: TestUser) {
  await signInAs(page, user);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin center" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Gong credits" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
}

const figure = async (page: Page, name: string) =>
  parseCredits(await page.getByRole("region", { name }).locator("data").getAttribute("value"), { allowZero: true });

async function exportCsv(page: Page, report: keyof typeof COLUMNS, preset: string) {
  const dialog = page.getByRole("dialog", { name: "Download credit reports" });
  await dialog.getByRole("radio", { name: report }).check();
  await dialog.getByRole("button", { name: preset }).click();
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Export report" }).click();
  const file = await download;
  const text = fs.readFileSync((await file.path())!, "utf8");
  const parsed = Papa.parse<string[]>(text.trimEnd());
  expect(parsed.errors).toEqual([]);
  expect(parsed.data[0]).toEqual([...COLUMNS[report]]);
  return { name: file.suggestedFilename(), rows: parsed.data.slice(1) };
}

test("a Business admin downloads all three reports, and they agree with the page and each other", async ({ page, company }) => {
  await openCreditsPage(page, company.business);
  const remaining = await figure(page, "Credits remaining");
  await page.screenshot({ path: "e2e/artifacts/credits-page-reports.png", fullPage: true });
  await page.getByRole("button", { name: "Download credit reports" }).click();
  await page.screenshot({ path: "e2e/artifacts/download-dialog.png" });

  const balance = await exportCsv(page, "Credit balance", "This contract year");
  expect(balance.name).toMatch(new RegExp(`^credit-balance_${slug(company.name)}_\\d{4}-\\d{2}-\\d{2}_\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  expect(balance.rows.length).toBeGreaterThan(10);
  for (let i = 1; i < balance.rows.length; i++) expect(balance.rows[i]![4]).toBe(balance.rows[i - 1]![5]);
  expect(parseCredits(balance.rows.at(-1)![5]!, { allowZero: true })).toBe(remaining);

  const usage = await exportCsv(page, "Credit usage", "This contract year");
  const usageSum = usage.rows.reduce((s, r) => s + parseCredits(r[6]!, { allowZero: true }), 0n);
  const usedSum = balance.rows.filter((r) => r[2] === "Credits used").reduce((s, r) => s - parseCredits(r[3]!, { allowNegative: true }), 0n);
  expect(usageSum).toBe(usedSum);

  const purchases = await exportCsv(page, "Purchase history", "This contract year");
  for (const row of purchases.rows) {
    expect(parseCredits(row[4]!, { allowZero: true }) <= parseCredits(row[1]!)).toBe(true);
  }
  await expect(page.getByRole("dialog").getByRole("status")).toHaveText("Your download has started.");
});

test("a reversed range shows its message in the dialog and downloads nothing", async ({ page, company }) => {
  await openCreditsPage(page, company.business);
  await page.getByRole("button", { name: "Download credit reports" }).click();
  const dialog = page.getByRole("dialog", { name: "Download credit reports" });
  await dialog.getByLabel("From", { exact: true }).fill("2026-03-10");
  await dialog.getByLabel("To", { exact: true }).fill("2026-03-01");
  let downloads = 0;
  page.on("download", () => downloads++);
  await dialog.getByRole("button", { name: "Export report" }).click();
  await expect(dialog.getByText(/"To" \(2026-03-01\) is before "From" \(2026-03-10\)/)).toBeVisible();
  await expect(dialog.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "e2e/artifacts/download-dialog-refused.png" });
  expect(downloads).toBe(0);
});

test("the dialog works from the keyboard alone and returns focus when closed", async ({ page, company }) => {
  await openCreditsPage(page, company.business);
  const trigger = page.getByRole("button", { name: "Download credit reports" });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Download credit reports" });
  await expect(dialog).toBeVisible();
  // Focus starts inside the dialog, on the chosen report; arrows move between reports.
  await expect(dialog.getByRole("radio", { name: "Credit usage" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByRole("radio", { name: "Credit balance" })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Last 7 days" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Last 7 days" })).toHaveAttribute("aria-pressed", "true");
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Export report" }).focus();
  await page.keyboard.press("Enter");
  expect((await download).suggestedFilename()).toMatch(new RegExp(`^credit-balance_${slug(company.name)}_`));
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
});

test("the credits page and the dialog pass an accessibility scan", async ({ page, company }) => {
  // Two full scans: 24 s of the default 30 on a loaded CI machine.
  test.setTimeout(60_000);
  await openCreditsPage(page, company.business);
  const serious = (results: Awaited<ReturnType<AxeBuilder["analyze"]>>) =>
    results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
  expect(serious(await new AxeBuilder({ page }).analyze())).toEqual([]);
  await page.getByRole("button", { name: "Download credit reports" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(serious(await new AxeBuilder({ page }).include('[role="dialog"]').analyze())).toEqual([]);
});
