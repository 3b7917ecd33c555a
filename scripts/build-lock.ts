// One `next build` at a time in a checkout: several `npm start` started at once (instances on one
// machine, or tests) would otherwise each build, and Next.js refuses a second build while one
// runs. The first takes a lock file holding its process id; the others wait, then use its build.
// A lock whose process is gone (a build killed half-way) is taken over.
import fs from "node:fs";

const WAIT_MS = 500;

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryLock(file: string): boolean {
  try {
    fs.writeFileSync(file, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let holder = Number.NaN;
  try {
    holder = Number(fs.readFileSync(file, "utf8").trim());
  } catch {
    return false; // released between the two calls: try again next turn
  }
  if (alive(holder)) return false;
  fs.rmSync(file, { force: true });
  return tryLock(file);
}

/**
 * Runs `build` unless `isFresh()`, holding `lockFile` while it does. Another process holding the
 * lock is waited for (checked every half second), and its build used once it is fresh. Answers
 * what happened.
 */
export function buildOnce(lockFile: string, isFresh: () => boolean, build: () => void, wait: (ms: number) => void = sleep): "fresh" | "built" {
  if (isFresh()) return "fresh";
  while (!tryLock(lockFile)) {
    wait(WAIT_MS);
    if (isFresh()) return "fresh";
  }
  try {
    if (isFresh()) return "fresh";
    build();
    return "built";
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}
