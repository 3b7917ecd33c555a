// Browser tests: Debian's Chromium (browser downloads fail here), one worker, and the app
// started by `npm start` on its own port and SQLite file, which it migrates and seeds.
import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATABASE_FILE, E2E_DATABASE_URL, E2E_PORT } from "./e2e/env";

// Each run starts from freshly seeded demo data. Only the runner removes the old file: workers
// load this config too (with TEST_WORKER_INDEX set), while the server already has it open.
if (process.env.TEST_WORKER_INDEX === undefined) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${E2E_DATABASE_FILE}${suffix}`, { force: true });
}

export default defineConfig({
  testDir: "e2e",
  // Single sign-on runs under its own config, beside a mock identity provider.
  testIgnore: "oidc/**",
  // Not e2e/artifacts itself: Playwright empties its outputDir at the start of every run.
  outputDir: "e2e/artifacts/test-results",
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
    },
  },
  webServer: {
    command: "npm start",
    url: `${E2E_BASE_URL}/api/health`,
    env: { PORT: String(E2E_PORT), HOST: "127.0.0.1", DATABASE_URL: E2E_DATABASE_URL, NEXTAUTH_URL: E2E_BASE_URL, NEXT_TELEMETRY_DISABLED: "1" },
    reuseExistingServer: false,
    // First start generates clients, migrates, seeds a year of usage and builds.
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
