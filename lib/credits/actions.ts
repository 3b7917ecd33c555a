"use server";
// The credits page's one server action: a grant's lineage, read when its row is opened. Reading
// it needs "credits.read" for the company, which is always the actor's own (the input names only
// a grant, and readGrantLineage finds it within that company).
import { z } from "zod";
import { authedAction } from "../actions/client";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { readGrantLineage } from "./lineage";

const GrantLineageInput = z.object({ grantId: z.string({ error: "Choose a grant." }).trim().min(1, "Choose a grant.") });

export const readGrantLineageAction = authedAction
  .metadata({ action: "credits.lineage", permission: "credits.read" })
  .inputSchema(GrantLineageInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany();
    return readGrantLineage(getDatabase().sql, { companyId, grantId: parsedInput.grantId, now: systemClock.now() });
  });
