// The credits page shows the balance the ledger holds, exactly (R-PAGE-1), and is reached
// from the sidebar as the spec says (R-PAGE-3). Expected figures come from the same database
// through the ledger's own read, so the test checks the page, not a copy of what the test made.
// Each admin sees only their own company; a signed-out visit goes through sign-in and comes back.
import type { Page } from "@playwright/test";
import { formatCreditsGrouped } from "../lib/credits/amount";
import { getCreditSummary } from "../lib/ledger/balance";
import type { SqlDatabase } from "../lib/sql";
import { expect, signInAs, type TestCompany, test } from "./world";

const CREDITS_PATH = "/admin-center/settings/credits";

async function expectedFigures(sql: SqlDatabase, company: TestCompany) {
  const summary = await getCreditSummary(sql, { companyId: company.id, now: new Date() });
  return { remaining: formatCreditsGrouped(summary.remainingMilli), total: formatCreditsGrouped(summary.totalMilli) };
}

async function expectFigures(page: Page, sql: SqlDatabase, company: TestCompany) {
  const expected = await expectedFigures(sql, company);
  await expect(page.getByRole("region", { name: "Credits remaining" }).locator("data")).toHaveText(expected.remaining);
  await expect(page.getByRole("region", { name: "Total credits" }).locator("data")).toHaveText(expected.total);
}

test("shows the company's credits remaining and total credits as the ledger holds them", async ({ page, company, sql }) => {
  await signInAs(page, company.business);
  await page.goto(CREDITS_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "User menu" })).toContainText(`Business admin · ${company.name}`);
  await expectFigures(page, sql, company);
  await page.screenshot({ path: "e2e/artifacts/credits-page.png", fullPage: true });
});

test("shows another company's admin that company's own figures", async ({ page, company, otherCompany, sql }) => {
  const [theirs, companyA] = [await expectedFigures(sql, otherCompany), await expectedFigures(sql, company)];
  expect(theirs, "the two companies' figures differ, so the page shows whose they are").not.toEqual(companyA);
  await signInAs(page, otherCompany.tech);
  await page.goto(CREDITS_PATH);
  await expectFigures(page, sql, otherCompany);
});

test("a signed-out visit leads to sign-in, and back to the page after signing in", async ({ page, company, sql }) => {
  await page.goto(CREDITS_PATH);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(company.tech.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is not right")).toBeVisible();
  await page.getByLabel("Password").fill(company.tech.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${CREDITS_PATH}$`));
  await expectFigures(page, sql, company);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a Member gets a clear 403 page, not the credits", async ({ page, company }) => {
  await signInAs(page, company.member);
  const response = await page.goto(CREDITS_PATH);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Credits remaining" })).toHaveCount(0);
});

test("is reached through Admin center > Settings > Reports > Gong credits", async ({ page, company }) => {
  await signInAs(page, company.tech);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin center" }).click();
  await page.getByRole("navigation", { name: "Admin center" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/admin-center\/settings$/);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Gong credits" }).click();
  await expect(page).toHaveURL(new RegExp(`${CREDITS_PATH}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
});

test("before the page's JavaScript runs, Sign in and Sign out wait instead of misfiring", async ({ browser, company }) => {
  // With scripts off the browser shows exactly the server's HTML, the state every page is in until
  // it hydrates: neither button may look usable then (a click would do nothing, and a native
  // submit of the sign-in form would send the password in a GET).
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled();
  expect(await page.locator("form").first().getAttribute("method")).toBe("post");
  await context.close();

  const signedIn = await browser.newContext();
  const hydrated = await signedIn.newPage();
  await signInAs(hydrated, company.tech);
  const cookies = await signedIn.cookies();
  await signedIn.close();
  const noScripts = await browser.newContext({ javaScriptEnabled: false });
  await noScripts.addCookies(cookies);
  const serverHtml = await noScripts.newPage();
  await serverHtml.goto(CREDITS_PATH);
  await expect(serverHtml.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
  await expect(serverHtml.getByRole("button", { name: "Sign out" })).toBeDisabled();
  await noScripts.close();
});
