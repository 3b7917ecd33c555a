// Single sign-on (R-AUTH-1): the OpenID Connect provider signs in users who already exist, by
// email, and nobody else; email and password keep working beside it. The identity provider is
// the mock in mock-provider.ts (it is outside the project); the test chooses who is "signed in"
// there, then goes through the real sign-in page, next-auth and the app's database.
// Runs under playwright.oidc.config.ts only, which starts the app with OIDC turned on.
import { randomBytes } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import type { SqlDatabase } from "../../lib/sql";
import { openSqlite } from "../../lib/sql/sqlite";
import { DEMO_PASSWORD } from "../fixtures";
import { companyIdByName } from "../ledger";
import { OIDC_DATABASE_FILE, OIDC_ISSUER, OIDC_NAME } from "./env";

const CREDITS = /\/admin-center\/settings\/credits$/;
const REFUSED = "That account may not sign in here. Ask your Tech admin for access.";

/** Who the mock provider signs in next (null: nobody, so it answers access_denied). */
/** `emailVerified`: what the provider says of the email (null: it leaves the claim out). */
async function signedInAtProvider(request: APIRequestContext, email: string | null, emailVerified: boolean | null = true) {
  const response = await request.post(`${OIDC_ISSUER}/test/login-as`, { data: { email, emailVerified } });
  expect(response.ok()).toBe(true);
}

async function signInWithSso(page: Page) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${OIDC_NAME}` }).click();
}

async function sessionEmail(page: Page): Promise<string | undefined> {
  const response = await page.context().request.get("/api/auth/session");
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { user?: { email?: string } };
  return body.user?.email;
}

async function expectRefused(page: Page) {
  await expect(page).toHaveURL(/\/sign-in\?error=AccessDenied$/);
  // Not getByRole("alert") alone: Next.js's route announcer is an alert too.
  await expect(page.getByRole("alert").filter({ hasText: REFUSED })).toBeVisible();
  expect(await sessionEmail(page), "no session after a refused sign-in").toBeUndefined();
}

let sql: SqlDatabase;
test.beforeAll(() => {
  sql = openSqlite(OIDC_DATABASE_FILE);
});
test.afterAll(async () => {
  await sql?.close();
});
test.afterEach(async ({ request }) => {
  await signedInAtProvider(request, null);
});

test("the sign-in page offers Acme SSO, which signs an existing Tech admin in", async ({ page, request }) => {
  await signedInAtProvider(request, "tech@acme.test");
  await signInWithSso(page);
  await expect(page).toHaveURL(CREDITS);
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "User menu" })).toContainText("Tech admin · Acme Corp");
  expect(await sessionEmail(page)).toBe("tech@acme.test");
});

test("an email no user has is refused, with the reason on the sign-in page", async ({ page, request }) => {
  await signedInAtProvider(request, "stranger@nowhere.test");
  await signInWithSso(page);
  await expectRefused(page);
  await expect(page.getByRole("button", { name: `Sign in with ${OIDC_NAME}` })).toBeVisible();
});

test("an existing user's email that the provider has not verified, or says nothing of, signs nobody in", async ({ page, request }) => {
  for (const emailVerified of [false, null]) {
    await signedInAtProvider(request, "tech@acme.test", emailVerified);
    await signInWithSso(page);
    await expectRefused(page);
  }
});

test("a disabled user is refused, though the same user could sign in before", async ({ page, request }) => {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const userId = `user_oidc_${tag}`;
  const email = `sso-${tag}@acme.test`;
  const companyId = await companyIdByName(sql, "Acme Corp");
  await sql.run(`INSERT INTO "User" ("id", "email", "name", "role", "companyId", "createdAt") VALUES (?, ?, ?, 'member', ?, ?)`, [
    userId,
    email,
    `SSO member ${tag}`,
    companyId,
    new Date(),
  ]);

  await signedInAtProvider(request, email);
  await signInWithSso(page);
  await expect(page).toHaveURL(/\/profile$/);
  expect(await sessionEmail(page)).toBe(email);

  await page.context().clearCookies();
  await sql.run(`UPDATE "User" SET "disabledAt" = ? WHERE "id" = ?`, [new Date(), userId]);
  await signInWithSso(page);
  await expectRefused(page);
});

test("email and password still sign in beside single sign-on", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: `Sign in with ${OIDC_NAME}` })).toBeVisible();
  await page.getByLabel("Email").fill("business@acme.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(CREDITS);
  await expect(page.getByRole("navigation", { name: "User menu" })).toContainText("Business admin · Acme Corp");
  expect(await sessionEmail(page)).toBe("business@acme.test");
});

test("when the provider signs nobody in, the sign-in page says so and no session exists", async ({ page, request }) => {
  await signedInAtProvider(request, null);
  await signInWithSso(page);
  // next-auth reports a provider's error redirect (access_denied here) as "Callback", not
  // "OAuthCallback"; the page shows its message for it, or the generic one, both ending so.
  await expect(page).toHaveURL(/\/sign-in\?.*\berror=Callback$/);
  await expect(page.getByRole("alert").filter({ hasText: /Try again\.$/ })).toBeVisible();
  expect(await sessionEmail(page)).toBeUndefined();
});
