"use server";
// Sales' corrections as server actions: parse with the form's schema, authorize "credits.correct"
// for the company the input names (Sales only, across companies), call lib/corrections. The page
// refreshes itself (router.refresh) after a success.
import { authedAction } from "../actions/client";
import { systemClock } from "../clock";
import { getDatabase } from "../db";
import { adjustSalesCredits } from "./adjust";
import { refundSalesCharge } from "./refund";
import { AdjustCreditsInput, RefundChargeInput, VoidPurchaseInput } from "./schema";
import { voidSalesPurchase } from "./void";

export const refundChargeAction = authedAction
  .metadata({ action: "charge.refund", permission: "credits.correct" })
  .inputSchema(RefundChargeInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany(parsedInput.companyId);
    return refundSalesCharge(getDatabase().sql, ctx.actor, { ...parsedInput, companyId }, systemClock.now());
  });

export const voidPurchaseAction = authedAction
  .metadata({ action: "purchase.void", permission: "credits.correct" })
  .inputSchema(VoidPurchaseInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany(parsedInput.companyId);
    return voidSalesPurchase(getDatabase().sql, ctx.actor, { ...parsedInput, companyId }, systemClock.now());
  });

export const adjustCreditsAction = authedAction
  .metadata({ action: "credits.adjust", permission: "credits.correct" })
  .inputSchema(AdjustCreditsInput)
  .action(async ({ parsedInput, ctx }) => {
    const companyId = ctx.authorizeCompany(parsedInput.companyId);
    return adjustSalesCredits(getDatabase().sql, ctx.actor, { ...parsedInput, companyId }, systemClock.now());
  });
