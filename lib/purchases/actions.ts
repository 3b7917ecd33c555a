"use server";
// Sales' server actions: parse with the form's schema, authorize for the company the input
// names, call lib/purchases. The page refreshes itself (router.refresh) after a success.
import { authedAction } from "../actions/client";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { recordSalesPurchase } from "./record";
import { RecordPurchaseInput } from "./schema";

export const recordPurchaseAction = authedAction
  .metadata({ action: "purchases.record", permission: "purchases.write" })
  .inputSchema(RecordPurchaseInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany(parsedInput.companyId);
    return recordSalesPurchase(getDatabase().sql, ctx.actor, { ...parsedInput, companyId }, systemClock.now());
  });
