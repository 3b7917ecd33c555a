// Runs once when the server starts (Next.js's instrumentation hook). Under npm start, which sets
// CREDITS_BACKGROUND_JOBS=on (scripts/serve.ts), it starts the background jobs inside the server,
// on the app's own database handle, so one process serves pages and runs the jobs with one set of
// pools and one copy of the app's code.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.CREDITS_BACKGROUND_JOBS !== "on") return;
  const [{ startBackgroundJobs }, { setBackgroundJobs }, { getDatabase }] = await Promise.all([
    import("./lib/jobs/background"),
    import("./lib/jobs/handles"),
    import("./lib/db"),
  ]);
  setBackgroundJobs(startBackgroundJobs(getDatabase()));
}
