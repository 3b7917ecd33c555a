// Usage alerts in the browser (R-NOTIFY-1, R-NOTIFY-2): each test spends its own company's
// credits (e2e/world.ts, a quarter used to begin with) past 60% and 80% at once, then past 90%,
// straight through the ledger on the test server's database (as the API would), then checks that
// the Tech admin's bell counts the unread alerts (one for each threshold passed), /notifications
// lists them, "Mark all as read" clears the count (for this admin only), and the emails, with no
// SMTP in tests, are kept in the outbox for Tech admins to read. Other companies and roles see
// none.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { charge, getCreditSummary } from "../lib/billing";
import { deliverOutbox } from "../lib/notify/mailer";
import type { SqlDatabase } from "../lib/sql";
import { col, shape } from "../lib/sql/rows";
import { TEST_USAGE } from "../test/support/companies";
import { expect, signInAs, type TestCompany, test } from "./world";

const OUTBOX_PATH = "/admin-center/settings/outbox";

/** Charges the company up to at least `percent` of its total credits. */
async function spendTo(sql: SqlDatabase, company: TestCompany, percent: number) {
  const { usedMilli, totalMilli } = await getCreditSummary(sql, { companyId: company.id, now: new Date() });
  const target = (BigInt(percent) * totalMilli + 99n) / 100n;
  expect(usedMilli, `the company has used less than ${percent}% so far`).toBeLessThan(target);
  const result = await charge(sql, company.id, { amountMilli: target - usedMilli, action: "E2E spend", usage: TEST_USAGE }, new Date());
  expect(result.outcome).toBe("charged");
}

async function unreadOf(sql: SqlDatabase, email: string): Promise<number> {
  const row = await sql.row(
    `SELECT COUNT(*) AS n FROM "Notification" n JOIN "User" u ON u."id" = n."userId" WHERE u."email" = ? AND n."readAt" IS NULL`,
    [email],
    shape({ n: col.int }),
  );
  return row?.n ?? 0;
}

