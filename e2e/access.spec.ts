// Each role sees exactly what it allows (the spec's "Who uses it"): where it lands after signing
// in, what its navigation offers, and a clear 403 for what it may not open. Every test signs in
// as users of its own company (e2e/world.ts); the demo accounts have their own spec (demo.spec.ts).
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { formatCredits } from "../lib/credits/amount";
import { getCreditSummary } from "../lib/ledger/balance";
import { expect, signInAs, test } from "./world";

const CREDITS = "/admin-center/settings/credits";
const USERS = "/admin-center/settings/users";
const AUDIT = "/admin-center/settings/audit";

async function expectForbidden(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should be refused`).toBe(403);
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
}

async function expectAllowed(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should open`).toBe(200);
}

test("Tech admin: lands on Gong credits; may open users and the audit log; not Sales", async ({ page, company }) => {
  await signInAs(page, company.tech);
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`${CREDITS}$`));
  const settings = page.getByRole("navigation", { name: "Settings" });
  await expect(settings.getByRole("link", { name: "Users" })).toBeVisible();
  await expect(settings.getByRole("link", { name: "Audit log" })).toBeVisible();
  await expectAllowed(page, USERS);
  await expectAllowed(page, AUDIT);
  await expectForbidden(page, "/sales");
});

test("Business admin: the credits page, but not users, the audit log or Sales", async ({ page, company }) => {
  await signInAs(page, company.business);
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`${CREDITS}$`));
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  await expectForbidden(page, USERS);
  await expectForbidden(page, AUDIT);
  await expectForbidden(page, "/sales");
});

test("Member: lands on their profile and never sees the Admin center", async ({ page, company }) => {
  await signInAs(page, company.member);
  await page.goto("/");
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("link", { name: "Admin center" })).toHaveCount(0);
  await expectForbidden(page, CREDITS);
  await expectForbidden(page, "/admin-center/settings");
  await expectForbidden(page, USERS);
  await expectForbidden(page, "/sales");
});

test("Sales: lands on the company list, which has every company, and sees no usage", async ({ page, company, otherCompany, sales }) => {
  await signInAs(page, sales);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sales$/);
  // Other tests' companies are on the list too: find these two among them.
  await expect(page.getByRole("link", { name: company.name, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: otherCompany.name, exact: true })).toBeVisible();
  await expectForbidden(page, CREDITS);
  await expectForbidden(page, AUDIT);
});

test("another company's Tech admin sees their own company only", async ({ page, company, otherCompany }) => {
  await signInAs(page, otherCompany.tech);
  await page.goto(USERS);
  await expect(page.getByText(otherCompany.tech.email)).toBeVisible();
  await expect(page.getByText(company.tech.email)).toHaveCount(0);
  await expectForbidden(page, "/sales");
});

test("the balance API answers a signed-in admin through the session, with the ledger's figures", async ({ page, company, sql }) => {
  await signInAs(page, company.tech);
  const own = await page.context().request.get("/api/v1/balance");
  expect(own.status()).toBe(200);
  const summary = await getCreditSummary(sql, { companyId: company.id, now: new Date() });
  expect(await own.json()).toEqual({ remaining: formatCredits(summary.remainingMilli), total: formatCredits(summary.totalMilli) });
});

test("a server action posted from another site is refused and changes nothing", async ({ page, company }) => {
  await signInAs(page, company.member);
  await page.goto("/profile");
  // Capture a real "Create API key" action request from this page…
  const captured = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByLabel("Name").fill("same-site");
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /create/i })
    .click();
  const original = await captured;
  await expect(page.getByText("same-site").first()).toBeVisible();
  // …and send it again, byte for byte with the same session, as another site would.
  const headers = { ...original.headers(), origin: "https://attacker.example" };
  delete (headers as Record<string, string>)["content-length"];
  const body = original.postDataBuffer()!.toString("utf8").replace("same-site", "cross-site");
  const forged = await page.context().request.post(original.url(), { headers, data: Buffer.from(body) });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  await page.goto("/profile");
  await expect(page.getByText("cross-site")).toHaveCount(0);
});

/** Every page of the app, from its file under app/ (route groups dropped, an id filled in). */
function everyPage(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name === "page.tsx") pages.push(dir);
    }
  };
  walk("app");
  return pages.map(
    (dir) =>
      `/${path
        .relative("app", dir)
        .split(path.sep)
        .filter((part) => part && !/^\(.*\)$/.test(part))
        .map((part) => (/^\[.*\]$/.test(part) ? "some-id" : part))
        .join("/")}`,
  );
}

test("a signed-out visit to any page leads to sign-in, naming the page to come back to", async ({ page }) => {
  const pages = everyPage().filter((p) => p !== "/sign-in");
  expect(pages).toEqual(expect.arrayContaining(["/", "/api-docs", "/admin-center/settings/credits", "/sales/some-id"]));
  for (const route of pages) {
    await page.goto(route);
    await expect(page, `${route} signed out`).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(route)}`);
  }
});
