// GET /api/reports/{credit-usage|credit-balance|purchase-history}?from=YYYY-MM-DD&to=YYYY-MM-DD
// – one report as a CSV download, streamed (R-REPORT-*). The role is checked before the first
// byte. With `check=1` it only validates the range and that a download slot is free (204), so
// the dialog can show a refusal without starting a download. HEAD answers a GET's headers
// without streaming anything.

import { type HandlerContext, withAuth } from "@/lib/api/with-auth";
import { systemClock } from "@/lib/clock";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { exportReport, exportSlots, isReportId, parseReportRange, REPORT_IDS, reportFileName } from "@/lib/reports";

/** The report and range a request names, checked (404, 400, 413) before anything is streamed. */
async function requested(request: Request, { companyId, params }: HandlerContext) {
  const report = String(params.report ?? "");
  if (!isReportId(report)) throw new AppError("not_found", `There is no report "${report}"; the reports are ${REPORT_IDS.join(", ")}.`);
  const company = await getCompanyProfile(getDatabase().prisma, { companyId });
  const url = new URL(request.url);
  const range = parseReportRange({ from: url.searchParams.get("from"), to: url.searchParams.get("to") }, company.timeZone);
  return { report, company, range, checkOnly: url.searchParams.get("check") === "1" };
}

const csvHeaders = (fileName: string) => ({
  "content-type": "text/csv; charset=utf-8",
  "content-disposition": `attachment; filename="${fileName}"`,
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
});

export const GET = withAuth(
  async (request, ctx) => {
    const { report, company, range, checkOnly } = await requested(request, ctx);
    if (checkOnly) {
      // A download that would be refused busy now is refused here, where the dialog shows why.
      exportSlots.ensureFree(ctx.companyId);
      return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    }
    // The stream lets go of its export slot and rows when the client goes away (request.signal),
    // even one that left before reading a byte.
    const { fileName, stream } = exportReport(
      getDatabase().sql,
      report,
      { companyId: ctx.companyId, companyName: company.name, timeZone: company.timeZone, range, now: systemClock.now() },
      { signal: request.signal },
    );
    return new Response(stream, { headers: csvHeaders(fileName) });
  },
  { permission: "reports.export" },
);

/** The headers a GET would answer, with nothing streamed: no export slot is taken. */
export const HEAD = withAuth(
  async (request, ctx) => {
    const { report, company, range } = await requested(request, ctx);
    return new Response(null, { headers: csvHeaders(reportFileName(report, company.name, range)) });
  },
  { permission: "reports.export" },
);
