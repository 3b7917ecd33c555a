"use server";
// The Briefs page's actions. "New brief" makes a brief of the caller's company (a tracker, call
// or email of another company is not_found); generating a brief from the UI is a manual action:
// free (R-COST-2), whatever its sections.
import { z } from "zod";
import { authedAction } from "../actions/client";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { createBrief, generateBriefVersion } from "./index";
import { BriefFormInput } from "./schemas";

export const createBriefAction = authedAction
  .metadata({ action: "briefs.create", permission: "briefs.use" })
  .inputSchema(BriefFormInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    const id = await createBrief(getDatabase(), { companyId, userId: ctx.actor.userId, brief: parsedInput, now: systemClock.now() });
    return { id, title: parsedInput.title };
  });

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
