"use server";
// Generating a brief from the UI is a manual action: free (R-COST-2), whatever its sections.
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { authorize } from "@/lib/auth/authorize";
import { generateBriefVersion } from "@/lib/briefs";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";

export const generateBriefAction = authedAction
  .metadata({ action: "briefs.generate", permission: "briefs.use" })
  .inputSchema(z.object({ briefId: z.string().min(1).max(100) }))
  .action(async ({ parsedInput, ctx: { actor } }) => {
    const companyId = authorize(actor, "briefs.use");
    const outcome = await generateBriefVersion(getDatabase(), { companyId, briefId: parsedInput.briefId, trigger: "ui", now: systemClock.now() });
    return { generated: outcome.outcome === "generated" };
  });
