// Dates on the credits pages are read in the company's time zone (Company.timeZone), the same
// zone its reports use, whatever the viewer's or the server's zone.

/** "Nov 25, 2026" in the given IANA zone. */
export function formatCompanyDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(date);
}

/** "9:38 AM" in the given IANA zone. */
export function formatCompanyTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, timeStyle: "short" }).format(date);
}

/** The zone's short name at that moment ("EST", "GMT+1"), for captions. */
export function timeZoneShortName(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}
