// npm run worker: the tracker worker as its own process, for larger deployments (`npm start`
// runs the same inside the app's process). Several may run at once: no item is charged twice.
import { setTimeout as sleep } from "node:timers/promises";
import { systemClock } from "../lib/clock";
import { openDatabase } from "../lib/db";
import { processTrackers } from "../lib/trackers";

const INTERVAL_MS = Number(process.env.WORKER_INTERVAL_MS ?? 10_000);

async function main() {
  const db = openDatabase();
  // SIGTERM or SIGINT: the run in progress ends after its current batch (one transaction), the
  // pause between runs ends at once, then the process closes its pools and exits.
  const stopping = new AbortController();
  process.once("SIGINT", () => stopping.abort());
  process.once("SIGTERM", () => stopping.abort());
  console.log(`tracker worker: every ${INTERVAL_MS / 1000} s`);
  while (!stopping.signal.aborted) {
    try {
      const r = await processTrackers(db, { now: systemClock.now(), signal: stopping.signal });
      if (r.processed) console.log(`tracker worker: processed ${r.processed}, charged ${r.charged}${r.paused ? `, paused ${r.paused} trackers` : ""}`);
    } catch (error) {
      console.error("tracker worker failed:", error);
    }
    await sleep(INTERVAL_MS, undefined, { signal: stopping.signal }).catch(() => undefined);
  }
  await db.close();
}

void main();
