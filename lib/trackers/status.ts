// A tracker's status and type in words, the same on the Trackers page and the credits page:
// "Draft", "Published", "Paused" (with the reason), "Unpublished"; "Question-based · uses credits".

export const TRACKER_STATUSES = ["draft", "published", "paused", "unpublished"] as const;
type TrackerStatus = (typeof TRACKER_STATUSES)[number];

const STATUS_WORDS: Record<TrackerStatus, string> = {
  draft: "Draft",
  published: "Published",
  paused: "Paused",
  unpublished: "Unpublished",
};

export function statusWord(status: string): string {
  return STATUS_WORDS[status as TrackerStatus] ?? status;
}

/** The status word and, for a pause, its reason ("" when none was recorded). */
export function trackerStatus({ status, pausedReason }: { status: string; pausedReason: string }): { word: string; reason: string } {
  return { word: statusWord(status), reason: status === "paused" ? pausedReason.trim() : "" };
}

/** Question-based trackers use credits; pretrained ones are free (R-COST-2). */
export function trackerTypeLabel(type: string): string {
  if (type === "question") return "Question-based · uses credits";
  if (type === "pretrained") return "Pretrained · free";
  return type;
}
