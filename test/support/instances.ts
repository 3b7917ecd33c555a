// App instances for tests: `npm start`'s own program (scripts/start.ts under Node with tsx, so a
// signal reaches the server itself rather than npm), on a port and database of the test's
// choosing, waited for on /api/health, stopped by its process id.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
/** One secret for every instance of a test: sessions made by one are read by the others. */
export const TEST_AUTH_SECRET = "instances-test-secret-not-for-production";

export type Instance = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
  signal(signal: NodeJS.Signals): void;
};

export function startInstance(port: number, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXTAUTH_SECRET: TEST_AUTH_SECRET,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    exited,
    signal: (signal) => {
      if (child.exitCode === null && child.pid) process.kill(child.pid, signal);
    },
  };
}

/** Polls /api/health until it answers 200, the instance exits, or `timeoutMs` passes. */
export async function waitHealthy(instance: Instance, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void instance.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`instance on port ${instance.port} exited before it was healthy:\n${instance.output()}`);
    try {
      const response = await fetch(`${instance.url}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`instance on port ${instance.port} was not healthy after ${timeoutMs} ms:\n${instance.output()}`);
}

/** Polls `check` until it returns true or `timeoutMs` passes (for work done by background jobs). */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
}
