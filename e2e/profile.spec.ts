// The profile page's API keys end to end (R-AUTH-3): a key is shown once, works against the
// API at once, and stops working the moment it is revoked, by its user or by a Tech admin on
// Settings > API keys. And the Tech admin's Users and Audit log pages show their own company only
// (R-AUTH-2, R-PLUS-2). Every test uses a company
// and users of its own (e2e/world.ts).
import type { Page } from "@playwright/test";
import { signIn } from "./fixtures";
import { expect, signInAs, test } from "./world";

const PROFILE = "/profile";
const USERS = "/admin-center/settings/users";
const AUDIT = "/admin-center/settings/audit";
const COMPANY_KEYS = "/admin-center/settings/api-keys";

/** Creates a key through the dialog and answers the key it showed, leaving the dialog open. */
async function createKey(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name: "Create API key" }).click();
  const form = page.getByRole("dialog", { name: "Create API key" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("dialog", { name: "Copy your new API key" });
  await expect(shown).toContainText("This is the only time the key is shown.");
  const key = await shown.getByLabel("Your new API key").inputValue();
  expect(key).toMatch(/^cr_\S{20,}$/);
  return key;
}

test("a member creates an API key, calls the API with it, and revokes it", async ({ page, request, context, company }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAs(page, company.member);
  await page.goto(PROFILE);
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  // The name is required, and the error sits next to the field.
  await page.getByRole("button", { name: "Create API key" }).click();
  const form = page.getByRole("dialog", { name: "Create API key" });
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("alert")).toContainText("Enter a name for the key");
  await page.keyboard.press("Escape");
  await expect(form).toBeHidden();

  const key = await createKey(page, "CI key");
  const shown = page.getByRole("dialog", { name: "Copy your new API key" });
  await shown.getByRole("button", { name: "Copy" }).click();
  await expect(shown.getByRole("status")).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await page.screenshot({ path: "e2e/artifacts/profile-api-key.png", fullPage: true });
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();
  // Shown once: once the dialog is closed, the page no longer holds the key.
  expect(await page.content()).not.toContain(key);

  const row = page.getByRole("row").filter({ hasText: key.slice(0, 8) });
  await expect(row).toContainText("CI key");
  await expect(row).toContainText("Active");

  const balance = await request.get("/api/v1/balance", { headers: { Authorization: `Bearer ${key}` } });
  expect(balance.status()).toBe(200);
  const body = (await balance.json()) as { remaining: unknown; total: unknown };
  expect(typeof body.remaining).toBe("string");
  expect(typeof body.total).toBe("string");
  expect(body.remaining).toMatch(/^\d+(\.\d+)?$/);
  expect(body.total).toMatch(/^\d+(\.\d+)?$/);

  await row.getByRole("button", { name: /^Revoke/ }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke “CI key”?" });
  await expect(confirm).toContainText("stop working at once");
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);

  const refused = await request.get("/api/v1/balance", { headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: "unauthorized" });
});

test("a Tech admin's Users page lists the company's users and not another company's", async ({ page, company, otherCompany, sales }) => {
  await signInAs(page, company.tech);
  await page.goto("/admin-center/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(new RegExp(`${USERS}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  const table = page.getByRole("table");
  for (const { email } of [company.tech, company.business, company.member]) {
    await expect(table.getByRole("row").filter({ hasText: email })).toHaveCount(1);
  }
  await expect(table.getByRole("row").filter({ hasText: company.member.email }).getByRole("combobox")).toHaveValue("member");
  await expect(page.getByText(otherCompany.tech.email)).toHaveCount(0);
  await expect(page.getByText(sales.email)).toHaveCount(0);
  await page.screenshot({ path: "e2e/artifacts/users-page.png", fullPage: true });

  // The company's only Tech admin cannot demote themselves, and is told why beside the role.
  const own = table.getByRole("row").filter({ hasText: company.tech.email });
  await own.getByRole("combobox").selectOption("member");
  await own.getByRole("button", { name: /^Save/ }).click();
  await expect(own.getByRole("alert")).toContainText("only Tech admin");
  await page.reload();
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: company.tech.email }).getByRole("combobox")).toHaveValue("tech_admin");
});

test("another company's Tech admin sees that company's users only", async ({ page, company, otherCompany }) => {
  await signInAs(page, otherCompany.tech);
  await page.goto(USERS);
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: otherCompany.tech.email })).toHaveCount(1);
  await expect(page.getByText(`@${company.domain}`)).toHaveCount(0);
});

