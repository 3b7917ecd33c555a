// Signing in for browser tests through next-auth's own API (CSRF token, then the credentials
// callback), so specs start signed in without typing into the form. The page's context keeps
// the session cookie.
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-credits";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const request = page.context().request;
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.ok()).toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(response.status());
  const session = await request.get("/api/auth/session");
  const body = (await session.json()) as { user?: { email?: string } };
  expect(body.user?.email, `signed in as ${email}`).toBe(email);
}

export async function signOut(page: Page): Promise<void> {
  await page.context().clearCookies();
}
