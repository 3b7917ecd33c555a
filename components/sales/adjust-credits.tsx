"use client";
// "Adjust credits" (R-LEDGER-1: Sales record adjustments with a reason; a company's own users
// never mint credits). Add or remove, how many credits, and a reason; added credits also take an
// availability start and an expiration date in the company's zone, defaulting to now and the end
// of the contract term like "Record purchase". A refusal (an expiry after the term, more removed
// than remains) shows beside its field and keeps what was typed; a success closes the dialog,
// refreshes the page and says what happened in the page's notice.
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldError, FormError, fieldAria, Input } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { actionErrors } from "@/lib/actions/result";
import { adjustCreditsAction } from "@/lib/corrections/actions";
import { formatCreditsGrouped, parseCredits } from "@/lib/credits/amount";
import { describeInstant, instantToDateTimeLocal } from "@/lib/time/local-time";
import type { RecordPurchaseCompany } from "./record-purchase";
import { useSalesNotice } from "./sales-notice";

type Direction = "add" | "remove";
type Values = { direction: Direction; credits: string; reason: string; availableFrom: string; expiresAt: string };
const FIELDS = ["direction", "credits", "reason", "availableFrom", "expiresAt"] as const;
const DIRECTIONS: { id: Direction; label: string; hint: string }[] = [
  { id: "add", label: "Add credits", hint: "A grant of their own, usable from the availability start until the expiration date." },
  { id: "remove", label: "Remove credits", hint: "Taken from the credits that expire first; refused if not that many remain." },
];

function defaults(company: RecordPurchaseCompany): Values {
  return {
    direction: "add",
    credits: "",
    reason: "",
    availableFrom: instantToDateTimeLocal(new Date(), company.timeZone),
    expiresAt: instantToDateTimeLocal(new Date(company.termEndsAt), company.timeZone),
  };
}

export function AdjustCredits({ company }: { company: RecordPurchaseCompany }) {
  const router = useRouter();
  const announce = useSalesNotice();
  const groupId = useId();
  const [open, setOpen] = useState(false);
  // Fresh defaults on the first opening and after a success ("now" is the time of opening).
  const [values, setValues] = useState<Values | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const adjust = useAction(adjustCreditsAction, {
    onSuccess: ({ data }) => {
      const amount = formatCreditsGrouped(parseCredits(data.credits));
      announce(
        data.direction === "remove"
          ? `Removed ${amount} credits.`
          : data.availableNow
            ? `Added ${amount} credits, usable now until ${describeInstant(new Date(data.expiresAt!), company.timeZone)}.`
            : `Added ${amount} credits, usable from ${describeInstant(new Date(data.availableFrom!), company.timeZone)}.`,
      );
      setValues(null);
      setOpen(false);
      router.refresh();
    },
  });
  const errors = actionErrors(adjust, {
    fields: FIELDS,
    unreachable: "The adjustment was not sent: the server could not be reached. Check the company's balance before trying again.",
  });
  useFocusFirstInvalid(formRef, adjust);

  function onOpenChange(next: boolean) {
    if (next) {
      setValues((current) => current ?? defaults(company));
      announce("");
    }
    setOpen(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!values) return;
    const { availableFrom, expiresAt, ...rest } = values;
    adjust.execute({ companyId: company.id, ...rest, ...(values.direction === "add" ? { availableFrom, expiresAt } : {}) });
  }

  const set = (name: keyof Values) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((current) => (current ? { ...current, [name]: value } : current));
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="secondary">Adjust credits</Button>
      </DialogTrigger>
      {values ? (
        <DialogContent
          title="Adjust credits"
          description={
            <>
              Add or remove credits for {company.name}, with a reason. Times are in {company.timeZone}.
            </>
          }
        >
          <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
            <FormError message={errors.form} />
            <fieldset id={`${groupId}-direction`} {...fieldAria(`${groupId}-direction`, { error: errors.fields.direction })}>
              <legend className="text-sm font-medium text-neutral-800">Adjustment</legend>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {DIRECTIONS.map((choice) => (
                  // The hint describes the choice rather than naming it, so it stays out of the label.
                  <div key={choice.id} className="rounded-md border border-neutral-200 p-3 has-checked:border-brand-600 has-checked:bg-brand-50">
                    <label className="flex cursor-pointer items-center gap-3 text-sm font-medium text-neutral-900">
                      <input
                        type="radio"
                        name="direction"
                        value={choice.id}
                        checked={values.direction === choice.id}
                        onChange={set("direction")}
                        aria-describedby={`${groupId}-${choice.id}-hint`}
                        className="accent-brand-700"
                      />
                      {choice.label}
                    </label>
                    <p id={`${groupId}-${choice.id}-hint`} className="mt-1 pl-7 text-xs text-neutral-600">
                      {choice.hint}
                    </p>
                  </div>
                ))}
              </div>
              <FieldError id={`${groupId}-direction`} message={errors.fields.direction} className="mt-1.5" />
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="adjust-credits" label="Credits" hint="Up to 3 decimals, for example 12.5." error={errors.fields.credits}>
                {(aria) => <Input {...aria} name="credits" inputMode="decimal" autoComplete="off" value={values.credits} onChange={set("credits")} />}
              </Field>
              <Field id="adjust-reason" label="Reason" hint="Kept in the audit log." error={errors.fields.reason}>
                {(aria) => <Input {...aria} name="reason" autoComplete="off" value={values.reason} onChange={set("reason")} />}
              </Field>
            </div>
            {values.direction === "add" ? (
              <div className="grid gap-4 sm:grid-cols-2">
                <Field id="adjust-availableFrom" label="Availability start" hint="The credits can be used from this time." error={errors.fields.availableFrom}>
                  {(aria) => <Input {...aria} type="datetime-local" name="availableFrom" value={values.availableFrom} onChange={set("availableFrom")} />}
                </Field>
                <Field
                  id="adjust-expiresAt"
                  label="Expiration date"
                  hint={`At the latest the end of the contract term, ${describeInstant(new Date(company.termEndsAt), company.timeZone)}.`}
                  error={errors.fields.expiresAt}
                >
                  {(aria) => <Input {...aria} type="datetime-local" name="expiresAt" value={values.expiresAt} onChange={set("expiresAt")} />}
                </Field>
              </div>
            ) : null}
            <div className="flex justify-end gap-2 pt-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" disabled={adjust.isPending} aria-disabled={adjust.isPending || undefined}>
                {adjust.isPending ? "Adjusting…" : "Adjust credits"}
              </Button>
            </div>
          </form>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