test("the audit log shows the API key a Tech admin created", async ({ page, company }) => {
  await signInAs(page, company.tech);
  await page.goto(PROFILE);
  const name = `Audit check ${Date.now()}`;
  await createKey(page, name);
  await page.getByRole("dialog", { name: "Copy your new API key" }).getByRole("button", { name: "Done" }).click();

  await page.goto(AUDIT);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const entry = page.getByRole("table").getByRole("row").filter({ hasText: name });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("api_key.create");
  await expect(entry).toContainText(company.tech.email);
  await page.screenshot({ path: "e2e/artifacts/audit-log.png", fullPage: true });
});

test("Members and Business admins get the 403 page on Users and Audit log", async ({ page, company }) => {
  for (const user of [company.member, company.business]) {
    const { email } = user;
    await page.context().clearCookies();
    await signInAs(page, user);
    for (const path of [USERS, AUDIT]) {
      const response = await page.goto(path);
      expect(response?.status(), `${email} on ${path}`).toBe(403);
      await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    }
  }
});

test("Sales see why they have no API keys; a signed-out visit goes to sign-in and back", async ({ page, sales }) => {
  await page.goto(PROFILE);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprofile$/);

  await signInAs(page, sales);
  await page.goto(PROFILE);
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  await expect(page.getByText("Sales accounts work across companies")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
});

test("a Tech admin sees every key of the company and revokes a member's, which stops working at once", async ({ page, request, company, otherCompany }) => {
  await signInAs(page, company.member);
  await page.goto(PROFILE);
  const key = await createKey(page, "Laptop script");
  await page.getByRole("dialog", { name: "Copy your new API key" }).getByRole("button", { name: "Done" }).click();
  const balance = () => request.get("/api/v1/balance", { headers: { Authorization: `Bearer ${key}` } });
  expect((await balance()).status()).toBe(200);
  // Another company's key is not listed.
  await signInAs(page, otherCompany.member);
  await page.goto(PROFILE);
  await createKey(page, "Other company's key");

  await page.context().clearCookies();
  await signInAs(page, company.tech);
  await page.goto("/admin-center/settings/users");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: company.member.email });
  await expect(row).toContainText("Laptop script");
  await expect(row).toContainText(key.slice(0, 8));
  await expect(page.getByText("Other company's key")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  await page.screenshot({ path: "e2e/artifacts/company-api-keys.png", fullPage: true });

  await row.getByRole("button", { name: /^Revoke .*Laptop script$/ }).click();
  const confirm = page.getByRole("dialog", { name: /Revoke .*’s key “Laptop script”\?/ });
  await expect(confirm).toContainText(company.member.email);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect((await balance()).status()).toBe(200);
  await row.getByRole("button", { name: /^Revoke .*Laptop script$/ }).click();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("No API keys in use")).toBeVisible();
  await expect(page.getByText("1 revoked key is not listed.")).toBeVisible();
  expect((await balance()).status()).toBe(401);

  // The member sees it revoked on their profile; a Business admin may not open the page.
  await page.context().clearCookies();
  await signInAs(page, company.member);
  await page.goto(PROFILE);
  await expect(page.getByRole("row").filter({ hasText: "Laptop script" })).toContainText("Revoked");
  await page.context().clearCookies();
  await signInAs(page, company.business);
  expect((await page.goto(COMPANY_KEYS))?.status()).toBe(403);
});

test("a Tech admin disables a member, who is signed out and whose key stops working, then enables them again", async ({ page, browser, request, company }) => {
  test.setTimeout(60_000);
  // The member is signed in in a browser of their own, with a key.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signInAs(memberPage, company.member);
  await memberPage.goto(PROFILE);
  const key = await createKey(memberPage, "Nightly export");
  await memberPage.getByRole("dialog", { name: "Copy your new API key" }).getByRole("button", { name: "Done" }).click();
  const balance = () => request.get("/api/v1/balance", { headers: { Authorization: `Bearer ${key}` } });
  expect((await balance()).status()).toBe(200);

  await signInAs(page, company.tech);
  await page.goto(USERS);
  const row = page.getByRole("row").filter({ hasText: company.member.email });
  // Nobody disables themselves: their own row has no button.
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: company.tech.email })
      .getByRole("button", { name: /^Disable/ }),
  ).toHaveCount(0);
  await row.getByRole("button", { name: /^Disable / }).click();
  const confirm = page.getByRole("dialog", { name: /^Disable .*\?$/ });
  await expect(confirm).toContainText("their API keys stop working");
  await confirm.getByRole("button", { name: "Disable user" }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: /^Enable / })).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/users-disabled.png", fullPage: true });

  // At once: the member's next page is the sign-in page, their key is refused, and so is their password.
  await memberPage.goto(PROFILE);
  await expect(memberPage).toHaveURL(/\/sign-in/);
  expect((await balance()).status()).toBe(401);
  const attempt = await browser.newContext();
  const csrf = (await (await attempt.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await attempt.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: company.member.email, password: company.member.password, json: "true" },
    maxRedirects: 0,
  });
  expect(((await (await attempt.request.get("/api/auth/session")).json()) as { user?: unknown }).user).toBeUndefined();
  await attempt.close();

  await row.getByRole("button", { name: /^Enable / }).click();
  await expect(row.getByText("Disabled", { exact: true })).toHaveCount(0);
  expect((await balance()).status()).toBe(200);
  // Enabling does not bring back the session from before: the member signs in again.
  await memberPage.goto(PROFILE);
  await expect(memberPage).toHaveURL(/\/sign-in/);
  await signInAs(memberPage, company.member);
  await memberPage.goto(PROFILE);
  await expect(memberPage.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  await memberContext.close();

  await page.goto(AUDIT);
  await expect(page.getByRole("row").filter({ hasText: "Disabled a user" })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "Enabled a user" })).toHaveCount(1);
});

