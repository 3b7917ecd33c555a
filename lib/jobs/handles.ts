// What the serving process's two halves share: scripts/serve.ts (the HTTP server, loaded by tsx)
// and the app's bundle (pages, handlers and the background jobs, loaded by Next.js), which do not
// share modules. The bundle leaves its database handle and its running jobs on globalThis under
// these names; serve.ts stops them on SIGTERM. This module imports nothing, so serve.ts loads no
// more of the app than it needs.

type Stoppable = { stop(): Promise<void> };
type Closable = { close(): Promise<void> };

const shared = globalThis as typeof globalThis & { creditsDatabase?: Closable; creditsBackgroundJobs?: Stoppable };

/** The running background jobs, set once the server has started them. */
export function setBackgroundJobs(jobs: Stoppable): void {
  shared.creditsBackgroundJobs = jobs;
}

/** Stops the background jobs: no new runs, and resolves when the runs in flight have finished. */
export async function stopBackgroundJobs(): Promise<void> {
  await shared.creditsBackgroundJobs?.stop();
}

/** Closes the server's database handle (its pools), if it opened one. */
export async function closeSharedDatabase(): Promise<void> {
  await shared.creditsDatabase?.close();
}
