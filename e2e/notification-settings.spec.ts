// The Tech admin's settings for who hears about credits, and the contract (R-NOTIFY-1/2, the
// spec's "Who uses it"): Settings > Notifications lists the admins, adds and removes an extra
// email recipient (a bad address is named beside its field and nothing is saved), and sends a
// test email that lands in the outbox, at most once a minute; Settings > Contract and seats
// shows the term, the seats and the default credits they earn. Business admins and Members are
// refused both pages.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { col, shape } from "../lib/sql/rows";
import { expect, signInAs, test } from "./world";

const NOTIFICATIONS = "/admin-center/settings/notifications";
const CONTRACT = "/admin-center/settings/contract";

const serious = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);

test("a Tech admin adds an email recipient, sends a test email to everyone, and removes the recipient", async ({ page, company, sql }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signInAs(page, company.tech);
  await page.goto("/admin-center/settings/credits");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();

  const admins = page.getByRole("region", { name: "Admins" });
  await expect(admins.getByRole("row").filter({ hasText: company.tech.email })).toContainText("Tech admin");
  await expect(admins.getByRole("row").filter({ hasText: company.business.email })).toContainText("Business admin");
  await expect(admins.getByText(company.member.email)).toHaveCount(0);
  const extra = page.getByRole("region", { name: "Also email" });
  await expect(extra.getByText("No extra recipients")).toBeVisible();

  // A bad address is named beside the field, and nothing is saved.
  await extra.getByRole("button", { name: "Add recipient" }).click();
  const dialog = page.getByRole("dialog", { name: "Add recipient" });
  await dialog.getByLabel("Email").fill("finance at example");
  await dialog.getByRole("button", { name: "Add recipient" }).click();
  await expect(dialog.getByText("That is not an email address: write it as name@example.com.")).toBeVisible();
  await expect(dialog.getByLabel("Email")).toBeFocused();
  const count = async () => (await sql.row(`SELECT COUNT(*) AS n FROM "NotificationRecipient" WHERE "companyId" = ?`, [company.id], shape({ n: col.int })))?.n;
  expect(await count()).toBe(0);
  // An admin's address is refused: admins already get every notification.
  await dialog.getByLabel("Email").fill(company.business.email);
  await dialog.getByRole("button", { name: "Add recipient" }).click();
  await expect(dialog.getByText(`${company.business.email} is an admin of your company, so it already gets every notification.`)).toBeVisible();
  await dialog.getByLabel("Email").fill("Finance@Example.com");
  await dialog.getByRole("button", { name: "Add recipient" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("finance@example.com will get the notification emails.")).toBeAttached();
  await expect(extra.getByRole("row").filter({ hasText: "finance@example.com" })).toHaveCount(1);
  expect(await count()).toBe(1);

  // A test email goes to both admins and the recipient; a second within the minute is refused.
  const tests = async () =>
    (
      await sql.rows(
        `SELECT "to" FROM "OutboxEmail" WHERE "companyId" = ? AND "subject" = ? ORDER BY "to"`,
        [company.id, `Test: credit notifications for ${company.name}`],
        shape({ to: col.text }),
      )
    ).map((r) => r.to);
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByText("A test email went to 3 addresses; it is in the outbox.")).toBeVisible();
  expect(await tests()).toEqual([company.business.email, "finance@example.com", company.tech.email].sort());
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "A test email went out less than a minute ago" })).toBeVisible();
  expect(await tests()).toHaveLength(3);
  expect(await serious(page)).toEqual([]);
  await page.screenshot({ path: "e2e/artifacts/notification-settings.png", fullPage: true });

  await page.getByRole("link", { name: "Email outbox" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Email outbox" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "finance@example.com" }).filter({ hasText: "Test: credit notifications" })).toHaveCount(1);

  // Remove asks first; Cancel keeps the address.
  await page.goto(NOTIFICATIONS);
  await extra.getByRole("button", { name: "Remove finance@example.com" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove finance@example.com?" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect(await count()).toBe(1);
  await extra.getByRole("button", { name: "Remove finance@example.com" }).click();
  await confirm.getByRole("button", { name: "Remove recipient" }).click();
  await expect(confirm).toBeHidden();
  await expect(extra.getByText("No extra recipients")).toBeVisible();
  expect(await count()).toBe(0);

  await page.goto("/admin-center/settings/audit");
  await expect(page.getByRole("row").filter({ hasText: "Added an email recipient" })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "Removed an email recipient" })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "Sent a test email" })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test("a Tech admin sees the contract term, the seats and the default credits they earn", async ({ page, company }) => {
  await signInAs(page, company.tech);
  await page.goto("/admin-center/settings/credits");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Contract and seats" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contract and seats" })).toBeVisible();
  await expect(page.getByText(`Dates are in the company’s time zone, ${company.timeZone}.`)).toBeVisible();
  await expect(page.getByRole("region", { name: "Seats" }).getByRole("row").filter({ hasText: "Core" })).toContainText(/10\s*40/);
  await expect(page.getByText("400 credits", { exact: true })).toBeVisible();
  await expect(page.getByText(/^Year 1 of \d+: /)).toBeVisible();
  await expect(page.getByText(/^400 credits, [\d,.]+ remaining$/)).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await page.screenshot({ path: "e2e/artifacts/contract.png", fullPage: true });
});

test("Business admins and Members get the 403 page for the notification settings and the contract", async ({ page, company }) => {
  for (const user of [company.business, company.member]) {
    await page.context().clearCookies();
    await signInAs(page, user);
    for (const path of [NOTIFICATIONS, CONTRACT]) {
      expect((await page.goto(path))?.status(), `${user.email} on ${path}`).toBe(403);
      await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    }
    if (user === company.business) {
      const nav = page.getByRole("navigation", { name: "Settings" });
      await page.goto("/admin-center/settings/credits");
      await expect(nav.getByRole("link", { name: "Gong credits" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Notifications" })).toHaveCount(0);
      await expect(nav.getByRole("link", { name: "Contract and seats" })).toHaveCount(0);
    }
  }
});
