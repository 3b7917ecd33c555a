// One colour per feature type, the same in the chart and its legend. Chosen to stay apart for
// the common colour-vision deficiencies; the legend and the data table name each one anyway.
const FEATURE_COLORS: Record<string, string> = {
  ai_tracker: "#6d28d9",
  ask_anything_api: "#0284c7",
  briefer_api: "#d97706",
  mcp: "#059669",
  automated_brief: "#db2777",
  // One team's total, when the chart shows a team (it has no split by feature).
  team: "#0f766e",
};

export function featureColor(featureType: string): string {
  return FEATURE_COLORS[featureType] ?? "#737373";
}
