// lib/reports: the three credit reports as CSV streams.
//   parseReportRange   validates a From/To date range in the company's zone
//   exportReport       the CSV stream and file name of one report for one company and range
//   reportFileName     the file name alone (a HEAD request's)
import type { SqlDatabase } from "../sql";
import { csvStream } from "./csv";
import { REPORTS, type ReportId } from "./definitions";
import { EXPORT_STALL_MS, type ExportSlots, exportSlots } from "./export-slots";
import { slug } from "./file-name";
import type { ReportRange } from "./range";

export { FEATURE_TYPE_LABELS, isReportId, REPORT_IDS, REPORTS, type ReportId } from "./definitions";
export { EXPORT_STALL_MS, ExportSlots, exportSlots } from "./export-slots";
export { MAX_RANGE_DAYS, parseReportRange, type ReportRange } from "./range";

/** The file name a report downloads as. */
export function reportFileName(report: ReportId, companyName: string, range: Pick<ReportRange, "from" | "to">): string {
  return `${report}_${slug(companyName)}_${range.from}_${range.to}.csv`;
}

/**
 * One report as a CSV stream. It takes one of the process's export slots (or throws 503 busy),
 * kept until the stream ends: read to the end, failed, cancelled, stalled for `stallMs`, or its
 * client gone (`signal` aborted).
 */
export function exportReport(
  sql: SqlDatabase,
  report: ReportId,
  ctx: { companyId: string; companyName: string; timeZone: string; range: ReportRange; now: Date },
  { slots = exportSlots, stallMs = EXPORT_STALL_MS, signal }: { slots?: ExportSlots; stallMs?: number; signal?: AbortSignal } = {},
) {
  const definition = REPORTS[report];
  const release = slots.take(ctx.companyId);
  return {
    fileName: reportFileName(report, ctx.companyName, ctx.range),
    stream: csvStream(definition.columns, definition.pages(sql, ctx), { onDone: release, stallMs, signal }),
  };
}
