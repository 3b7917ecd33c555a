// npm run worker: the tracker worker as its own process, for larger deployments (`npm start`
// runs the same inside the app's process). Several may run at once: no item is charged twice.
import { systemClock } from "../lib/clock";
import { openDatabase } from "../lib/db";
import { processTrackers } from "../lib/trackers";

const INTERVAL_MS = Number(process.env.WORKER_INTERVAL_MS ?? 10_000);

async function main() {
  const db = openDatabase();
  // SIGTERM or SIGINT: the run in progress ends after its current batch (one transaction), then
  // the process closes its pools and exits.
  const stopping = new AbortController();
  let wake: () => void = () => undefined;
  const stop = () => {
    stopping.abort();
    wake();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  console.log(`tracker worker: every ${INTERVAL_MS / 1000} s`);
  while (!stopping.signal.aborted) {
    try {
      const r = await processTrackers(db, { now: systemClock.now(), signal: stopping.signal });
      if (r.processed) console.log(`tracker worker: processed ${r.processed}, charged ${r.charged}${r.paused ? `, paused ${r.paused} trackers` : ""}`);
    } catch (error) {
      console.error("tracker worker failed:", error);
    }
    if (stopping.signal.aborted) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, INTERVAL_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  await db.close();
}

void main();
