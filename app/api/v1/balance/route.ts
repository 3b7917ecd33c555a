// GET /api/v1/balance – the company's credits remaining and total, as exact decimal strings.
import { json, withAuth } from "@/lib/api/with-auth";
import { systemClock } from "@/lib/clock";
import { formatCredits } from "@/lib/credits/amount";
import { getDatabase } from "@/lib/db";
import { getCreditSummary } from "@/lib/ledger/balance";

export const GET = withAuth(
  async (_request, { companyId }) => {
    const summary = await getCreditSummary(getDatabase().sql, { companyId, now: systemClock.now() });
    return json({ remaining: formatCredits(summary.remainingMilli), total: formatCredits(summary.totalMilli) });
  },
  { permission: "credits.balance" },
);
