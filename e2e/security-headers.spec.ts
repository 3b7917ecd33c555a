// Browser hardening (the spec's "Security headers" line): pages carry a Content-Security-Policy
// whose script nonce is new on every response and is on every script Next.js renders; nothing
// may frame a page; nosniff and the referrer policy everywhere, API included; no X-Powered-By;
// HSTS over https only. Then the pages that matter most still work under the policy, with no
// violation reported: the credits page's chart, the report dialog and a real CSV download, and
// Sales' "Record purchase" dialog.
import fs from "node:fs";
import { type APIResponse, expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures";

const CREDITS_PATH = "/admin-center/settings/credits";

function nonceOf(response: APIResponse): string {
  const policy = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, `a nonce in ${policy}`).toBeTruthy();
  return nonce!;
}

function expectCommonHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-powered-by"]).toBeUndefined();
}

test("pages send a nonce-based policy, new on every response and on every script, and may not be framed", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  expect(first.status()).toBe(200);
  for (const response of [first, second]) expectCommonHeaders(response);
  const policy = first.headers()["content-security-policy"]!;
  const directives = policy.split(";").map((d) => d.trim());
  expect(directives).toContain("frame-ancestors 'none'");
  expect(directives).toContain("object-src 'none'");
  expect(directives).toContain("base-uri 'self'");
  expect(directives).toContain("form-action 'self'");
  expect(directives).toContain("connect-src 'self'");
  expect(directives).toContain(`script-src 'self' 'nonce-${nonceOf(first)}' 'strict-dynamic'`);
  expect(directives.find((d) => d.startsWith("script-src"))).not.toContain("unsafe");
  expect(nonceOf(first)).not.toBe(nonceOf(second));
  expect(first.headers()["strict-transport-security"], "no HSTS over http").toBeUndefined();

  // Every script in the document carries this response's nonce; one without would not run.
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(first)}"`);

  // A page whose path starts like the API's is still a page.
  expect(nonceOf(await request.get("/api-docs"))).toBeTruthy();
});

test("API responses are nosniff and unframeable, with no nonce work", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expectCommonHeaders(health);
  expect(health.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  const refused = await request.get("/api/v1/balance");
  expect(refused.status()).toBe(401);
  expectCommonHeaders(refused);
  expect(refused.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("static files from public/ are served as they are, with the common headers and no nonce: robots.txt keeps crawlers out", async ({ request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toBe(fs.readFileSync("public/robots.txt", "utf8"));
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  expectCommonHeaders(robots);
  expect(robots.headers()["content-security-policy"] ?? "").not.toContain("nonce-");
});

test("over https (behind a TLS proxy) pages and the API add HSTS", async ({ request }) => {
  const headers = { "x-forwarded-proto": "https" };
  const page = await request.get("/sign-in", { headers });
  expect(page.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(page.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  const api = await request.get("/api/health", { headers });
  expect(api.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
});

/** Records every policy violation the page reports, as events and as console messages. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) consoleViolations.push(message.text());
  });
  page.on("pageerror", (error) => consoleViolations.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI}`));
  });
  return async () => [...consoleViolations, ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))];
}

test("the credits page works under the policy: chart, report dialog, CSV download; Sales' dialog opens", async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, "tech@acme.test");
  await page.goto(CREDITS_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Gong credits" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Usage over time" }).locator(".recharts-bar-rectangle").first()).toBeVisible();

  await page.getByRole("button", { name: "Download credit reports" }).click();
  const dialog = page.getByRole("dialog", { name: "Download credit reports" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("radio", { name: "Credit usage" }).check();
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Export report" }).click();
  const file = await download;
  const csv = fs.readFileSync((await file.path())!, "utf8");
  expect(csv.split("\n")[0]).toContain("Usage date,Feature type");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await violations()).toEqual([]);

  await page.context().clearCookies();
  await signIn(page, "sales@vendor.test");
  await page.goto("/sales");
  await page.getByRole("link", { name: "Acme Corp" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Corp" })).toBeVisible();
  await page.getByRole("button", { name: "Record purchase" }).click();
  await expect(page.getByRole("dialog", { name: "Record purchase" })).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Record purchase" }).getByLabel("Credits", { exact: true })).toBeFocused();
  expect(await violations()).toEqual([]);

  // The watch itself works: content from another origin is refused and reported.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img alt="" src="http://elsewhere.invalid/pixel.png">'));
  await expect.poll(violations).toContainEqual(expect.stringContaining("img-src"));
});

test("another site cannot frame the credits page", async ({ page }) => {
  const refused = page.waitForEvent("console", (message) => /frame-ancestors/.test(message.text()));
  // A document of another origin framing ours: the browser refuses to render it in the frame.
  await page.setContent(`<iframe title="victim" src="${test.info().project.use.baseURL}${CREDITS_PATH}"></iframe>`);
  expect((await refused).text()).toContain("frame-ancestors 'none'");
});
