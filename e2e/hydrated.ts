// Playwright's `test` with a page whose navigations (goto, reload) return once React has hydrated
// the document (<html data-hydrated>, components/shell/hydration-mark.tsx). Playwright waits for a
// button to be visible and enabled, not for its handler: on a loaded machine a click can land on
// the server's HTML before the page's JavaScript has run, and do nothing. Responses that are not
// HTML pages (a CSV, a JSON error) are returned as they are.
import { test as base, type Page, type Response } from "@playwright/test";

export { expect } from "@playwright/test";

async function afterHydration(page: Page, response: Response | null): Promise<Response | null> {
  if (response?.headers()["content-type"]?.startsWith("text/html")) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  return response;
}

export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (url, options) => afterHydration(page, await goto(url, options));
    page.reload = async (options) => afterHydration(page, await reload(options));
    await use(page);
  },
});
