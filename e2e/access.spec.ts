// Each demo account sees exactly what its role allows (the spec's "Who uses it"): where it lands
// after signing in, what its navigation offers, and a clear 403 for what it may not open.
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

const CREDITS = "/admin-center/settings/credits";
const USERS = "/admin-center/settings/users";
const AUDIT = "/admin-center/settings/audit";

async function expectForbidden(page: import("@playwright/test").Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should be refused`).toBe(403);
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
}

async function expectAllowed(page: import("@playwright/test").Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should open`).toBe(200);
}

test("Tech admin: lands on Gong credits; may open users and the audit log; not Sales", async ({ page }) => {
  await signIn(page, "tech@acme.test");
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`${CREDITS}$`));
  const settings = page.getByRole("navigation", { name: "Settings" });
  await expect(settings.getByRole("link", { name: "Users" })).toBeVisible();
  await expect(settings.getByRole("link", { name: "Audit log" })).toBeVisible();
  await expectAllowed(page, USERS);
  await expectAllowed(page, AUDIT);
  await expectForbidden(page, "/sales");
});

test("Business admin: the credits page, but not users, the audit log or Sales", async ({ page }) => {
  await signIn(page, "business@acme.test");
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`${CREDITS}$`));
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  await expectForbidden(page, USERS);
  await expectForbidden(page, AUDIT);
  await expectForbidden(page, "/sales");
});

test("Member: lands on their profile and never sees the Admin center", async ({ page }) => {
  await signIn(page, "member@acme.test");
  await page.goto("/");
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("link", { name: "Admin center" })).toHaveCount(0);
  await expectForbidden(page, CREDITS);
  await expectForbidden(page, "/admin-center/settings");
  await expectForbidden(page, USERS);
  await expectForbidden(page, "/sales");
});

test("Sales: lands on the company list and sees no usage", async ({ page }) => {
  await signIn(page, "sales@vendor.test");
  await page.goto("/");
  await expect(page).toHaveURL(/\/sales$/);
  await expect(page.getByRole("link", { name: "Acme Corp" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Globex" })).toBeVisible();
  await expectForbidden(page, CREDITS);
  await expectForbidden(page, AUDIT);
});

test("Globex's Tech admin sees Globex only", async ({ page }) => {
  await signIn(page, "tech@globex.test");
  await page.goto(USERS);
  await expect(page.getByText("tech@globex.test")).toBeVisible();
  await expect(page.getByText("tech@acme.test")).toHaveCount(0);
  await expectForbidden(page, "/sales");
});

test("the balance API answers a signed-in admin through the session", async ({ page }) => {
  await signIn(page, "tech@acme.test");
  const own = await page.context().request.get("/api/v1/balance");
  expect(own.status()).toBe(200);
  expect(await own.json()).toMatchObject({ remaining: expect.stringMatching(/^\d+(\.\d+)?$/), total: expect.stringMatching(/^\d+(\.\d+)?$/) });
});

test("a server action posted from another site is refused and changes nothing", async ({ page }) => {
  await signIn(page, "member@acme.test");
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
