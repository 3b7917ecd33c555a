"use client";
import { useRouter } from "next/navigation";
// "Record purchase" (R-BUY-1): a dialog with the purchase's credits, order reference and three
// times in the company's zone, defaulting to now, now and the end of the contract term. A
// refusal shows beside its field and keeps what was typed; a success closes the dialog,
// refreshes the page and says what happened in the page's notice. Sending the same order reference again is safe
// (it is recorded once), which is what the message after a lost connection relies on.
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { actionErrors } from "@/lib/actions/result";
import { formatCreditsGrouped, parseCredits } from "@/lib/credits/amount";
import { recordPurchaseAction } from "@/lib/purchases/actions";
import { describeInstant, instantToDateTimeLocal } from "@/lib/time/local-time";
import { useSalesNotice } from "./sales-notice";

type Values = { credits: string; orderReference: string; purchasedAt: string; availableFrom: string; expiresAt: string };
type FieldName = keyof Values;

const FIELDS: FieldName[] = ["credits", "orderReference", "purchasedAt", "availableFrom", "expiresAt"];
const fieldId = (name: FieldName) => `purchase-${name}`;

export type RecordPurchaseCompany = { id: string; name: string; timeZone: string; termEndsAt: string };

function defaults(company: RecordPurchaseCompany): Values {
  const now = instantToDateTimeLocal(new Date(), company.timeZone);
  return {
    credits: "",
    orderReference: "",
    purchasedAt: now,
    availableFrom: now,
    expiresAt: instantToDateTimeLocal(new Date(company.termEndsAt), company.timeZone),
  };
}

/** The "Record purchase" button and its dialog. */
export function RecordPurchase({ company }: { company: RecordPurchaseCompany }) {
  const router = useRouter();
  const announce = useSalesNotice();
  const [open, setOpen] = useState(false);
  // null until the dialog first opens, and again after a success: the next opening starts from
  // fresh defaults ("now" is the time of opening). Closing without sending keeps what was typed.
  const [values, setValues] = useState<Values | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const record = useAction(recordPurchaseAction, {
    onSuccess: ({ data: { outcome, credits, orderReference } }) => {
      announce(
        outcome === "recorded"
          ? `Recorded ${formatCreditsGrouped(parseCredits(credits))} credits (order ${orderReference})`
          : `Order ${orderReference} was already recorded`,
      );
      setValues(null);
      setOpen(false);
      router.refresh();
    },
  });
  // The company is not a field of this form: a refusal about it is said for the whole form.
  const errors = actionErrors(record, {
    fields: FIELDS,
    unreachable:
      "The purchase was not sent: the server could not be reached. Check your connection and try again; sending the same order reference twice records it once.",
  });
  useFocusFirstInvalid(formRef, record);

  function onOpenChange(next: boolean) {
    if (next) {
      setValues((current) => current ?? defaults(company));
      announce("");
    }
    setOpen(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (values) record.execute({ companyId: company.id, ...values });
  }

  const set = (name: FieldName) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((current) => (current ? { ...current, [name]: value } : current));
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>Record purchase</Button>
      </DialogTrigger>
      {values ? (
        <DialogContent
          title="Record purchase"
          description={
            <>
              Purchased credits for {company.name}. Times are in {company.timeZone}.
            </>
          }
        >
          <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
            <FormError message={errors.form} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id={fieldId("credits")} label="Credits" hint="Up to 3 decimals, for example 1234.5." error={errors.fields.credits}>
                {(aria) => <Input {...aria} name="credits" inputMode="decimal" autoComplete="off" autoFocus value={values.credits} onChange={set("credits")} />}
              </Field>
              <Field id={fieldId("orderReference")} label="Order reference" hint="Up to 100 characters; recorded once." error={errors.fields.orderReference}>
                {(aria) => <Input {...aria} name="orderReference" autoComplete="off" value={values.orderReference} onChange={set("orderReference")} />}
              </Field>
            </div>
            <Field id={fieldId("purchasedAt")} label="Purchase time" error={errors.fields.purchasedAt}>
              {(aria) => <Input {...aria} type="datetime-local" name="purchasedAt" value={values.purchasedAt} onChange={set("purchasedAt")} />}
            </Field>
            <Field id={fieldId("availableFrom")} label="Availability start" hint="The credits can be used from this time." error={errors.fields.availableFrom}>
              {(aria) => <Input {...aria} type="datetime-local" name="availableFrom" value={values.availableFrom} onChange={set("availableFrom")} />}
            </Field>
            <Field
              id={fieldId("expiresAt")}
              label="Expiration date"
              hint={`At the latest the end of the contract term, ${describeInstant(new Date(company.termEndsAt), company.timeZone)}.`}
              error={errors.fields.expiresAt}
            >
              {(aria) => <Input {...aria} type="datetime-local" name="expiresAt" value={values.expiresAt} onChange={set("expiresAt")} />}
            </Field>
            <div className="flex justify-end gap-2 pt-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" disabled={record.isPending} aria-disabled={record.isPending || undefined}>
                {record.isPending ? "Recording…" : "Record purchase"}
              </Button>
            </div>
          </form>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
