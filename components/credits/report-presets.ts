// Date-range presets for the download dialog, as company-local dates (YYYY-MM-DD). Pure, so the
// server can compute "today" and the contract year in the company's zone and pass them down.

export type PresetId = "last7" | "last30" | "contractYear" | "custom";

export const PRESETS: Array<{ id: PresetId; label: string }> = [
  { id: "last7", label: "Last 7 days" },
  { id: "last30", label: "Last 30 days" },
  { id: "contractYear", label: "This contract year" },
  { id: "custom", label: "Custom" },
];

function minusDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** Both ends included: "last 7 days" is today and the 6 days before. */
export function presetRange(id: Exclude<PresetId, "custom">, today: string, contractYearStart: string): { from: string; to: string } {
  if (id === "last7") return { from: minusDays(today, 6), to: today };
  if (id === "last30") return { from: minusDays(today, 29), to: today };
  return { from: contractYearStart, to: today };
}
