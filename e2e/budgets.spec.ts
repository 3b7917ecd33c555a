// Budgets on the credits page (R-BUDGET-1/2): an admin adds a budget on the Ask Anything API, the
// API fills it and then refuses with 402 budget_exceeded, and the budget's row says "Reached"
// and until when requests are refused; the dialog works from the keyboard alone; Edit and
// Remove; the section passes an accessibility scan. Each test has its own company
// (e2e/world.ts); requests go through the API with a key of the company's member.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { formatCredits, formatCreditsGrouped } from "../lib/credits/amount";
import { budgetPeriod, budgetScope, type PeriodBounds } from "../lib/ledger/scopes";
import type { SqlDatabase } from "../lib/sql";
import { col, shape } from "../lib/sql/rows";
import { addKey } from "./api-world";
import { expect, signInAs, test } from "./world";

const CREDITS_PATH = "/admin-center/settings/credits";

const budgetsRegion = (page: Page) => page.getByRole("region", { name: "Budgets", exact: true });
const budgetRow = (page: Page, name: string) =>
  budgetsRegion(page)
    .getByRole("row")
    .filter({ has: page.getByText(name, { exact: true }) });

/** What the ledger has counted in a scope this period, as budgets read it (UsageScopeDay). */
async function usedInPeriod(sql: SqlDatabase, companyId: string, scope: string, period: PeriodBounds): Promise<bigint> {
  const row = await sql.row(
    `SELECT COALESCE(SUM("creditsMilli"), 0) AS "used" FROM "UsageScopeDay" WHERE "companyId" = ? AND "scope" = ? AND "usageDate" >= ? AND "usageDate" < ?`,
    [companyId, scope, period.startDate, period.endDate],
    shape({ used: col.bigint }),
  );
  return row?.used ?? 0n;
}

