// One build at a time (scripts/build-lock.ts): a lock held by a live process is waited for and its
// build used; a lock left by a process that is gone is taken over; the lock is let go after a
// build, also a failed one.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildOnce } from "./build-lock";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-lock-"));
const lock = path.join(dir, "build.lock");

afterEach(() => fs.rmSync(lock, { force: true }));

describe("buildOnce", () => {
  it("does nothing when the build is fresh", () => {
    let builds = 0;
    expect(
      buildOnce(
        lock,
        () => true,
        () => builds++,
      ),
    ).toBe("fresh");
    expect(builds).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("builds under the lock and lets it go, also when the build fails", () => {
    let heldDuringBuild = false;
    expect(
      buildOnce(
        lock,
        () => false,
        () => (heldDuringBuild = fs.readFileSync(lock, "utf8") === String(process.pid)),
      ),
    ).toBe("built");
    expect(heldDuringBuild).toBe(true);
    expect(fs.existsSync(lock)).toBe(false);
    expect(() =>
      buildOnce(
        lock,
        () => false,
        () => {
          throw new Error("next build failed");
        },
      ),
    ).toThrow("next build failed");
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("waits for a live process's build and uses it", () => {
    const holder = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(lock, String(holder.pid));
      let checks = 0;
      let waits = 0;
      let builds = 0;
      // Fresh once the other process has built, on the third look.
      const result = buildOnce(
        lock,
        () => ++checks >= 3,
        () => builds++,
        () => waits++,
      );
      expect(result).toBe("fresh");
      expect(builds).toBe(0);
      expect(waits).toBe(2);
      expect(fs.readFileSync(lock, "utf8")).toBe(String(holder.pid)); // not ours to remove
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock whose process is gone", () => {
    const gone = spawnSync("true");
    fs.writeFileSync(lock, String(gone.pid));
    let builds = 0;
    expect(
      buildOnce(
        lock,
        () => false,
        () => builds++,
        () => {
          throw new Error("should not wait");
        },
      ),
    ).toBe("built");
    expect(builds).toBe(1);
  });
});
