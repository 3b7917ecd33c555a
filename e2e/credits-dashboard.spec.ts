// Where credits go, on the credits page (R-PAGE-2, R-PLUS-1, R-NOTIFY-1): usage over time with
// a range kept in the URL, the runway, the thresholds, the trackers and the sortable grants
// table. Each test reads its own company (e2e/world.ts), with months of usage across every
// feature type. Expected values are read from the test server's database through the same
// reads and pure functions the page uses, so the test checks the page against the data, not a copy.
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { parseCredits } from "../lib/credits/amount";
import { formatMediumDate } from "../lib/credits/calendar";
import { readRunway } from "../lib/credits/read-runway";
import { listCurrentGrants } from "../lib/ledger/balance";
import { expect, signInAs, type TestUser, test } from "./world";

const CREDITS_PATH = "/admin-center/settings/credits";

async function openCreditsPage(page: Page, user: TestUser, query = "") {
  await signInAs(page, user);
  await page.goto(`${CREDITS_PATH}${query}`);
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
}

const usageRegion = (page: Page) => page.getByRole("region", { name: "Usage over time" });
const usageDescription = (page: Page) =>
  usageRegion(page)
    .locator("p")
    .filter({ hasText: /^Credits used per (day|week) by feature type/ });
const usageTable = (page: Page, per: "day" | "week") => usageRegion(page).getByRole("table", { name: new RegExp(`^Credits used per ${per} by feature type`) });

async function remainingColumn(grants: Locator): Promise<bigint[]> {
  const values = await grants
    .getByRole("row")
    .locator("td:nth-child(4) data")
    .evaluateAll((els) => els.map((el) => el.getAttribute("value") ?? ""));
  return values.map((v) => parseCredits(v, { allowZero: true }));
}