/** What the server's own delivery run does without SMTP: every pending email is kept. */
async function keepPendingEmails(sql: SqlDatabase) {
  for (let run = 0; run < 100; run++) {
    if ((await deliverOutbox({ sql }, { now: new Date(), transport: null })).kept === 0) return;
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const serious = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);

test("alerts at 80% and 90% reach the bell and /notifications; Mark all as read clears them; the emails are kept in the outbox", async ({
  page,
  company,
  sql,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const { tech, business } = company;
  expect(await unreadOf(sql, tech.email), "no alerts before the spending").toBe(0);
  await spendTo(sql, company, 85);
  await spendTo(sql, company, 92);
  const unread = await unreadOf(sql, tech.email);
  expect(unread, "an alert for each of 60%, 80% (passed together) and 90%").toBe(3);
  const businessUnread = await unreadOf(sql, business.email);
  expect(businessUnread).toBe(3);

  await signInAs(page, tech);
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Your notifications" })).toBeVisible();
  const bell = page.getByRole("link", { name: /^Notifications, / });
  await expect(bell).toHaveAccessibleName(`Notifications, ${unread} unread`);
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.getByRole("heading", { name: `${company.name} has used 90% of its credits` })).toBeVisible();
  await expect(list.getByRole("heading", { name: `${company.name} has used 80% of its credits` })).toBeVisible();
  await expect(list.getByRole("heading", { name: `${company.name} has used 60% of its credits` })).toBeVisible();
  await expect(list.getByText(/has passed 60% of its [\d,.]+ credits and is at 8\d% now; [\d,.]+ remain\./)).toBeVisible();
  await expect(list.getByText(/remain\. See where credits go on the Gong credits page/).first()).toBeVisible();
  await expect(list.getByText("Unread", { exact: true })).toHaveCount(unread);
  await expect(list.locator("time").first()).toHaveText(/^\w{3} \d{1,2}, \d{4} at \d{1,2}:\d{2}\s?[AP]M$/);
  await expect(page.getByText(new RegExp(`^Times in ${escapeRegExp(company.timeZone)}`))).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await page.screenshot({ path: "e2e/artifacts/notifications.png", fullPage: true });

  // Marking one read lowers the count by one.
  await list
    .getByRole("button", { name: `Mark as read: ${company.name} has used 80% of its credits` })
    .first()
    .click();
  await expect(bell).toHaveAccessibleName(unread - 1 === 0 ? "Notifications, none unread" : `Notifications, ${unread - 1} unread`);

  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(bell).toHaveAccessibleName("Notifications, none unread");
  await expect(page.getByRole("heading", { name: "All read" })).toBeVisible();
  await expect(list.getByText("Unread", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
  expect(await unreadOf(sql, tech.email)).toBe(0);
  expect(await unreadOf(sql, business.email), "the other admin's alerts stay unread").toBe(businessUnread);

  // No SMTP in tests: a delivery run keeps the emails (the server's own run does the same).
  await keepPendingEmails(sql);
  await page.goto(OUTBOX_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Email outbox" })).toBeVisible();
  await expect(page.getByText("SMTP is not configured, so emails are not sent")).toBeVisible();
  const row = page
    .getByRole("row")
    .filter({ hasText: tech.email })
    .filter({ hasText: `${company.name} has used 90% of its credits` });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("Kept", { exact: true })).toBeVisible();
  await expect(row.getByText("0 attempts")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: business.email }).filter({ hasText: "90%" })).toHaveCount(1);
  const email = row.getByText(new RegExp(`${escapeRegExp(company.name)} has (used|passed) 90% of its .* credits( and is at \\d+% now)?; .* remain\\.`));
  await expect(email).toBeHidden();
  await row.getByText(`${company.name} has used 90% of its credits`, { exact: true }).click();
  await expect(email).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await page.screenshot({ path: "e2e/artifacts/notifications-outbox.png", fullPage: true });

  // An email that was tried and refused shows when it was last tried, and was never sent.
  const businessRow = page.getByRole("row").filter({ hasText: business.email }).filter({ hasText: "90%" });
  await sql.run(
    `UPDATE "OutboxEmail" SET "status" = 'failed', "attempts" = 8, "lastAttemptAt" = ?, "lastError" = ? WHERE "companyId" = ? AND "to" = ? AND "subject" LIKE ?`,
    [new Date(), "550 Mailbox unavailable", company.id, business.email, "%90%"],
  );
  await page.reload();
  await expect(businessRow.getByText("Not delivered", { exact: true })).toBeVisible();
  await expect(businessRow.getByText("Last tried")).toBeVisible();
  await expect(businessRow.getByText("550 Mailbox unavailable")).toBeVisible();
  await expect(businessRow.getByText("Not sent")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a Business admin gets a 403 for the outbox, and a Member has no notifications", async ({ page, company, sql }) => {
  // The admins have alerts, so the Member's empty list means members get none.
  await spendTo(sql, company, 85);
  expect(await unreadOf(sql, company.business.email)).toBeGreaterThan(0);
  await signInAs(page, company.business);
  expect((await page.goto(OUTBOX_PATH))?.status()).toBe(403);
  await signInAs(page, company.member);
  await page.goto("/notifications");
  await expect(page.getByText("No notifications yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications, none unread" })).toBeVisible();
});

test("another company's Tech admin sees none of the company's alerts or emails", async ({ page, company, otherCompany, sql }) => {
  await spendTo(sql, company, 85);
  expect(await unreadOf(sql, company.tech.email), "the company has alerts to hide").toBeGreaterThan(0);
  const ofCompany = new RegExp(`${escapeRegExp(company.domain)}|${escapeRegExp(company.name)}`);
  await signInAs(page, otherCompany.tech);
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Your notifications" })).toBeVisible();
  await expect(page.getByText(ofCompany)).toHaveCount(0);
  await page.goto(OUTBOX_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Email outbox" })).toBeVisible();
  await expect(page.getByText(ofCompany)).toHaveCount(0);
});
