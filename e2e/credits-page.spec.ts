// The credits page shows the balance the ledger holds, exactly (R-PAGE-1), and is reached
// from the sidebar as the spec says (R-PAGE-3). Expected figures come from the same database
// through the ledger's own read, so the test checks the page, not a copy of the seed.
import { expect, test, type Page } from "@playwright/test";
import { formatCreditsGrouped } from "../lib/credits/amount";
import { getCreditSummary } from "../lib/ledger/balance";
import type { SqlDatabase } from "../lib/sql";
import { companyIdByName, openE2eSql } from "./ledger";

const CREDITS_PATH = "/admin-center/settings/credits";

let sql: SqlDatabase;

test.beforeAll(() => {
  sql = openE2eSql();
});

test.afterAll(async () => {
  await sql.close();
});

async function expectedFigures(companyName: string) {
  const companyId = await companyIdByName(sql, companyName);
  const summary = await getCreditSummary(sql, { companyId, now: new Date() });
  return { remaining: formatCreditsGrouped(summary.remainingMilli), total: formatCreditsGrouped(summary.totalMilli) };
}

async function expectFigures(page: Page, companyName: string) {
  const expected = await expectedFigures(companyName);
  await expect(page.getByRole("region", { name: "Credits remaining" }).locator("data")).toHaveText(expected.remaining);
  await expect(page.getByRole("region", { name: "Total credits" }).locator("data")).toHaveText(expected.total);
}

test("shows Acme Corp's credits remaining and total credits as the ledger holds them", async ({ page }) => {
  await page.goto(CREDITS_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
  const demo = page.getByRole("complementary", { name: "Demo company selection" });
  await expect(demo.getByRole("link", { name: "Acme Corp" })).toHaveAttribute("aria-current", "page");
  await expectFigures(page, "Acme Corp");
  await page.screenshot({ path: "e2e/artifacts/credits-page.png", fullPage: true });
});

test("the demo company selection switches to Globex's own figures", async ({ page }) => {
  await page.goto(CREDITS_PATH);
  await page.getByRole("complementary", { name: "Demo company selection" }).getByRole("link", { name: "Globex" }).click();
  await expect(page).toHaveURL(/[?&]company=/);
  await expectFigures(page, "Globex");
});

test("is reached through Admin center > Settings > Reports > Gong credits", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin center" }).click();
  await page.getByRole("navigation", { name: "Admin center" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/admin-center\/settings$/);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Gong credits" }).click();
  await expect(page).toHaveURL(new RegExp(`${CREDITS_PATH}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
});
