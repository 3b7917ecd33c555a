// Teams at /admin-center/settings/teams (R-TEAM-1): a Tech admin creates teams, adds members
// (a user is in one team at most, so adding moves them), renames, removes and deletes; other
// roles get the 403 page; and the credits page's usage chart shows one team's usage. Each test
// has its own company (e2e/world.ts).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { charge } from "../lib/billing";
import { formatCreditsGrouped } from "../lib/credits/amount";
import { createId } from "../lib/ids";
import { expect, signInAs, type TestUser, test } from "./world";

const TEAMS_PATH = "/admin-center/settings/teams";
const CREDITS_PATH = "/admin-center/settings/credits";

const teamRegion = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const announcement = (page: Page) => page.getByRole("status").filter({ hasText: /\S/ });

async function newTeam(page: Page, name: string) {
  await page.getByRole("button", { name: "New team" }).click();
  const dialog = page.getByRole("dialog", { name: "New team" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog).toBeHidden();
  await expect(teamRegion(page, name)).toBeVisible();
}

async function addMember(page: Page, team: string, user: TestUser) {
  await teamRegion(page, team)
    .getByRole("button", { name: `Add member to ${team}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Add a member to “${team}”` });
  await expect(dialog.getByLabel("User").locator(`option[value="${user.id}"]`)).toHaveText(new RegExp(`^${user.name} \\(${user.email}\\)`));
  await dialog.getByLabel("User").selectOption(user.id);
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog).toBeHidden();
}

