// A tracker's status in words, the same on the Trackers page and the credits page: "Draft",
// "Published", "Paused" (with the reason), "Unpublished".

export type TrackerStatus = "draft" | "published" | "paused" | "unpublished";

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

/** "Published", or "Paused — <reason>". */
export function trackerStatusLabel(tracker: { status: string; pausedReason: string }): string {
  const { word, reason } = trackerStatus(tracker);
  return reason === "" ? word : `${word} — ${reason}`;
}
