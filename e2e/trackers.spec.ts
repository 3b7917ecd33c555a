// Trackers at /admin-center/trackers (R-TRACK-1/2, R-ZERO-1/2), and members' drafts at /trackers:
// an admin drafts a tracker
// (bad input refused beside its field), sees the estimate before publishing, and watches the
// tracker pause when the company runs out of credits, stay paused after a purchase, and run
// again once resumed. Each test has its own company (e2e/world.ts, with the demo's four
// trackers); the spec spends that company's credits to zero straight through the ledger on the
// test server's database (see e2e/ledger.ts), as the API would.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { charge, getCreditSummary, recordPurchase } from "../lib/billing";
import { formatCreditsGrouped } from "../lib/credits/amount";
import type { SqlDatabase } from "../lib/sql";
import { TEST_USAGE } from "../test/support/companies";
import { expect, signInAs, test } from "./world";

const CREDITS_PATH = "/admin-center/settings/credits";
const TRACKERS_PATH = "/admin-center/trackers";
const QUESTION = "Did the customer push back on price?";
const NO_CREDITS = "No credits remain, so question-based trackers cannot be published. Add credits first.";

const trackerRow = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByText(name, { exact: true }) });
const statusOf = (page: Page, name: string, status: string) => trackerRow(page, name).getByText(status, { exact: true });

async function remainingMilli(sql: SqlDatabase, companyId: string): Promise<bigint> {
  return (await getCreditSummary(sql, { companyId, now: new Date() })).remainingMilli;
}

/** Spends all that remains. The tracker worker may charge in between, so re-read and retry. */
async function spendEverything(sql: SqlDatabase, companyId: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const remaining = await remainingMilli(sql, companyId);
    if (remaining === 0n) return;
    await charge(sql, companyId, { amountMilli: remaining, action: "E2E spend", usage: TEST_USAGE }, new Date());
  }
  expect(await remainingMilli(sql, companyId), "the company's credits are spent").toBe(0n);
}

async function openNewTrackerForm(page: Page) {
  await page.getByRole("button", { name: "New tracker" }).click();
  const form = page.getByRole("dialog", { name: "New tracker" });
  await expect(form).toBeVisible();
  return form;
}

test("a member may not open the Trackers page", async ({ page, company }) => {
  await signInAs(page, company.member);
  const response = await page.goto(TRACKERS_PATH);
  expect(response?.status()).toBe(403);
});

test("a member drafts a tracker on /trackers, reached from the top bar, and an admin finds the draft to publish", async ({ page, company }) => {
  const name = "Member's draft";
  await signInAs(page, company.member);
  await page.goto("/");
  await expect(page).toHaveURL(/\/profile$/);
  await page.getByRole("link", { name: "Trackers" }).click();
  await expect(page).toHaveURL(/\/trackers$/);
  await expect(page.getByRole("heading", { level: 1, name: "Trackers" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Pricing objections" })).toContainText("Published");
  // A member drafts; publishing is for admins.
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Publish and manage trackers" })).toHaveCount(0);

  const form = await openNewTrackerForm(page);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Question", { exact: true }).fill(QUESTION);
  await form.getByLabel("Backfill days").fill("7");
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("status")).toHaveText(`Saved “${name}” as a draft. An admin can publish it; drafts use no credits.`);
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText("Draft");
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: "e2e/artifacts/member-trackers.png", fullPage: true });

  await signInAs(page, company.business);
  await page.goto(TRACKERS_PATH);
  await expect(statusOf(page, name, "Draft")).toBeVisible();
  await expect(trackerRow(page, name).getByRole("button", { name: "Publish" })).toBeVisible();
});

test("another company's admin sees only their own trackers", async ({ page, company, otherCompany }) => {
  // Company A has a "Pricing objections" tracker of its own; B's admin must not see it.
  expect(company.trackers.map((t) => t.name)).toContain("Pricing objections");
  await signInAs(page, otherCompany.tech);
  await page.goto(TRACKERS_PATH);
  await expect(statusOf(page, "Budget questions", "Published")).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("Pricing objections");
});

