// lib/reports: the three credit reports as CSV streams.
//   parseReportRange   validates a From/To date range in the company's zone
//   exportReport       the CSV stream and file name of one report for one company and range
import type { SqlDatabase } from "../sql";
import { slug } from "./file-name";
import { csvStream } from "./csv";
import { REPORTS, type ReportId } from "./definitions";
import type { ReportRange } from "./range";

export { parseReportRange, MAX_RANGE_DAYS, type ReportRange } from "./range";
export { REPORTS, REPORT_IDS, isReportId, type ReportId, FEATURE_TYPE_LABELS } from "./definitions";

export function exportReport(sql: SqlDatabase, report: ReportId, ctx: { companyId: string; companyName: string; timeZone: string; range: ReportRange; now: Date }) {
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
