"use client";
// "New budget" and "Edit": one dialog with "Name", "Applies to" (the kind of scope, then the
// feature, tracker, integration, API key or team), "Limit" and "Period", saved with "Save
// budget". The server checks it all (a positive decimal limit, a name no other budget has, a
// scope value of the company) and each refusal shows beside its field.
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, type ReactElement, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger, FormDialogActions } from "@/components/ui/dialog";
import { Field, FieldError, FormError, Input, Label, Select } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { useSavedDialog } from "@/components/ui/use-saved-dialog";
import { type ActionOutcome, actionErrors } from "@/lib/actions/result";
import { createBudgetAction, updateBudgetAction } from "@/lib/budgets/actions";
import { PERIOD_LABELS, SCOPE_KIND_LABELS } from "@/lib/budgets/labels";
import type { BudgetScopeChoices } from "@/lib/budgets/queries";
import type { BudgetForm } from "@/lib/budgets/schemas";
import type { BudgetPeriod, BudgetScopeKind } from "@/lib/ledger/scopes";
import type { BudgetFormValues } from "./budget-view";

const FIELDS = ["name", "scopeKind", "scopeValue", "limit", "period"];
const KINDS = Object.keys(SCOPE_KIND_LABELS) as BudgetScopeKind[];
const PERIODS = Object.keys(PERIOD_LABELS) as BudgetPeriod[];

/** The second control's placeholder, and what to say when there is nothing to choose. */
const CHOOSE: Record<Exclude<BudgetScopeKind, "integration">, { placeholder: string; none: string }> = {
  feature: { placeholder: "Choose a feature", none: "" },
  tracker: { placeholder: "Choose a tracker", none: "Your company has no trackers yet." },
  api_key: { placeholder: "Choose an API key", none: "No API keys are active: each user creates theirs on their profile." },
  team: { placeholder: "Choose a team", none: "Your company has no teams yet; a Tech admin creates them on the Teams page." },
};

export function NewBudgetDialog({ choices }: { choices: BudgetScopeChoices }) {
  const saved = useSavedDialog(({ name }: { name: string }) => `Added the budget “${name}”.`);
  const create = useAction(createBudgetAction, { onSuccess: saved.onSuccess });
  return (
    <BudgetDialog {...saved} trigger={<Button>New budget</Button>} title="New budget" choices={choices} action={create} run={(form) => create.execute(form)} />
  );
}

export function EditBudgetDialog({ budget, choices }: { budget: BudgetFormValues; choices: BudgetScopeChoices }) {
  const saved = useSavedDialog(({ name }: { name: string }) => `Saved the budget “${name}”.`);
  const update = useAction(updateBudgetAction, { onSuccess: saved.onSuccess });
  return (
    <BudgetDialog
      {...saved}
      trigger={
        <Button variant="secondary" className="h-8 px-3">
          Edit<span className="sr-only"> {budget.name}</span>
        </Button>
      }
      title={`Edit “${budget.name}”`}
      initial={budget}
      choices={choices}
      action={update}
      run={(form) => update.execute({ budgetId: budget.id, ...form })}
    />
  );
}

