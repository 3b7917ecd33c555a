// A tracker as the Trackers page shows it, and the words for it: status, type, scope and counts
// of calls and emails. Plain data, so server and client components share it.

import type { TrackerListItem } from "@/lib/trackers/queries";

export { statusWord } from "@/lib/trackers/status";

/** A tracker as the page lists it (lib/trackers listTrackers). */
export type TrackerView = TrackerListItem;

/** Question-based trackers use credits; pretrained ones are free (R-COST-2). */
export function typeWords(type: string): { label: string; cost: string } {
  if (type === "pretrained") return { label: "Pretrained", cost: "Free" };
  return { label: "Question-based", cost: "Uses credits" };
}

type Scope = Pick<TrackerView, "includeCalls" | "includeEmails">;

/** "412 calls and emails", "1 call", "3 emails": the noun follows the tracker's data types. */
export function itemsWords(count: number, scope: Scope): string {
  const n = count.toLocaleString("en-US");
  if (scope.includeCalls && !scope.includeEmails) return `${n} ${count === 1 ? "call" : "calls"}`;
  if (!scope.includeCalls && scope.includeEmails) return `${n} ${count === 1 ? "email" : "emails"}`;
  return `${n} ${count === 1 ? "call or email" : "calls and emails"}`;
}

/** The data a tracker looks at, in one line: "Calls of 5+ minutes and emails". */
export function scopeWords(t: Scope & Pick<TrackerView, "minCallSeconds">): string {
  const calls = t.minCallSeconds > 0 ? `Calls of ${minutesWords(t.minCallSeconds)}+ minutes` : "Calls";
  if (t.includeCalls && t.includeEmails) return `${calls} and emails`;
  return t.includeCalls ? calls : "Emails";
}

export function backfillWords(days: number): string {
  if (days === 0) return "No backfill";
  return `Backfills ${days.toLocaleString("en-US")} ${days === 1 ? "day" : "days"}`;
}

function minutesWords(seconds: number): string {
  const minutes = seconds / 60;
  return Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(1);
}
