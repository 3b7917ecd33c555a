// lib/reports: the three credit reports as CSV streams.
//   parseReportRange   validates a From/To date range in the company's zone
//   exportReport       the CSV stream and file name of one report for one company and range
import type { SqlDatabase } from "../sql";
import { csvStream } from "./csv";
import { REPORTS, type ReportId } from "./definitions";
import { slug } from "./file-name";
import type { ReportRange } from "./range";

export { FEATURE_TYPE_LABELS, isReportId, REPORT_IDS, REPORTS, type ReportId } from "./definitions";
export { MAX_RANGE_DAYS, parseReportRange, type ReportRange } from "./range";

export function exportReport(
  sql: SqlDatabase,
  report: ReportId,
  ctx: { companyId: string; companyName: string; timeZone: string; range: ReportRange; now: Date },
) {
  const definition = REPORTS[report];
  const { sql: text, params } = definition.query(ctx);
  async function* pages() {
    for await (const page of sql.iteratePages(text, params)) yield page.map((r) => definition.row(r, ctx));
  }
  return {
    fileName: `${report}_${slug(ctx.companyName)}_${ctx.range.from}_${ctx.range.to}.csv`,
    stream: csvStream(definition.columns, pages()),
  };
}