function BudgetDialog({
  open,
  setOpen,
  trigger,
  title,
  initial,
  choices,
  action,
  run,
}: {
  open: boolean;
  setOpen: (open: boolean) => void;
  trigger: ReactElement;
  title: string;
  initial?: BudgetFormValues;
  choices: BudgetScopeChoices;
  action: ActionOutcome & { isPending: boolean; reset: () => void };
  run: (form: BudgetForm) => void;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<BudgetScopeKind>(initial?.scopeKind ?? "feature");
  const errors = actionErrors(action, {
    fields: FIELDS,
    unreachable: "The budget was not saved: the server could not be reached. Check your connection and try again.",
  });
  useFocusFirstInvalid(formRef, action);

  function onOpenChange(next: boolean) {
    // Each opening starts from the budget as saved (or an empty form).
    if (next) {
      action.reset();
      setKind(initial?.scopeKind ?? "feature");
    }
    setOpen(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    run({ name: text("name"), scopeKind: kind, scopeValue: text("scopeValue"), limit: text("limit"), period: text("period") as BudgetPeriod });
  }

  const scopeValueDefault = initial && initial.scopeKind === kind ? initial.scopeValue : "";
  const periodError = errors.fields.period;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent
        title={title}
        description="A limit in credits per period on one scope, inside the shared pool. A charge that would pass it is refused whole."
      >
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <div className="-mx-1 max-h-[calc(100vh-16rem)] space-y-4 overflow-y-auto px-1 pb-1">
            <FormError message={errors.form} />
            <Field id={`${id}-name`} label="Name" error={errors.fields.name}>
              {(aria) => <Input {...aria} name="name" autoComplete="off" autoFocus maxLength={100} defaultValue={initial?.name} />}
            </Field>

            <div className="grid gap-4 sm:grid-cols-2">
              <Field id={`${id}-kind`} label="Applies to" error={errors.fields.scopeKind}>
                {(aria) => (
                  <Select {...aria} name="scopeKind" value={kind} onChange={(event) => setKind(event.target.value as BudgetScopeKind)}>
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {SCOPE_KIND_LABELS[k]}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              {/* Keyed by kind: a new kind starts its value afresh. */}
              <ScopeValueField key={kind} id={`${id}-value`} kind={kind} choices={choices} defaultValue={scopeValueDefault} error={errors.fields.scopeValue} />
            </div>

            <Field id={`${id}-limit`} label="Limit" hint="Credits per period, such as 500 or 12.5." error={errors.fields.limit}>
              {(aria) => <Input {...aria} name="limit" inputMode="decimal" autoComplete="off" defaultValue={initial?.limit} className="sm:w-48" />}
            </Field>

            <fieldset className="space-y-1.5" aria-describedby={[`${id}-period-hint`, periodError ? `${id}-period-error` : ""].join(" ").trim()}>
              <legend className="mb-1.5 text-sm font-medium text-neutral-800">Period</legend>
              <div className="flex flex-wrap gap-x-6 gap-y-2">
                {PERIODS.map((p) => (
                  <div key={p} className="flex items-center gap-2">
                    <input
                      id={`${id}-period-${p}`}
                      type="radio"
                      name="period"
                      value={p}
                      defaultChecked={(initial?.period ?? "month") === p}
                      aria-invalid={periodError ? true : undefined}
                      className="size-4 accent-brand-700"
                    />
                    <Label htmlFor={`${id}-period-${p}`}>{PERIOD_LABELS[p]}</Label>
                  </div>
                ))}
              </div>
              <p id={`${id}-period-hint`} className="text-xs text-neutral-500">
                Monthly: each calendar month in your company&rsquo;s time zone. Contract year: from each anniversary of the contract&rsquo;s start.
              </p>
              <FieldError id={`${id}-period`} message={periodError} />
            </fieldset>
          </div>

          <FormDialogActions pending={action.isPending} label="Save budget" pendingLabel="Saving…" />
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** The scope's value: a list to choose from, or, for an integration, its name (with the names seen so far). */
function ScopeValueField({
  id,
  kind,
  choices,
  defaultValue,
  error,
}: {
  id: string;
  kind: BudgetScopeKind;
  choices: BudgetScopeChoices;
  defaultValue: string;
  error?: string;
}) {
  const label = SCOPE_KIND_LABELS[kind];
  if (kind === "integration") {
    const listId = `${id}-known`;
    return (
      <Field id={id} label={label} hint="The MCP client's name, as the usage report's Integration column shows it." error={error}>
        {(aria) => (
          <>
            <Input {...aria} name="scopeValue" autoComplete="off" maxLength={100} list={listId} defaultValue={defaultValue} placeholder="Claude Desktop" />
            <datalist id={listId}>
              {choices.integration.map((c) => (
                <option key={c.value} value={c.value} />
              ))}
            </datalist>
          </>
        )}
      </Field>
    );
  }
  const options = choices[kind];
  const { placeholder, none } = CHOOSE[kind];
  return (
    <Field id={id} label={label} hint={options.length === 0 ? none : undefined} error={error}>
      {(aria) => (
        <Select {...aria} name="scopeValue" defaultValue={defaultValue}>
          <option value="" disabled>
            {placeholder}
          </option>
          {options.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
