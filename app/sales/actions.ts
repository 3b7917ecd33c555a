"use server";
// Sales' server actions: parse with the form's schema, authorize for the company the input
// names, call lib/purchases. The page refreshes itself (router.refresh) after a success.
import { authedAction } from "@/lib/actions/client";
import { authorize } from "@/lib/auth/authorize";
import { systemClock } from "@/lib/clock";
import { getDatabase } from "@/lib/db";
import { RecordPurchaseInput, recordSalesPurchase } from "@/lib/purchases";

export const recordPurchaseAction = authedAction
  .metadata({ action: "purchases.record", permission: "purchases.write" })
  .inputSchema(RecordPurchaseInput)
  .action(async ({ parsedInput, ctx: { actor } }) => {
    const companyId = authorize(actor, "purchases.write", parsedInput.companyId);
    return recordSalesPurchase(getDatabase().sql, actor, { ...parsedInput, companyId }, systemClock.now());
  });
