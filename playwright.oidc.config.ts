// Single sign-on browser tests: the app started by `npm start` with the OpenID Connect provider
// turned on, beside a mock identity provider (e2e/oidc/mock-provider.ts), each on a port of its
// own on 127.0.0.1 and a SQLite file of its own, so this run goes beside the main suite's.
// Run: npx playwright test -c playwright.oidc.config.ts
import { defineConfig } from "@playwright/test";
import { chromiumUse, removeDatabaseBeforeRun } from "./e2e/browser";
import {
  OIDC_APP_PORT,
  OIDC_APP_URL,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OIDC_DATABASE_FILE,
  OIDC_DATABASE_URL,
  OIDC_ISSUER,
  OIDC_NAME,
  OIDC_PROVIDER_PORT,
  OIDC_REDIRECT_URI,
} from "./e2e/oidc/env";

removeDatabaseBeforeRun(OIDC_DATABASE_FILE);

export default defineConfig({
  testDir: "e2e/oidc",
  // Not e2e/artifacts itself: Playwright empties its outputDir at the start of every run.
  outputDir: "e2e/artifacts/test-results-oidc",
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: chromiumUse(OIDC_APP_URL),
  webServer: [
    {
      command: "npx tsx e2e/oidc/mock-provider.ts",
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      env: {
        OIDC_MOCK_PORT: String(OIDC_PROVIDER_PORT),
        OIDC_MOCK_CLIENT_ID: OIDC_CLIENT_ID,
        OIDC_MOCK_CLIENT_SECRET: OIDC_CLIENT_SECRET,
        OIDC_MOCK_REDIRECT_URI: OIDC_REDIRECT_URI,
      },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "npm start",
      url: `${OIDC_APP_URL}/api/health`,
      env: {
        PORT: String(OIDC_APP_PORT),
        HOST: "127.0.0.1",
        DATABASE_URL: OIDC_DATABASE_URL,
        NEXTAUTH_URL: OIDC_APP_URL,
        NEXT_TELEMETRY_DISABLED: "1",
        OIDC_ISSUER,
        OIDC_CLIENT_ID,
        OIDC_CLIENT_SECRET,
        OIDC_NAME,
      },
      reuseExistingServer: false,
      // First start generates clients, migrates, seeds a year of usage and builds.
      timeout: 300_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
