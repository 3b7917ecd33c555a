// Tracker filters (R-TRACK-3): which calls and emails a tracker takes, applied the same way to new
// data and to the backfill, and by the estimate (one predicate for both, so the estimate counts
// exactly the items the worker then charges). Data types and the minimum call length are also
// applied in SQL; the owner's team, the participants' domains and "external only" here.

export type TrackerFilters = {
  includeCalls: boolean;
  includeEmails: boolean;
  minCallSeconds: number;
  /** The owners' teams (ids); empty: any owner, or none. */
  teamIds: readonly string[];
  /** At least one participant in one of these domains; empty: no such condition. */
  includeDomains: readonly string[];
  /** No participant in any of these domains. */
  excludeDomains: readonly string[];
  /** At least one participant outside the company's own domains. */
  externalOnly: boolean;
};

/** What the filters look at of an item. */
export type FilterableItem = { kind: "call" | "email"; durationSeconds: number; ownerTeamId: string | null; participants: readonly string[] };

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

/** One value per line, trimmed and lower-cased (domains), as the Tracker row keeps them. */
export function splitLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

export function passesFilters(item: FilterableItem, f: TrackerFilters, ownDomains: ReadonlySet<string>): boolean {
  if (item.kind === "call" ? !f.includeCalls : !f.includeEmails) return false;
  if (item.kind === "call" && item.durationSeconds < f.minCallSeconds) return false;
  if (f.teamIds.length > 0 && (item.ownerTeamId === null || !f.teamIds.includes(item.ownerTeamId))) return false;
  const domains = item.participants.map(domainOf);
  if (f.includeDomains.length > 0 && !domains.some((d) => f.includeDomains.includes(d))) return false;
  if (f.excludeDomains.length > 0 && domains.some((d) => f.excludeDomains.includes(d))) return false;
  if (f.externalOnly && !domains.some((d) => !ownDomains.has(d))) return false;
  return true;
}

/** Whether any filter beyond data types and call length is set. */
export function hasPeopleFilters(f: TrackerFilters): boolean {
  return f.teamIds.length > 0 || f.includeDomains.length > 0 || f.excludeDomains.length > 0 || f.externalOnly;
}
