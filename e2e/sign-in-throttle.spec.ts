// Sign-in throttling in the browser (the spec's "Sign-in" line): five wrong passwords lock the
// account with a message that says so and for how long, and the right password is then refused
// with the same message. A fresh user of a fresh company, so no demo account is ever locked.
import type { Page } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import type { SqlDatabase } from "../lib/sql";
import { col, shape } from "../lib/sql/rows";
import { makeApiCompany } from "./api-world";
import { expect, test } from "./hydrated";
import { openE2eSql } from "./ledger";

const PASSWORD = "a-password-for-this-test";
const WRONG = "The email or password is not right. Check both and try again.";
const LOCKED = "This account is temporarily locked after too many wrong passwords.";

let sql: SqlDatabase;
test.beforeAll(() => {
  sql = openE2eSql();
});
test.afterAll(async () => {
  await sql?.close();
});

async function freshUser(): Promise<string> {
  const { userId } = await makeApiCompany(sql);
  await sql.run(`UPDATE "User" SET "passwordHash" = ? WHERE "id" = ?`, [await hashPassword(PASSWORD), userId]);
  const row = await sql.row(`SELECT "email" FROM "User" WHERE "id" = ?`, [userId], shape({ email: col.text }));
  return row!.email;
}

/** Submits the form and waits for next-auth's answer, so repeated messages are each new. */
async function submit(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
}

// The form's message; not getByRole("alert") alone: Next.js's route announcer is an alert too.
const message = (page: Page) => page.locator("form").getByRole("alert");

test("five wrong passwords lock the account, and the right password is then refused with the lock message", async ({ page }) => {
  const email = await freshUser();
  await page.goto("/sign-in");
  for (let i = 0; i < 4; i++) {
    await submit(page, email, `wrong-${i}`);
    await expect(message(page)).toHaveText(WRONG);
  }
  await submit(page, email, "wrong-4");
  await expect(message(page)).toHaveText(`${LOCKED} Try again in 30 seconds.`);

  await submit(page, email, PASSWORD);
  await expect(message(page)).toHaveText(new RegExp(`^${LOCKED.replaceAll(".", "\\.")} Try again in [1-3]?\\d seconds\\.$`));
  await expect(page).toHaveURL(/\/sign-in/);
  const session = await page.context().request.get("/api/auth/session");
  expect(((await session.json()) as { user?: unknown }).user, "no session while locked").toBeUndefined();
  await page.screenshot({ path: "e2e/artifacts/sign-in-locked.png" });
});

test("the sign-in page shows only its own words, whatever the URL's error says", async ({ page }) => {
  await page.goto(`/sign-in?error=${encodeURIComponent("Your account is suspended. Call 555-0100.")}`);
  await expect(page.getByText("Signing in failed. Try again in a moment.")).toBeVisible();
  await expect(page.getByText("555-0100")).toHaveCount(0);
  await page.goto(`/sign-in?error=${encodeURIComponent("AccountLocked:120")}`);
  await expect(page.getByText("This account is temporarily locked after too many wrong passwords. Try again in 2 minutes.")).toBeVisible();
});
