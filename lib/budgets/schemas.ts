// What the budget dialog sends (R-BUDGET-1), checked by the server actions and named field by
// field, so each message lands beside its field. The limit is decimal text, read by the one
// module that turns credits into milli-credits. Whether the scope's value exists (a tracker of
// the company, say) is the domain's to check: it needs the database.
import { z } from "zod";
import { parseCredits } from "../credits/amount";
import { AppError } from "../errors";
import { BUDGET_PERIODS, BUDGET_SCOPE_KINDS, type BudgetScopeKind } from "../ledger/scopes";

export const BUDGET_NAME_MAX = 100;
export const INTEGRATION_NAME_MAX = 100;

const SCOPE_VALUE_MISSING: Record<BudgetScopeKind, string> = {
  feature: "Choose the feature the budget applies to.",
  tracker: "Choose the tracker the budget applies to.",
  integration: "Enter the integration's name, as the MCP client reports it (such as Claude Desktop).",
  api_key: "Choose the API key the budget applies to.",
  team: "Choose the team the budget applies to.",
};

const budgetId = z.string().trim().min(1, "Choose a budget.").max(100, "That is not a budget id.");

const fields = {
  name: z
    .string({ error: "Name the budget." })
    .trim()
    .min(1, "Name the budget, such as “Ask Anything API”.")
    .max(BUDGET_NAME_MAX, `A budget name is at most ${BUDGET_NAME_MAX} characters.`),
  scopeKind: z.enum(BUDGET_SCOPE_KINDS, { error: "Choose what the budget applies to." }),
  scopeValue: z.string().trim().max(INTEGRATION_NAME_MAX, `At most ${INTEGRATION_NAME_MAX} characters.`).default(""),
  limit: z.string({ error: "Enter a limit in credits, such as 500." }).transform((text, ctx) => {
    try {
      return parseCredits(text, { label: "The limit" });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  }),
  period: z.enum(BUDGET_PERIODS, { error: "Choose Monthly or Contract year." }),
};

function scopeValueGiven(b: { scopeKind: BudgetScopeKind; scopeValue: string }, ctx: z.RefinementCtx) {
  if (b.scopeValue === "") ctx.addIssue({ code: "custom", path: ["scopeValue"], message: SCOPE_VALUE_MISSING[b.scopeKind] });
}

// Checked even when another field (the limit, say) is refused, so the dialog shows every message at once.
const SCOPE_FIELDS = new Set(["scopeKind", "scopeValue"]);
const whenScopeParsed = {
  when: ({ issues }: { issues: readonly { path?: readonly PropertyKey[] }[] }) => issues.every((i) => !SCOPE_FIELDS.has(String(i.path?.[0]))),
};

/** A new budget as typed; parsed, its limit is in milli-credits. */
export const CreateBudgetInput = z.object(fields).superRefine(scopeValueGiven, whenScopeParsed);
/** A change to one of the company's budgets: the same fields, all of them. */
export const UpdateBudgetInput = z.object({ budgetId, ...fields }).superRefine(scopeValueGiven, whenScopeParsed);
export const BudgetIdInput = z.object({ budgetId });

/** What the dialog sends. */
export type BudgetForm = z.input<typeof CreateBudgetInput>;
/** The same, checked: what createBudget and updateBudget store. */
export type BudgetInput = z.output<typeof CreateBudgetInput>;