test("draft, estimate and publish; pause at zero; refuse a publish at zero; resume after a purchase", async ({ page, company, sql }) => {
  test.setTimeout(120_000);
  const name = "E2E pricing";
  const companyId = company.id;
  await signInAs(page, company.tech);

  // Reached from the credits page.
  await page.goto(CREDITS_PATH);
  await page.getByRole("region", { name: "Trackers" }).getByRole("link", { name: "Manage trackers" }).click();
  await expect(page).toHaveURL(new RegExp(`${TRACKERS_PATH}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Trackers" })).toBeVisible();
  await expect(statusOf(page, "Renewal risk", "Draft")).toBeVisible();

  // Bad input is refused beside its field, and nothing is saved.
  const form = await openNewTrackerForm(page);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await expect(form.getByLabel("Question-based")).toBeChecked();
  await form.getByLabel("Backfill days").fill("7");
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form.getByLabel("Question", { exact: true })).toHaveAccessibleDescription(/A question-based tracker needs a question\./);
  await form.getByLabel("Question", { exact: true }).fill(QUESTION);
  await form.getByLabel("Backfill days").fill("400");
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form.getByLabel("Backfill days")).toHaveAccessibleDescription(/Calls and emails are kept for 365 days: backfill at most 365 days\./);
  await expect(form.getByLabel("Question", { exact: true })).not.toHaveAccessibleDescription(/needs a question/);
  await expect(trackerRow(page, name)).toHaveCount(0);

  // Saved as a draft.
  await form.getByLabel("Backfill days").fill("7");
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Saved “${name}” as a draft.` })).toBeVisible();
  await expect(statusOf(page, name, "Draft")).toBeVisible();

  // The estimate shows, in credits, before the publish is confirmed.
  await trackerRow(page, name).getByRole("button", { name: "Publish" }).click();
  const publish = page.getByRole("dialog", { name: `Publish “${name}”?` });
  await expect(publish.getByText("Credits remaining")).toBeVisible();
  await expect(publish).toContainText("Backfill");
  await expect(publish).toContainText("A month of new data");
  await expect(publish.getByText(/^[\d,.]+ credits$/)).toHaveCount(2);
  await expect(publish).toContainText(formatCreditsGrouped(await remainingMilli(sql, companyId)));
  await page.screenshot({ path: "e2e/artifacts/trackers-publish-estimate.png" });
  await publish.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(publish).toBeHidden();
  await expect(statusOf(page, name, "Published")).toBeVisible();
  await expect(trackerRow(page, name)).toContainText(/[\d,]+ of [\d,]+ calls and emails processed/);

  // At zero the ledger pauses question-based trackers, and says why.
  await spendEverything(sql, companyId);
  await page.reload();
  await expect(statusOf(page, name, "Paused")).toBeVisible();
  await expect(trackerRow(page, name)).toContainText(/Credits ran out on \d{4}-\d{2}-\d{2}\. Add credits, then resume this tracker\./);
  await expect(statusOf(page, "Next steps", "Published")).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/trackers.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // A question-based tracker cannot be published at zero: the refusal shows in the dialog.
  await trackerRow(page, "Renewal risk").getByRole("button", { name: "Publish" }).click();
  const refused = page.getByRole("dialog", { name: "Publish “Renewal risk”?" });
  await expect(refused.getByText("Credits remaining")).toBeVisible();
  await refused.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(refused.getByRole("alert").filter({ hasText: NO_CREDITS })).toBeVisible();
  await refused.getByRole("button", { name: "Cancel" }).click();
  await expect(refused).toBeHidden();
  await expect(statusOf(page, "Renewal risk", "Draft")).toBeVisible();

  // A pretrained tracker is free, so it may be published at zero.
  const pretrained = await openNewTrackerForm(page);
  await pretrained.getByLabel("Name", { exact: true }).fill("E2E next steps");
  await pretrained.getByLabel("Pretrained").check();
  await pretrained.getByLabel("Phrases").fill("next step\nfollow up");
  await pretrained.getByRole("button", { name: "Save draft" }).click();
  await expect(pretrained).toBeHidden();
  await trackerRow(page, "E2E next steps").getByRole("button", { name: "Publish" }).click();
  const free = page.getByRole("dialog", { name: "Publish “E2E next steps”?" });
  await expect(free.getByText("Free: pretrained trackers do not use credits.")).toBeVisible();
  await free.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(free).toBeHidden();
  await expect(statusOf(page, "E2E next steps", "Published")).toBeVisible();

  // Added credits do not resume it (R-ZERO-2): an admin does.
  const now = new Date();
  await recordPurchase(
    sql,
    {
      companyId,
      creditsMilli: 1_000_000n,
      orderReference: `E2E-trackers-${test.info().workerIndex}-${Date.now()}`,
      purchasedAt: now,
      availableFrom: now,
    },
    now,
  );
  await page.reload();
  await expect(statusOf(page, name, "Paused")).toBeVisible();
  await trackerRow(page, name).getByRole("button", { name: "Resume" }).click();
  const resume = page.getByRole("dialog", { name: `Resume “${name}”?` });
  await expect(resume).toContainText("backlog");
  await resume.getByRole("button", { name: "Resume", exact: true }).click();
  await expect(resume).toBeHidden();
  await expect(statusOf(page, name, "Published")).toBeVisible();

  // Unpublishing asks first, and says it stops consumption at once.
  await trackerRow(page, name).getByRole("button", { name: "Unpublish" }).click();
  const unpublish = page.getByRole("dialog", { name: `Unpublish “${name}”?` });
  await expect(unpublish).toContainText("Unpublishing stops credit consumption at once");
  await unpublish.getByRole("button", { name: "Unpublish", exact: true }).click();
  await expect(unpublish).toBeHidden();
  await expect(statusOf(page, name, "Unpublished")).toBeVisible();
  await expect(trackerRow(page, name).getByRole("button", { name: "Publish" })).toBeVisible();
});