test("shows usage over time as stacked bars, and the range switch changes the URL and the chart", async ({ page, company }) => {
  await openCreditsPage(page, company.business);
  const region = usageRegion(page);
  await expect(usageDescription(page)).toContainText("Credits used per day by feature type");
  await expect(region.locator(".recharts-bar-rectangle").first()).toBeVisible();
  expect(await region.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(10);
  await expect(region.getByRole("list", { name: "Credits used in this period by feature type" })).toContainText("AI tracker");
  // The text alternative: one row per day for 30 days.
  await expect(usageTable(page, "day").locator("tbody tr")).toHaveCount(30);
  await expect(region.getByRole("radio", { name: "30 days" })).toBeChecked();

  await region.getByRole("radio", { name: "12 months" }).check();
  await expect(page).toHaveURL(/[?&]range=12m(&|$)/);
  await expect(usageDescription(page)).toContainText("Credits used per week by feature type");
  await expect(usageTable(page, "week").locator("tbody tr")).toHaveCount(52);
  await expect(region).not.toHaveAttribute("aria-busy", "true");
  expect(await region.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(10);
  // The hidden text alternative of 52 weeks does not widen the page past the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  await region.getByRole("radio", { name: "90 days" }).check();
  await expect(page).toHaveURL(/[?&]range=90d(&|$)/);
  await expect(usageTable(page, "day").locator("tbody tr")).toHaveCount(90);

  // The range survives a reload, since it lives in the URL.
  await page.reload();
  await expect(usageRegion(page).getByRole("radio", { name: "90 days" })).toBeChecked();
  await expect(usageTable(page, "day").locator("tbody tr")).toHaveCount(90);
});

test("shows the runway at the last 30 days' burn, in the company's calendar", async ({ page, company, sql }) => {
  const now = new Date();
  const grants = await listCurrentGrants(sql, { companyId: company.id, now });
  const runway = await readRunway(sql, { companyId: company.id, timeZone: company.timeZone, now, grants });
  await openCreditsPage(page, company.business);
  const region = page.getByRole("region", { name: "Runway" });
  // The company has usage every other day and credits left, so one of the two forecasts shows.
  expect(["runs-out", "expires-first"]).toContain(runway.kind);
  if (runway.kind === "runs-out") {
    await expect(region.locator(`time[datetime="${runway.runsOutOn}"]`)).toHaveText(formatMediumDate(runway.runsOutOn));
    await expect(region).toContainText("At the average rate of the last 30 days");
  } else {
    await expect(region).toContainText("Your credits will expire before they run out at this rate");
  }
});

test("lists the usage thresholds 60, 80, 90, 95 and 100 percent with whether each is passed", async ({ page, company }) => {
  await openCreditsPage(page, company.business);
  const region = page.getByRole("region", { name: "Usage thresholds" });
  const items = region.getByRole("list", { name: "Thresholds" }).getByRole("listitem");
  await expect(items).toHaveCount(5);
  for (const [i, percent] of ["60%", "80%", "90%", "95%", "100%"].entries()) {
    await expect(items.nth(i)).toContainText(percent);
    await expect(items.nth(i)).toContainText(/Passed|Not reached/);
  }
  await expect(region).toContainText(/of total credits used/);
});

test("lists the company's trackers with their status in words and links to the Trackers page", async ({ page, company }) => {
  await openCreditsPage(page, company.business);
  const region = page.getByRole("region", { name: "Trackers" });
  await expect(region.getByRole("listitem").filter({ hasText: "Pricing objections" })).toContainText("Published");
  await expect(region.getByRole("listitem").filter({ hasText: "Renewal risk" })).toContainText("Draft");
  await expect(region.getByRole("listitem")).toHaveCount(4);
  await expect(region.getByRole("link", { name: "Manage trackers" })).toHaveAttribute("href", "/admin-center/trackers");
});

test("a tracker is unpublished and published again from the credits page, each after a confirmation", async ({ page, company }) => {
  await openCreditsPage(page, company.business);
  const region = page.getByRole("region", { name: "Trackers" });
  const row = region.getByRole("listitem").filter({ hasText: "Pricing objections" });
  await row.getByRole("button", { name: "Unpublish" }).click();
  const dialog = page.getByRole("dialog", { name: "Unpublish “Pricing objections”?" });
  await expect(dialog).toContainText("stops credit consumption at once");
  await dialog.getByRole("button", { name: "Unpublish" }).click();
  await expect(dialog).toBeHidden();
  await expect(region.getByRole("status")).toHaveText("Unpublished “Pricing objections”.");
  await expect(row).toContainText("Unpublished");
  await expect(row.getByRole("button", { name: "Unpublish" })).toHaveCount(0);

  await row.getByRole("button", { name: "Publish" }).click();
  const publish = page.getByRole("dialog", { name: /^Publish “Pricing objections”/ });
  await expect(publish).toContainText("Credits remaining");
  await page.screenshot({ path: "e2e/artifacts/credits-tracker-publish.png", fullPage: true });
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(publish).toBeHidden();
  await expect(row).toContainText("Published");
});

test("another company's admin sees only their own trackers", async ({ page, company, otherCompany }) => {
  // Company A has a "Pricing objections" tracker of its own; B's admin must not see it.
  expect(company.trackers.map((t) => t.name)).toContain("Pricing objections");
  await openCreditsPage(page, otherCompany.tech);
  const region = page.getByRole("region", { name: "Trackers" });
  await expect(region.getByRole("listitem").filter({ hasText: "Budget questions" })).toContainText("Published");
  await expect(region).not.toContainText("Pricing objections");
});

test("sorts the grants table by a column header, keeping the sort in the URL", async ({ page, company }) => {
  await openCreditsPage(page, company.business);
  const grants = page.getByRole("region", { name: "Grants" }).getByRole("table");
  await expect(grants.getByRole("columnheader", { name: "Expires" })).toHaveAttribute("aria-sort", "ascending");
  const fefo = await remainingColumn(grants);
  expect(fefo.length).toBeGreaterThan(1);

  await grants.getByRole("button", { name: "Remaining" }).click();
  await expect(page).toHaveURL(/[?&]sort=remaining\.asc(&|$)/);
  await expect(grants.getByRole("columnheader", { name: "Remaining" })).toHaveAttribute("aria-sort", "ascending");
  await expect(grants.getByRole("columnheader", { name: "Expires" })).toHaveAttribute("aria-sort", "none");
  await expect.poll(() => remainingColumn(grants)).toEqual([...fefo].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

  await grants.getByRole("button", { name: "Remaining" }).click();
  await expect(page).toHaveURL(/[?&]sort=remaining\.desc(&|$)/);
  await expect(grants.getByRole("columnheader", { name: "Remaining" })).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => remainingColumn(grants)).toEqual([...fefo].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));

  await page.reload();
  await expect(page.getByRole("region", { name: "Grants" }).getByRole("columnheader", { name: "Remaining" })).toHaveAttribute("aria-sort", "descending");
});

test("a Member still gets the 403 page, with none of the streamed sections", async ({ page, company }) => {
  await signInAs(page, company.member);
  const response = await page.goto(`${CREDITS_PATH}?range=12m`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("region", { name: "Usage over time" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Trackers" })).toHaveCount(0);
});

test("renders without browser errors or serious accessibility violations, and looks right", async ({ page, company }) => {
  // A hydration mismatch or a chart crash shows up here as a console error.
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await openCreditsPage(page, company.business);
  await expect(usageRegion(page).locator(".recharts-bar-rectangle").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: "e2e/artifacts/credits-dashboard.png", fullPage: true });
  expect(errors).toEqual([]);
});
