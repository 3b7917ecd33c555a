// npm run worker: the tracker worker as its own process, for larger deployments (`npm start`
// runs the same inside the app's process). Several may run at once: no item is charged twice.
import { systemClock } from "../lib/clock";
import { openDatabase } from "../lib/db";
import { processTrackers } from "../lib/trackers";

const INTERVAL_MS = Number(process.env.WORKER_INTERVAL_MS ?? 10_000);

async function main() {
  const db = openDatabase();
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  console.log(`tracker worker: every ${INTERVAL_MS / 1000} s`);
  while (!stopping) {
    try {
      const r = await processTrackers(db, { now: systemClock.now() });
      if (r.processed) console.log(`tracker worker: processed ${r.processed}, charged ${r.charged}${r.paused ? `, paused ${r.paused} trackers` : ""}`);
    } catch (error) {
      console.error("tracker worker failed:", error);
    }
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
  await db.close();
}

void main();
