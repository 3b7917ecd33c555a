// What both Playwright configs share: Debian's Chromium (browser downloads fail here) with the
// flags a closed network needs, and a fresh database file for each run.
import fs from "node:fs";
import type { PlaywrightTestConfig } from "@playwright/test";

export function chromiumUse(baseURL: string): PlaywrightTestConfig["use"] {
  return {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
    },
  };
}

/**
 * Each run starts from freshly seeded demo data. Only the runner removes the old file: workers
 * load the config too (with TEST_WORKER_INDEX set), while the server already has it open.
 */
export function removeDatabaseBeforeRun(file: string) {
  if (process.env.TEST_WORKER_INDEX !== undefined) return;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}
