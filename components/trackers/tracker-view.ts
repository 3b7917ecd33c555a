// A tracker as the Trackers page shows it, and the words for it: status, type, filters and counts
// of calls and emails. Plain data, so server and client components share it.

import { splitLines } from "@/lib/trackers/filters";
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

type Filters = Scope & Pick<TrackerView, "minCallSeconds" | "teamIds" | "includeDomains" | "excludeDomains" | "externalOnly">;

/**
 * A tracker's filters in one line (R-TRACK-3): "Calls ≥ 5 min and emails · Teams: Enterprise ·
 * Including customer.com · Excluding rival.com · External only". `teamNames` names team ids.
 */
export function filterWords(t: Filters, teamNames: ReadonlyMap<string, string>): string {
  const calls = t.minCallSeconds > 0 ? `Calls ≥ ${minutesWords(t.minCallSeconds)} min` : "Calls";
  const parts = [t.includeCalls && t.includeEmails ? `${calls} and emails` : t.includeCalls ? calls : "Emails"];
  const teams = splitLines(t.teamIds).map((id) => teamNames.get(id) ?? "a deleted team");
  if (teams.length > 0) parts.push(`${teams.length === 1 ? "Team" : "Teams"}: ${teams.join(", ")}`);
  const include = splitLines(t.includeDomains);
  if (include.length > 0) parts.push(`Including ${include.join(", ")}`);
  const exclude = splitLines(t.excludeDomains);
  if (exclude.length > 0) parts.push(`Excluding ${exclude.join(", ")}`);
  if (t.externalOnly) parts.push("External only");
  return parts.join(" · ");
}

export function backfillWords(days: number): string {
  if (days === 0) return "No backfill";
  return `Backfills ${days.toLocaleString("en-US")} ${days === 1 ? "day" : "days"}`;
}

function minutesWords(seconds: number): string {
  const minutes = seconds / 60;
  return Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(1);
}
