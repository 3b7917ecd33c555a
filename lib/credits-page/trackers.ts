// The trackers list on the credits page (R-PAGE-2, R-TRACK-1/2): each tracker's status in the
// words the Trackers page uses ("Paused" with the reason).

export type TrackerStatus = "draft" | "published" | "paused" | "unpublished";
export type TrackerType = "question" | "pretrained";

export type TrackerSummary = {
  id: string;
  name: string;
  type: string;
  status: string;
  pausedReason: string;
};

const STATUS_WORDS: Record<TrackerStatus, string> = {
  draft: "Draft",
  published: "Published",
  paused: "Paused",
  unpublished: "Unpublished",
};

/** The status word and, for a pause, its reason ("" when none was recorded). */
export function trackerStatus({ status, pausedReason }: { status: string; pausedReason: string }): { word: string; reason: string } {
  return { word: STATUS_WORDS[status as TrackerStatus] ?? status, reason: status === "paused" ? pausedReason.trim() : "" };
}

/** "Published", or "Paused — <reason>". */
export function trackerStatusLabel(tracker: { status: string; pausedReason: string }): string {
  const { word, reason } = trackerStatus(tracker);
  return reason === "" ? word : `${word} — ${reason}`;
}

/** Question-based trackers use credits; pretrained ones are free (R-COST-2). */
export function trackerTypeLabel(type: string): string {
  if (type === "question") return "Question-based · uses credits";
  if (type === "pretrained") return "Pretrained · free";
  return type;
}
