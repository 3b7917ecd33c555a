"use server";
// Generating a brief from the UI is a manual action: free (R-COST-2), whatever its sections.
import { z } from "zod";
import { authedAction } from "../actions/client";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { generateBriefVersion } from "./index";

/** "Generate now" names one brief of the caller's company; another company's is not_found. */
const GenerateBriefInput = z.object({ briefId: z.string().min(1).max(100) });

export const generateBriefAction = authedAction
  .metadata({ action: "briefs.generate", permission: "briefs.use" })
  .inputSchema(GenerateBriefInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    const outcome = await generateBriefVersion(getDatabase(), { companyId, briefId: parsedInput.briefId, trigger: "ui", now: systemClock.now() });
    return { generated: outcome.outcome === "generated" };
  });
