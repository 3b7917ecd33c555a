// GET /api/reports/{credit-usage|credit-balance|purchase-history}?from=YYYY-MM-DD&to=YYYY-MM-DD
// – one report as a CSV download, streamed (R-REPORT-*). The role is checked before the first
// byte. With `check=1` it only validates the range (204), so the dialog can show a refusal
// without starting a download.

import { withAuth } from "@/lib/api/with-auth";
import { systemClock } from "@/lib/clock";
import { getCompanyProfile } from "@/lib/companies";
import { getDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { exportReport, isReportId, parseReportRange, REPORT_IDS } from "@/lib/reports";

export const GET = withAuth(
  async (request, { companyId, params }) => {
    const report = String(params.report ?? "");
    if (!isReportId(report)) throw new AppError("not_found", `There is no report "${report}"; the reports are ${REPORT_IDS.join(", ")}.`);
    const { prisma, sql } = getDatabase();
    const company = await getCompanyProfile(prisma, { companyId });
    const url = new URL(request.url);
    const range = parseReportRange({ from: url.searchParams.get("from"), to: url.searchParams.get("to") }, company.timeZone);
    if (url.searchParams.get("check") === "1") return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    const { fileName, stream } = exportReport(sql, report, { companyId, companyName: company.name, timeZone: company.timeZone, range, now: systemClock.now() });
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
  { permission: "reports.export" },
);
