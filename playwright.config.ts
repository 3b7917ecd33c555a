// Browser tests: Debian's Chromium (browser downloads fail here), two workers running tests in
// parallel and in any order (each test makes its own company and users: e2e/world.ts), and the
// app started by `npm start` on its own port and SQLite file, which it migrates and seeds.
import { defineConfig } from "@playwright/test";
import { chromiumUse, removeDatabaseBeforeRun } from "./e2e/browser";
import { E2E_BASE_URL, E2E_DATABASE_FILE, E2E_DATABASE_URL, E2E_PORT } from "./e2e/env";

removeDatabaseBeforeRun(E2E_DATABASE_FILE);

export default defineConfig({
  testDir: "e2e",
  // Single sign-on runs under its own config, beside a mock identity provider.
  testIgnore: "oidc/**",
  // Not e2e/artifacts itself: Playwright empties its outputDir at the start of every run.
  outputDir: "e2e/artifacts/test-results",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: chromiumUse(E2E_BASE_URL),
  webServer: {
    command: "npm start",
    url: `${E2E_BASE_URL}/api/health`,
    env: {
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: E2E_DATABASE_URL,
      NEXTAUTH_URL: E2E_BASE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      // Charged requests whose question or title contains this fail to process (R-HOLD-1's 502).
      PROCESSOR_FAILS_WHEN: "[fail processing]",
    },
    reuseExistingServer: false,
    // First start generates clients, migrates, seeds a year of usage and builds.
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
