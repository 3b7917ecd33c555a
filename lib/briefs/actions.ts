"use server";
// The Briefs page's actions. "New brief" makes a brief of the caller's company (a tracker, call
// or email of another company is not_found); generating a brief from the UI is a manual action:
// free (R-COST-2), whatever its sections. Editing, turning automation on or off and deleting are
// for the company's admins and whoever made the brief; another company's brief is not_found.
import { z } from "zod";
import { authedAction } from "../actions/client";
import { errorsByPath } from "../actions/errors-by-path";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { createBrief, deleteBrief, generateBriefVersion, setBriefAutomated, updateBrief } from "./index";
import { BriefFormInput, UpdateBriefFormInput } from "./schemas";

export const createBriefAction = authedAction
  .metadata({ action: "briefs.create", permission: "briefs.use" })
  .inputSchema(BriefFormInput, { handleValidationErrorsShape: async (errors) => errorsByPath(errors) })
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

const BriefId = z.string().min(1).max(100);

export const updateBriefAction = authedAction
  .metadata({ action: "briefs.update", permission: "briefs.use" })
  .inputSchema(UpdateBriefFormInput, { handleValidationErrorsShape: async (errors) => errorsByPath(errors) })
  .action(async ({ parsedInput: { briefId, ...brief }, ctx }) => {
    const companyId = ctx.authorizeCompany();
    return updateBrief(getDatabase(), { companyId, actor: ctx.actor, briefId, brief, now: systemClock.now() });
  });

export const setBriefAutomationAction = authedAction
  .metadata({ action: "briefs.automate", permission: "briefs.use" })
  .inputSchema(z.object({ briefId: BriefId, automated: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    return setBriefAutomated(getDatabase(), { companyId, actor: ctx.actor, ...parsedInput, now: systemClock.now() });
  });

export const deleteBriefAction = authedAction
  .metadata({ action: "briefs.delete", permission: "briefs.use" })
  .inputSchema(z.object({ briefId: BriefId }))
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    return deleteBrief(getDatabase(), { companyId, actor: ctx.actor, briefId: parsedInput.briefId, now: systemClock.now() });
  });
