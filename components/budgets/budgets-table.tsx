// The company's budgets: each with what it applies to, its period, what it has used of its
// limit (a meter, and the exact decimals) with its state in words beneath ("Reached" says until
// when requests are refused), and Edit and Remove. Four columns, so the table fits the credits
// page without scrolling sideways.
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { BudgetScopeChoices } from "@/lib/budgets/queries";
import { EditBudgetDialog } from "./budget-dialog";
import type { BudgetRowView } from "./budget-view";
import { RemoveBudgetDialog } from "./remove-budget-dialog";

const STATES: Record<BudgetRowView["state"], { word: string; tone: "danger" | "warning" | "success" | "neutral"; bar: string }> = {
  reached: { word: "Reached", tone: "danger", bar: "bg-red-600" },
  near: { word: "Near limit", tone: "warning", bar: "bg-amber-500" },
  within: { word: "Within limit", tone: "success", bar: "bg-brand-600" },
  no_period: { word: "Not running", tone: "neutral", bar: "bg-neutral-400" },
};

export function BudgetsTable({ budgets, choices }: { budgets: BudgetRowView[]; choices: BudgetScopeChoices }) {
  if (budgets.length === 0) {
    return (
      <EmptyState title="No budgets yet">
        Add one with “New budget” to cap what a feature, tracker, integration, API key or team may use each month or contract year.
      </EmptyState>
    );
  }
  return (
    <Table>
      <TableHeader>
        <tr>
          <TableHead>Budget</TableHead>
          <TableHead>Period</TableHead>
          <TableHead>Used of limit</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {budgets.map((b) => {
          const state = STATES[b.state];
          return (
            <TableRow key={b.id}>
              <TableCell className="min-w-48">
                <p className="font-medium text-neutral-900">{b.name}</p>
                <p className="mt-0.5 text-xs text-neutral-600">{b.scope}</p>
              </TableCell>
              <TableCell className="min-w-36">
                <p>{b.period}</p>
                <p className="mt-0.5 text-xs text-neutral-600">{b.currentPeriod}</p>
              </TableCell>
              <TableCell className="w-full min-w-48">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                  <p className="text-sm text-neutral-800 tabular-nums">
                    {b.used} <span className="text-neutral-500">of</span> {b.limit} <span className="text-neutral-500">credits</span>
                  </p>
                  <Badge tone={state.tone}>{state.word}</Badge>
                </div>
                <BudgetMeter budget={b} bar={state.bar} />
                {b.held ? <p className="mt-1 text-xs text-neutral-600 tabular-nums">Held: {b.held} for requests in progress</p> : null}
                <p className={`mt-1 text-xs ${b.state === "reached" ? "font-medium text-red-800" : "text-neutral-600"}`}>{b.stateText}</p>
              </TableCell>
              <TableCell>
                <div className="flex flex-col items-stretch gap-2">
                  <EditBudgetDialog budget={b.form} choices={choices} />
                  <RemoveBudgetDialog budget={b} />
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Used (held included) of the limit, as a meter; the text beside it carries the exact figures. */
function BudgetMeter({ budget, bar }: { budget: BudgetRowView; bar: string }) {
  const share = budget.limitValue > 0 ? Math.min(1, budget.usedValue / budget.limitValue) : 1;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <meter> cannot be drawn the same way in every browser; the ARIA meter role says the same.
    <div
      role="meter"
      aria-label={`${budget.name}: credits used`}
      aria-valuemin={0}
      aria-valuemax={budget.limitValue}
      aria-valuenow={Math.min(budget.usedValue, budget.limitValue)}
      aria-valuetext={`${budget.used} of ${budget.limit} credits used${budget.held ? `, ${budget.held} of them held` : ""}`}
      className="mt-1.5 h-2 overflow-hidden rounded-full bg-neutral-100"
    >
      <div className={`h-full rounded-full ${bar}`} style={{ width: `${Math.round(share * 1000) / 10}%` }} />
    </div>
  );
}
