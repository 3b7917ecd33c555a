// Tracker filters (R-TRACK-3) on the Trackers page: the filters chosen in "New tracker" (data
// types, minimum call length, teams, participant domains, external only) are saved and shown in
// words in the tracker's row, a bad domain is refused beside its field, and "Edit filters"
// changes them on an existing tracker. Each test has its own company (e2e/world.ts).
import type { Page } from "@playwright/test";
import { createId } from "../lib/ids";
import { expect, signInAs, test } from "./world";

const TRACKERS_PATH = "/admin-center/trackers";

const trackerRow = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByText(name, { exact: true }) });

test("filters chosen in New tracker show in the tracker's row, and Edit filters changes them", async ({ page, company, sql }) => {
  for (const name of ["Enterprise", "Mid-market"]) {
    await sql.run(`INSERT INTO "Team" ("id", "companyId", "name", "createdAt") VALUES (?, ?, ?, ?)`, [createId("team"), company.id, name, new Date()]);
  }
  await signInAs(page, company.business);
  await page.goto(TRACKERS_PATH);
  await expect(trackerRow(page, "Pricing objections")).toContainText("Calls and emails");

  await page.getByRole("button", { name: "New tracker" }).click();
  const form = page.getByRole("dialog", { name: "New tracker" });
  await form.getByLabel("Name", { exact: true }).fill("Enterprise pricing");
  await form.getByLabel("Question", { exact: true }).fill("Did the customer push back on price?");
  await form.getByLabel("Minimum call length (minutes)").fill("5");
  await form.getByRole("group", { name: "Teams" }).getByLabel("Enterprise").check();
  await form.getByLabel("Participant domains to include").fill("customer.com, @partner.io");
  await form.getByLabel("Domains to exclude").fill("not a domain");
  await form.getByLabel("External only").check();
  await page.screenshot({ path: "e2e/artifacts/new-tracker-filters.png" });
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form.getByLabel("Domains to exclude")).toHaveAccessibleDescription(/"not" is not a domain/);
  await form.getByLabel("Domains to exclude").fill("rival.com");
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form).toBeHidden();

  const row = trackerRow(page, "Enterprise pricing");
  await expect(row).toContainText("Calls ≥ 5 min and emails · Team: Enterprise · Including customer.com, partner.io · Excluding rival.com · External only");
  await expect(row).toContainText("Draft");

  // Edit filters starts from what was saved.
  await row.getByRole("button", { name: "Edit filters of Enterprise pricing" }).click();
  const edit = page.getByRole("dialog", { name: "Filters of “Enterprise pricing”" });
  await expect(edit).toContainText("apply to new calls and emails and to the backlog");
  await expect(edit.getByLabel("Minimum call length (minutes)")).toHaveValue("5");
  await expect(edit.getByRole("group", { name: "Teams" }).getByLabel("Enterprise")).toBeChecked();
  await expect(edit.getByLabel("External only")).toBeChecked();
  await expect(edit.getByLabel("Participant domains to include")).toHaveValue("customer.com\npartner.io");
  await edit.getByLabel("Emails", { exact: true }).uncheck();
  await edit.getByLabel("Calls", { exact: true }).uncheck();
  await edit.getByRole("button", { name: "Save filters" }).click();
  await expect(edit.getByLabel("Calls", { exact: true })).toHaveAccessibleDescription(/Track calls, emails or both/);
  await edit.getByLabel("Calls", { exact: true }).check();
  await edit.getByRole("group", { name: "Teams" }).getByLabel("Mid-market").check();
  await edit.getByLabel("External only").uncheck();
  await edit.getByLabel("Participant domains to include").fill("");
  // A draft's backfill changes here too; publishing then shows the new estimate.
  await expect(edit.getByLabel("Backfill days")).toBeEditable();
  await edit.getByLabel("Backfill days").fill("14");
  await edit.getByRole("button", { name: "Save filters" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Saved the filters of “Enterprise pricing”." })).toBeVisible();
  await expect(row).toContainText("Calls ≥ 5 min · Teams: Enterprise, Mid-market · Excluding rival.com");
  await expect(row).not.toContainText("External only");
  await row.getByRole("button", { name: "Edit filters of Enterprise pricing" }).click();
  await expect(edit.getByLabel("Backfill days")).toHaveValue("14");
  await edit.getByRole("button", { name: "Cancel" }).click();

  // A published tracker's filters change too; the change is in the audit log.
  await trackerRow(page, "Pricing objections").getByRole("button", { name: "Edit filters of Pricing objections" }).click();
  const published = page.getByRole("dialog", { name: "Filters of “Pricing objections”" });
  await expect(published.getByLabel("Backfill days")).toBeDisabled();
  await expect(published.getByLabel("Backfill days")).toHaveAccessibleDescription(/To change it, unpublish the tracker first\./);
  await published.getByLabel("External only").check();
  await published.getByRole("button", { name: "Save filters" }).click();
  await expect(published).toBeHidden();
  await expect(trackerRow(page, "Pricing objections")).toContainText("Calls and emails · External only");
  await expect(trackerRow(page, "Pricing objections")).toContainText("Published");
  await page.screenshot({ path: "e2e/artifacts/tracker-filters.png", fullPage: true });
});
