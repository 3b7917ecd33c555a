// Briefs (R-COST-2, R-COST-3): a Member makes an automated brief in the "New brief" dialog, with
// a section built on a tracker's results and one on calls named by id. Bad input is refused with
// every problem named beside its field and nothing written; a call the company does
// not have is refused by its id. The brief then lists its sections, says how often it runs, and
// "Generate now" makes a version that uses no credits. Its maker edits it, turns the automation
// off and deletes it. The dialog passes an accessibility scan.
import AxeBuilder from "@axe-core/playwright";
import { col, shape } from "../lib/sql/rows";
import { addKey } from "./api-world";
import { expect, signInAs, test } from "./world";

test("a Member makes an automated brief from a tracker and named calls; bad input is named; Generate now uses no credits", async ({
  page,
  company,
  sql,
  request,
}) => {
  const key = await addKey(sql, { companyId: company.id, userId: company.member.id });
  const ingest = await request.post("/api/v1/calls", {
    headers: { Authorization: `Bearer ${key}` },
    data: { calls: [{ externalId: "brief-call-1", startedAt: new Date().toISOString(), durationSeconds: 900, transcript: "Budget is approved." }] },
  });
  expect(ingest.status()).toBe(200);
  const briefs = async () => (await sql.row(`SELECT COUNT(*) AS "n" FROM "Brief" WHERE "companyId" = ?`, [company.id], shape({ n: col.int })))!.n;
  const briefsBefore = await briefs();

  await signInAs(page, company.member);
  await page.goto("/briefs");
  await expect(page.getByRole("heading", { level: 1, name: "Briefs" })).toBeVisible();
  await page.getByRole("button", { name: "New brief" }).click();
  const dialog = page.getByRole("dialog", { name: "New brief" });
  await expect(dialog.getByLabel("Title")).toBeFocused();

  // Everything missing: each problem is named beside its field, a section's inside that section.
  await dialog.getByLabel("Generate automatically").check();
  await dialog.getByLabel("Every (hours)").fill("");
  await dialog.getByRole("button", { name: "Create brief" }).click();
  await expect(dialog.getByText("Name the brief, such as “Weekly pipeline”.")).toBeVisible();
  await expect(dialog.getByText("Enter how many hours apart, such as 24.")).toBeVisible();
  const first = dialog.getByRole("group", { name: "Section 1" });
  // The message names its section for screen readers, which announce it on its own.
  await expect(first.getByLabel("Heading")).toHaveAccessibleDescription("Section 1: Give the section a heading.");
  await expect(first.getByLabel("Call ids")).toHaveAccessibleDescription(/Name at least one call or email by its id\./);
  await expect(first.getByLabel("Email ids")).not.toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Title")).toBeFocused();

  await dialog.getByLabel("Title").fill("Renewal watch");
  await dialog.getByLabel("Every (hours)").fill("12");
  await dialog.getByLabel("Heading").fill("Latest calls");
  await dialog.getByLabel("Call ids").fill("brief-call-1, not-a-call");
  await dialog.getByRole("button", { name: "Add section" }).click();
  const second = dialog.getByRole("group", { name: "Section 2" });
  await expect(second.getByLabel("Heading")).toBeFocused();
  await second.getByLabel("Heading").fill("Pricing signals");
  await expect(second.getByLabel("Built from")).toHaveValue("tracker");
  await second.getByLabel("Tracker").selectOption({ label: "Pricing objections" });

  // A call the company does not have is refused by its id, and nothing is written.
  await dialog.getByRole("button", { name: "Create brief" }).click();
  await expect(first.getByLabel("Call ids")).toHaveAccessibleDescription(/Your company has no call with the id “not-a-call”\./);
  await expect(first.getByLabel("Call ids")).toBeFocused();
  await expect(first.getByLabel("Heading")).not.toHaveAttribute("aria-invalid", "true");
  expect(await briefs()).toBe(briefsBefore);
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: "e2e/artifacts/new-brief-dialog.png" });

  await first.getByLabel("Call ids").fill("brief-call-1");
  await dialog.getByRole("button", { name: "Create brief" }).click();
  await expect(dialog).toBeHidden();
  expect(await briefs()).toBe(briefsBefore + 1);

  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Renewal watch" }) });
  await expect(card).toContainText("Automated, every 12 h");
  await expect(card).toContainText("Not generated yet");
  const sections = card.getByRole("list", { name: "Sections of Renewal watch" });
  await expect(sections.getByRole("listitem")).toHaveText([
    "Latest calls · 1 call and 0 emails, credits at each automated generation",
    "Pricing signals · tracker results, no credits",
  ]);

  // Generating it here is a manual action: a version, and no credits used. (The company's
  // question trackers charge for the new call meanwhile, under their own keys: not counted.)
  const spentOnBriefs = async () =>
    (await sql.row(
      `SELECT COALESCE(SUM("amountMilli"), 0) AS "milli" FROM "LedgerEntry" WHERE "companyId" = ? AND "kind" = 'used' AND ("idempotencyKey" IS NULL OR "idempotencyKey" NOT LIKE 'ai:%')`,
      [company.id],
      shape({ milli: col.bigint }),
    ))!.milli;
  const before = await spentOnBriefs();
  await card.getByRole("button", { name: "Generate Renewal watch now" }).click();
  await expect(card.getByRole("status")).toHaveText("Generated. No credits were used.");
  await expect(card).toContainText("## Latest calls");
  await expect(card).toContainText("## Pricing signals");
  expect(await spentOnBriefs()).toBe(before);
  await card.screenshot({ path: "e2e/artifacts/brief-created.png" });

  // Its maker edits it: the dialog starts from the brief as saved; the first section goes.
  await card.getByRole("button", { name: "Edit Renewal watch" }).click();
  const edit = page.getByRole("dialog", { name: "Edit “Renewal watch”" });
  await expect(edit.getByLabel("Title")).toHaveValue("Renewal watch");
  await expect(edit.getByLabel("Every (hours)")).toHaveValue("12");
  await expect(edit.getByRole("group", { name: "Section 1" }).getByLabel("Call ids")).toHaveValue("brief-call-1");
  await expect(edit.getByRole("group", { name: "Section 2" }).getByLabel("Tracker").locator("option:checked")).toHaveText("Pricing objections");
  await page.screenshot({ path: "e2e/artifacts/edit-brief-dialog.png" });
  await edit.getByLabel("Title").fill("Renewal weekly");
  await edit.getByLabel("Every (hours)").fill("168");
  // A problem in section 2 stays with that section when section 1 above it is removed.
  await edit.getByRole("group", { name: "Section 2" }).getByLabel("Heading").fill("");
  await edit.getByRole("button", { name: "Save brief" }).click();
  await expect(edit.getByRole("group", { name: "Section 2" }).getByLabel("Heading")).toHaveAccessibleDescription("Section 2: Give the section a heading.");
  await edit.getByRole("button", { name: "Remove section 1" }).click();
  await expect(edit.getByRole("button", { name: "Add section" })).toBeFocused();
  const moved = edit.getByRole("group", { name: "Section 1" });
  await expect(moved.getByLabel("Tracker").locator("option:checked")).toHaveText("Pricing objections");
  await expect(moved.getByLabel("Heading")).toHaveAccessibleDescription("Section 1: Give the section a heading.");
  await moved.getByLabel("Heading").fill("Pricing signals");
  await edit.getByRole("button", { name: "Save brief" }).click();
  await expect(edit).toBeHidden();
  const edited = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Renewal weekly" }) });
  await expect(edited).toContainText("Automated, every 168 h");
  await expect(edited.getByRole("list", { name: "Sections of Renewal weekly" }).getByRole("listitem")).toHaveText([
    "Pricing signals · tracker results, no credits",
  ]);
  // Its version stays until the next generation.
  await expect(edited).toContainText("## Latest calls");

  // Then turns the automation off (the badge says so), and deletes it, after being asked.
  await edited.getByRole("button", { name: "Stop automating Renewal weekly" }).click();
  await expect(edited).toContainText("On demand");
  await expect(edited.getByRole("button", { name: "Automate every 168 h Renewal weekly" })).toBeVisible();
  // Saved again with automation off, it keeps its interval for the next "Automate".
  await edited.getByRole("button", { name: "Edit Renewal weekly" }).click();
  const again = page.getByRole("dialog", { name: "Edit “Renewal weekly”" });
  await expect(again.getByLabel("Generate automatically")).not.toBeChecked();
  await again.getByRole("button", { name: "Save brief" }).click();
  await expect(again).toBeHidden();
  await expect(edited.getByRole("button", { name: "Automate every 168 h Renewal weekly" })).toBeVisible();
  await edited.getByRole("button", { name: "Delete Renewal weekly" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete “Renewal weekly”?" });
  await expect(confirm).toContainText("Its sections and every version go with it.");
  await confirm.getByRole("button", { name: "Delete brief" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("heading", { name: "Renewal weekly" })).toHaveCount(0);
  expect(await briefs()).toBe(briefsBefore);
});
