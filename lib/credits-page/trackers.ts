// The trackers list on the credits page (R-PAGE-2, R-TRACK-1/2): each tracker's status in the
// words the Trackers page uses ("Paused" with the reason, lib/trackers/status.ts).
export { type TrackerStatus, trackerStatus, trackerStatusLabel } from "../trackers/status";

export type TrackerType = "question" | "pretrained";

export type TrackerSummary = {
  id: string;
  name: string;
  type: string;
  status: string;
  pausedReason: string;
};

/** Question-based trackers use credits; pretrained ones are free (R-COST-2). */
export function trackerTypeLabel(type: string): string {
  if (type === "question") return "Question-based · uses credits";
  if (type === "pretrained") return "Pretrained · free";
  return type;
}