test("a Tech admin adds a user, who signs in with the temporary password and changes it on their profile; a reset gives a new one", async ({
  page,
  browser,
  company,
}) => {
  test.setTimeout(60_000);
  await signInAs(page, company.tech);
  await page.goto(USERS);
  await page.getByRole("button", { name: "Add user" }).click();
  const form = page.getByRole("dialog", { name: "Add user" });
  // Each problem shows beside its field, and nothing is added.
  await form.getByLabel("Name").fill("Pat Newcomer");
  await form.getByLabel("Email").fill(company.member.email.toUpperCase());
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText(`${company.member.email} is already a user of your company.`)).toBeVisible();
  await expect(form.getByLabel("Email")).toBeFocused();
  const email = `pat.${Date.now()}@${company.domain}`;
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: "Business admin" });
  await form.getByRole("button", { name: "Add user" }).click();
  const shown = page.getByRole("dialog", { name: "Give them their temporary password" });
  await expect(shown).toContainText("This is the only time the password is shown.");
  const password = await shown.getByLabel("Temporary password").inputValue();
  expect(password).toMatch(/^[\w-]{24}$/);
  await page.screenshot({ path: "e2e/artifacts/users-add.png", fullPage: true });
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Pat Newcomer");
  expect(await page.content()).not.toContain(password);

  // The new user signs in with it, and changes it.
  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await signIn(newcomer, email, password);
  await newcomer.goto("/profile");
  const section = newcomer.getByRole("region", { name: "Password" });
  await section.getByLabel("Current password").fill("not the password");
  await section.getByLabel("New password").fill("a much better passphrase");
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(section.getByText("That is not your current password.")).toBeVisible();
  await section.getByLabel("Current password").fill(password);
  await section.getByLabel("New password").fill("short");
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(section.getByText("Use at least 12 characters.")).toBeVisible();
  await section.getByLabel("New password").fill("a much better passphrase");
  await newcomer.screenshot({ path: "e2e/artifacts/profile-password.png", fullPage: true });
  await section.getByRole("button", { name: "Change password" }).click();
  // A change ends every session of the account, this one too: sign in again with the new one.
  await expect(newcomer).toHaveURL(/\/sign-in\?callbackUrl=%2Fprofile/);
  await signIn(newcomer, email, "a much better passphrase");
  await newcomer.goto("/profile");
  await expect(newcomer.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();

  // Forgotten: the Tech admin resets it (asked first) and gets a new temporary one, shown once.
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: email });
  await row.getByRole("button", { name: "Reset password of Pat Newcomer" }).click();
  const confirm = page.getByRole("dialog", { name: "Reset Pat Newcomer’s password?" });
  await confirm.getByRole("button", { name: "Reset password" }).click();
  const reset = page.getByRole("dialog", { name: "Pat Newcomer’s new temporary password" });
  const again = await reset.getByLabel("Temporary password").inputValue();
  expect(again).toMatch(/^[\w-]{24}$/);
  await reset.getByRole("button", { name: "Done" }).click();
  // The reset ended the newcomer's session.
  await newcomer.goto("/profile");
  await expect(newcomer).toHaveURL(/\/sign-in/);
  await signIn(newcomer, email, again);
  await context.close();

  await page.goto(AUDIT);
  await expect(page.getByRole("row").filter({ hasText: "Added a user" })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "Reset a user's password" })).toHaveCount(1);
});
