// The demo data the spec promises ("Fixed surfaces"): Acme Corp and Globex with their own data,
// and the five demo accounts with the password demo-credits, each landing where its work is.
// These tests only read: they sign in, look and query, and never change demo state (no
// purchases, charges, tracker changes, keys or wrong passwords), so they hold whatever other
// tests run beside them. Everything else runs on companies the tests make (e2e/world.ts).
import type { Page } from "@playwright/test";
import { formatCreditsGrouped } from "../lib/credits/amount";
import { getCreditSummary, listCurrentGrants } from "../lib/ledger/balance";
import { FEATURE_TYPES } from "../lib/ledger/types";
import type { SqlDatabase } from "../lib/sql";
import { col, shape } from "../lib/sql/rows";
import { DEMO_PASSWORD, signIn } from "./fixtures";
import { expect, test } from "./hydrated";
import { companyIdByName, openE2eSql } from "./ledger";

const CREDITS = /\/admin-center\/settings\/credits$/;
const DAY = 24 * 60 * 60 * 1000;
const ZoneRow = shape({ timeZone: col.text });

let sql: SqlDatabase;

test.beforeAll(() => {
  sql = openE2eSql();
});

test.afterAll(async () => {
  await sql.close();
});

async function expectLedgerFigures(page: Page, companyId: string) {
  const summary = await getCreditSummary(sql, { companyId, now: new Date() });
  await expect(page.getByRole("region", { name: "Credits remaining" }).locator("data")).toHaveText(formatCreditsGrouped(summary.remainingMilli));
  await expect(page.getByRole("region", { name: "Total credits" }).locator("data")).toHaveText(formatCreditsGrouped(summary.totalMilli));
  return summary;
}

test("each demo account signs in with the demo password and lands where its work is", async ({ page }) => {
  const accounts = [
    { email: "tech@acme.test", lands: CREDITS, menu: "Tech admin · Acme Corp" },
    { email: "business@acme.test", lands: CREDITS, menu: "Business admin · Acme Corp" },
    { email: "member@acme.test", lands: /\/profile$/, menu: "Member · Acme Corp" },
    { email: "tech@globex.test", lands: CREDITS, menu: "Tech admin · Globex" },
    { email: "sales@vendor.test", lands: /\/sales$/, menu: "Sales" },
  ];
  for (const account of accounts) {
    await page.context().clearCookies();
    await signIn(page, account.email, DEMO_PASSWORD);
    await page.goto("/");
    await expect(page, account.email).toHaveURL(account.lands);
    await expect(page.getByRole("navigation", { name: "User menu" })).toContainText(account.menu);
  }
  // Sales land on the company list, which has both demo companies (and any others).
  await expect(page.getByRole("link", { name: "Acme Corp", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Globex", exact: true })).toBeVisible();
});

test("Acme Corp has its contract, default and purchased credits, a year of usage on every feature type, and its trackers", async ({ page }) => {
  const acmeId = await companyIdByName(sql, "Acme Corp");
  const company = await sql.row(`SELECT "timeZone" FROM "Company" WHERE "id" = ?`, [acmeId], ZoneRow);
  expect(company?.timeZone).toBe("America/New_York");
  const kinds = new Set((await listCurrentGrants(sql, { companyId: acmeId, now: new Date() })).map((g) => g.kind));
  expect([...kinds].sort()).toEqual(["default", "purchased"]);
  const features = await sql.rows(`SELECT DISTINCT "featureType" FROM "UsageRecord" WHERE "companyId" = ?`, [acmeId], shape({ featureType: col.text }));
  expect(features.map((f) => f.featureType).sort()).toEqual([...FEATURE_TYPES].sort());
  const yearAgo = new Date(Date.now() - 365 * DAY).toISOString().slice(0, 10);
  const days = await sql.row(
    `SELECT COUNT(DISTINCT "usageDate") AS n FROM "UsageScopeDay" WHERE "companyId" = ? AND "scope" LIKE 'feature:%' AND "usedMilli" > 0 AND "usageDate" >= ?`,
    [acmeId, yearAgo],
    shape({ n: col.int }),
  );
  expect(days?.n, "usage on most days of the last year").toBeGreaterThan(365 / 2);

  await signIn(page, "business@acme.test", DEMO_PASSWORD);
  await page.goto("/admin-center/settings/credits?range=12m");
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
  const { remainingMilli } = await expectLedgerFigures(page, acmeId);
  expect(remainingMilli, "Acme starts with between 5,000 and 40,000 credits remaining").toBeGreaterThanOrEqual(5_000_000n);
  expect(remainingMilli).toBeLessThanOrEqual(40_000_000n);
  const usage = page.getByRole("region", { name: "Usage over time" });
  await expect(usage.locator(".recharts-bar-rectangle").first()).toBeVisible();
  expect(await usage.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(52);
  const trackers = page.getByRole("region", { name: "Trackers" });
  await expect(trackers.getByRole("listitem")).toHaveCount(4);
  await expect(trackers.getByRole("listitem").filter({ hasText: "Pricing objections" })).toContainText("Published");
  await expect(trackers.getByRole("listitem").filter({ hasText: "Competitor mentions" })).toContainText("Published");
  await expect(trackers.getByRole("listitem").filter({ hasText: "Renewal risk" })).toContainText("Draft");
  await expect(trackers.getByRole("listitem").filter({ hasText: "Next steps" })).toContainText("Published");
});

test("Globex has its own figures and tracker, and its admin sees none of Acme's", async ({ page }) => {
  const globexId = await companyIdByName(sql, "Globex");
  const company = await sql.row(`SELECT "timeZone" FROM "Company" WHERE "id" = ?`, [globexId], ZoneRow);
  expect(company?.timeZone).toBe("Europe/Berlin");
  await signIn(page, "tech@globex.test", DEMO_PASSWORD);
  await page.goto("/admin-center/settings/credits");
  await expectLedgerFigures(page, globexId);
  const trackers = page.getByRole("region", { name: "Trackers" });
  await expect(trackers.getByRole("listitem").filter({ hasText: "Budget questions" })).toContainText("Published");
  await expect(trackers).not.toContainText("Pricing objections");
  await page.goto("/admin-center/settings/users");
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "tech@globex.test" })).toHaveCount(1);
  await expect(page.getByText(/@acme\.test/)).toHaveCount(0);
});
