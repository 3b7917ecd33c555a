// What both Playwright configs share: Chromium (browser downloads fail here) with the flags a
// closed network needs, and a fresh database file for each run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type { PlaywrightTestConfig } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * Debian's Chromium where it is installed; otherwise (or with TEST_CHROMIUM=npm, which keeps that
 * path tested) the headless Chromium of the @sparticuz/chromium npm package, unpacked into the
 * temporary folder on first use. Its package is an ES module with an async API, and Playwright
 * reads its config synchronously, so a child process unpacks it and prints the path.
 */
export function chromiumExecutable(env: Record<string, string | undefined> = process.env): string {
  if (env.TEST_CHROMIUM !== "npm" && fs.existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const script = `const { default: chromium } = await import("@sparticuz/chromium"); process.stdout.write(await chromium.executablePath());`;
  return execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", cwd: __dirname }).trim();
}

export function chromiumUse(baseURL: string): PlaywrightTestConfig["use"] {
  return {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: chromiumExecutable(),
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