test("a Tech admin creates a team, adds members, moves one, renames, removes and deletes", async ({ page, company }) => {
  await signInAs(page, company.tech);
  await page.goto("/admin-center/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Teams" }).click();
  await expect(page).toHaveURL(new RegExp(`${TEAMS_PATH}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await expect(page.getByText("No teams yet")).toBeVisible();

  await newTeam(page, "Enterprise");
  await expect(teamRegion(page, "Enterprise")).toContainText("No members yet");
  await addMember(page, "Enterprise", company.member);
  await addMember(page, "Enterprise", company.business);
  const enterpriseMembers = teamRegion(page, "Enterprise").getByRole("list", { name: "Members of Enterprise" });
  await expect(enterpriseMembers.getByRole("listitem")).toHaveCount(2);
  await expect(enterpriseMembers).toContainText(company.member.email);
  await expect(teamRegion(page, "Enterprise")).toContainText("2 members");

  // A second team with the same name, whatever its case, is refused beside the field.
  await page.getByRole("button", { name: "New team" }).click();
  const dialog = page.getByRole("dialog", { name: "New team" });
  await dialog.getByLabel("Name").fill("enterprise");
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription(/already a team named “Enterprise”/);
  await dialog.getByLabel("Name").fill("Mid-market");
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog).toBeHidden();

  // One team each: adding the member to Mid-market moves them out of Enterprise.
  await addMember(page, "Mid-market", company.member);
  await expect(announcement(page)).toContainText(`Moved ${company.member.name} from “Enterprise” to “Mid-market”.`);
  await expect(teamRegion(page, "Mid-market").getByRole("listitem")).toHaveCount(1);
  await expect(enterpriseMembers.getByRole("listitem")).toHaveCount(1);
  await expect(enterpriseMembers).not.toContainText(company.member.email);

  await teamRegion(page, "Mid-market").getByRole("button", { name: "Rename Mid-market" }).click();
  const rename = page.getByRole("dialog", { name: "Rename “Mid-market”" });
  await expect(rename.getByLabel("Name")).toHaveValue("Mid-market");
  await rename.getByLabel("Name").fill("Commercial");
  await rename.getByRole("button", { name: "Save name" }).click();
  await expect(rename).toBeHidden();
  await expect(teamRegion(page, "Commercial")).toContainText(company.member.name);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: "e2e/artifacts/teams-page.png", fullPage: true });

  await teamRegion(page, "Commercial")
    .getByRole("button", { name: `Remove ${company.member.name} from Commercial` })
    .click();
  await expect(teamRegion(page, "Commercial")).toContainText("No members yet");

  await teamRegion(page, "Commercial").getByRole("button", { name: "Delete Commercial" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete “Commercial”?" });
  await expect(confirm).toContainText("It has no members.");
  await confirm.getByRole("button", { name: "Delete team" }).click();
  await expect(confirm).toBeHidden();
  await expect(teamRegion(page, "Commercial")).toHaveCount(0);
  await expect(teamRegion(page, "Enterprise")).toBeVisible();

  // Every change is in the audit log.
  await page.goto("/admin-center/settings/audit");
  for (const action of ["team.create", "team.add_member", "team.rename", "team.remove_member", "team.delete"]) {
    await expect(page.getByText(action, { exact: true }).first()).toBeVisible();
  }
});

test("Business admins and Members get the 403 page; another company sees none of the teams", async ({ page, company, otherCompany, sql }) => {
  await sql.run(`INSERT INTO "Team" ("id", "companyId", "name", "createdAt") VALUES (?, ?, ?, ?)`, [createId("team"), company.id, "A's own team", new Date()]);
  await signInAs(page, company.business);
  await page.goto(CREDITS_PATH);
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Teams" })).toHaveCount(0);
  expect((await page.goto(TEAMS_PATH))?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();

  await page.context().clearCookies();
  await signInAs(page, company.member);
  expect((await page.goto(TEAMS_PATH))?.status()).toBe(403);

  await page.context().clearCookies();
  await signInAs(page, otherCompany.tech);
  await page.goto(TEAMS_PATH);
  await expect(page.getByText("No teams yet")).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("A's own team");
});

test("the usage chart shows one team's credits per day, the team kept in the URL", async ({ page, company, sql }) => {
  const teamId = createId("team");
  await sql.run(`INSERT INTO "Team" ("id", "companyId", "name", "createdAt") VALUES (?, ?, ?, ?)`, [teamId, company.id, "Enterprise", new Date()]);
  const usage = { featureType: "ask_anything_api", featureName: "Ask Anything API", usageAction: "request", requests: 1, teamId } as const;
  for (const amountMilli of [1_300n, 2_200n]) {
    expect((await charge(sql, company.id, { amountMilli, action: "Ask Anything API", usage }, new Date())).outcome).toBe("charged");
  }
  await signInAs(page, company.business);
  await page.goto(CREDITS_PATH);
  const region = page.getByRole("region", { name: "Usage over time" });
  await expect(region.getByRole("combobox", { name: "Team" })).toHaveValue("");
  await region.getByRole("combobox", { name: "Team" }).selectOption({ label: "Enterprise" });
  await expect(page).toHaveURL(new RegExp(`[?&]team=${teamId}(&|$)`));
  await expect(region.locator("p").filter({ hasText: /^Credits used per day by the team Enterprise/ })).toBeVisible();
  const legend = region.getByRole("list", { name: "Credits used in this period by the team Enterprise" });
  await expect(legend).toContainText(formatCreditsGrouped(3_500n));
  const table = region.getByRole("table", { name: /^Credits used per day by the team Enterprise/ });
  await expect(table.locator("tbody tr")).toHaveCount(30);
  await expect(table.locator("tbody tr").last()).toContainText("3.5");

  await page.reload();
  await expect(page.getByRole("region", { name: "Usage over time" }).getByRole("combobox", { name: "Team" })).toHaveValue(teamId);
  await page.getByRole("region", { name: "Usage over time" }).getByRole("combobox", { name: "Team" }).selectOption({ label: "All teams" });
  await expect(page).not.toHaveURL(/[?&]team=/);
  await expect(
    page
      .getByRole("region", { name: "Usage over time" })
      .locator("p")
      .filter({ hasText: /^Credits used per day by feature type/ }),
  ).toBeVisible();
});
