// POST /api/v1/emails – ingest up to 1,000 emails; known external ids are counted, not duplicated.
import { parseInput, readJson } from "@/lib/api/body";
import { IngestEmails } from "@/lib/api/schemas";
import { json, withAuth } from "@/lib/api/with-auth";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";
import { ingestEmails } from "@/lib/ingest";

export const POST = withAuth(
  async (request, { companyId }) => {
    const { emails } = parseInput(IngestEmails, await readJson(request));
    return json(await ingestEmails(getDatabase().sql, { companyId, emails, now: systemClock.now() }));
  },
  { permission: "data.ingest" },
);
