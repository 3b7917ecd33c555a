// POST /api/v1/calls – ingest up to 1,000 calls; known external ids are counted, not duplicated.
import { parseInput, readJson } from "@/lib/api/body";
import { IngestCalls } from "@/lib/api/schemas";
import { json, withAuth } from "@/lib/api/with-auth";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";
import { ingestCalls } from "@/lib/ingest";

export const POST = withAuth(
  async (request, { companyId }) => {
    const { calls } = parseInput(IngestCalls, await readJson(request));
    return json(await ingestCalls(getDatabase().sql, { companyId, calls, now: systemClock.now() }));
  },
  { permission: "data.ingest" },
);