async function openCreditsPage(page: Page) {
  await page.goto(CREDITS_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
  await expect(budgetsRegion(page)).toBeVisible();
}

test("a budget on the Ask Anything API fills, refuses the next request with 402, and its row says Reached and until when", async ({
  page,
  company,
  sql,
  request,
}) => {
  // A dialog, requests until the budget refuses, and reloads: 24 s of the default 30 on a loaded
  // CI machine.
  test.setTimeout(60_000);
  const key = await addKey(sql, { companyId: company.id, userId: company.member.id });
  const headers = { Authorization: `Bearer ${key}` };
  const ingest = await request.post("/api/v1/calls", {
    headers,
    data: {
      calls: [
        { externalId: "budget-1", startedAt: new Date().toISOString(), durationSeconds: 1200 },
        { externalId: "budget-2", startedAt: new Date().toISOString(), durationSeconds: 1200 },
      ],
    },
  });
  expect(ingest.status()).toBe(200);

  // The company's history has Ask Anything requests this month already: they count too.
  const month = budgetPeriod("month", company, new Date())!;
  const usedBefore = await usedInPeriod(sql, company.id, budgetScope("feature", "ask_anything_api"), month);
  const limitMilli = usedBefore + 2_000n;
  const [before, limit] = [usedBefore, limitMilli].map(formatCreditsGrouped);

  await signInAs(page, company.business);
  await openCreditsPage(page);
  await expect(budgetsRegion(page)).toContainText("No budgets yet");

  // Bad input is refused beside its field; then the budget is saved.
  await budgetsRegion(page).getByRole("button", { name: "New budget" }).click();
  const dialog = page.getByRole("dialog", { name: "New budget" });
  await dialog.getByLabel("Name").fill("Ask Anything cap");
  await expect(dialog.getByLabel("Applies to")).toHaveValue("feature");
  await dialog.getByLabel("Limit").fill("0");
  await dialog.getByRole("button", { name: "Save budget" }).click();
  await expect(dialog.getByLabel("Limit")).toHaveAccessibleDescription(/must be more than zero/);
  await expect(dialog.getByLabel("Feature")).toHaveAccessibleDescription(/Choose the feature the budget applies to/);
  await dialog.getByLabel("Feature").selectOption({ label: "Ask Anything API" });
  await dialog.getByLabel("Limit").fill(formatCredits(limitMilli));
  await expect(dialog.getByLabel("Monthly")).toBeChecked();
  await dialog.getByRole("button", { name: "Save budget" }).click();
  await expect(dialog).toBeHidden();

  const row = budgetRow(page, "Ask Anything cap");
  await expect(row).toContainText("Feature: Ask Anything API");
  await expect(row).toContainText("Monthly");
  await expect(row).toContainText(month.label);
  await expect(row).toContainText(`${before} of ${limit} credits`);
  await expect(row).toContainText("2 credits left until");
  await expect(row).not.toContainText("Reached");
  await expect(row.getByRole("meter", { name: "Ask Anything cap: credits used" })).toHaveAttribute("aria-valuenow", formatCredits(usedBefore));

  // Two requests of 1 credit each fill it; the third is refused whole.
  for (const id of ["budget-1", "budget-2"]) {
    const ask = await request.post("/api/v1/ask-anything", { headers, data: { question: "Pricing?", callIds: [id] } });
    expect(ask.status()).toBe(200);
  }
  const refused = await request.post("/api/v1/ask-anything", { headers, data: { question: "Pricing?", callIds: ["budget-1"] } });
  expect(refused.status()).toBe(402);
  const full = formatCredits(limitMilli);
  expect(await refused.json()).toMatchObject({ error: "budget_exceeded", budget: "Ask Anything cap", limit: full, used: full, required: "1" });

  // Two more budgets, on the company's history, so the section is seen with rows in each state.
  for (const [name, kind, value, limitCredits, period] of [
    ["Claude Desktop", "integration", "Claude Desktop", 5_000_000n, "contract_year"],
    ["Briefer API", "feature", "briefer_api", 10_000n, "month"],
  ] as const) {
    await sql.run(
      `INSERT INTO "Budget" ("id", "companyId", "name", "scopeKind", "scopeValue", "limitMilli", "period", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [`bdg_e2e_${kind}_${Date.now()}`, company.id, name, kind, value, limitCredits, period, new Date(), new Date()],
    );
  }

  await page.reload();
  await expect(row).toContainText(`${limit} of ${limit} credits`);
  await expect(budgetRow(page, "Claude Desktop")).toContainText("Integration: Claude Desktop");
  await expect(budgetRow(page, "Claude Desktop")).toContainText("Contract year");
  await expect(row.getByText("Reached", { exact: true })).toBeVisible();
  const until = new Intl.DateTimeFormat("en-US", { timeZone: company.timeZone, dateStyle: "medium" }).format(month.endsAt);
  await expect(row).toContainText(`Requests in this scope are refused until ${until}`);
  await expect(row.getByRole("meter", { name: "Ask Anything cap: credits used" })).toHaveAttribute("aria-valuetext", `${limit} of ${limit} credits used`);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await budgetsRegion(page).scrollIntoViewIfNeeded();
  await budgetsRegion(page).screenshot({ path: "e2e/artifacts/budgets-section.png" });

  // Raising the limit lets requests through again.
  await row.getByRole("button", { name: "Edit Ask Anything cap" }).click();
  const edit = page.getByRole("dialog", { name: "Edit “Ask Anything cap”" });
  await expect(edit.getByLabel("Feature")).toHaveValue("ask_anything_api");
  await expect(edit.getByLabel("Limit")).toHaveValue(full);
  await edit.getByLabel("Limit").fill(formatCredits(limitMilli + 8_500n));
  await edit.getByRole("button", { name: "Save budget" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText(`${limit} of ${formatCreditsGrouped(limitMilli + 8_500n)} credits`);
  await expect(row).toContainText("8.5 credits left until");
  const again = await request.post("/api/v1/ask-anything", { headers, data: { question: "Pricing?", callIds: ["budget-1"] } });
  expect(again.status()).toBe(200);

  await row.getByRole("button", { name: "Remove Ask Anything cap" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove “Ask Anything cap”?" });
  await confirm.getByRole("button", { name: "Remove budget" }).click();
  await expect(confirm).toBeHidden();
  await expect(budgetsRegion(page).getByRole("status")).toContainText("Removed the budget “Ask Anything cap”.");
  await expect(row).toHaveCount(0);
});

test("the budget dialog works from the keyboard alone", async ({ page, company }) => {
  await signInAs(page, company.tech);
  await openCreditsPage(page);
  const open = budgetsRegion(page).getByRole("button", { name: "New budget" });
  await open.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New budget" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await page.keyboard.type("Keyboard budget");

  // Escape closes it and gives focus back to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await page.keyboard.type("Keyboard budget");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Applies to")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByLabel("Applies to")).toHaveValue("tracker");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Tracker")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByLabel("Tracker")).not.toHaveValue("");
  const tracker = await dialog.getByLabel("Tracker").locator("option:checked").textContent();
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Limit")).toBeFocused();
  await page.keyboard.type("12.5");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Monthly")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(dialog.getByLabel("Contract year")).toBeChecked();
  await page.screenshot({ path: "e2e/artifacts/budget-dialog.png" });
  // Back to the limit, and Enter saves.
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByLabel("Limit")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();

  const row = budgetRow(page, "Keyboard budget");
  await expect(row).toContainText(`Tracker: ${tracker}`);
  await expect(row).toContainText("Contract year");
  await expect(row).toContainText("of 12.5 credits");
  await expect(budgetsRegion(page).getByRole("status")).toContainText("Added the budget “Keyboard budget”.");
});

test("another company's admin sees only their own budgets; a Member gets the 403 page", async ({ page, company, otherCompany, sql }) => {
  await sql.run(
    `INSERT INTO "Budget" ("id", "companyId", "name", "scopeKind", "scopeValue", "limitMilli", "period", "createdAt", "updatedAt") VALUES (?, ?, ?, 'feature', 'mcp', 5000, 'month', ?, ?)`,
    [`bdg_e2e_${Date.now()}`, company.id, "A's MCP budget", new Date(), new Date()],
  );
  await signInAs(page, otherCompany.business);
  await openCreditsPage(page);
  await expect(budgetsRegion(page)).toContainText("No budgets yet");
  await expect(page.getByRole("main")).not.toContainText("A's MCP budget");

  await page.context().clearCookies();
  await signInAs(page, company.member);
  expect((await page.goto(CREDITS_PATH))?.status()).toBe(403);
  await expect(budgetsRegion(page)).toHaveCount(0);
});
