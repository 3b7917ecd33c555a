"use client";
// "Refund a charge" (R-CORRECT-1): a dialog asking for the charge's id (the `id` of the charged
// answer, which the customer has) and a reason. The ledger gives each part of the charge back to
// the grant that paid it; a part whose grant has expired since is refunded and expired at once.
// After a success the dialog shows exactly that (restored, and expired at once), the page's
// notice says it, and the page refreshes. A refusal (an unknown id, a charge already refunded)
// shows beside its field and keeps what was typed.
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { actionErrors } from "@/lib/actions/result";
import { refundChargeAction } from "@/lib/corrections/actions";
import type { RefundedCharge } from "@/lib/corrections/refund";
import { formatCreditsGrouped, parseCredits } from "@/lib/credits/amount";
import { useSalesNotice } from "./sales-notice";

type Values = { chargeId: string; reason: string };
const FIELDS = ["chargeId", "reason"] as const;
const EMPTY: Values = { chargeId: "", reason: "" };

const credits = (text: string) => formatCreditsGrouped(parseCredits(text, { allowZero: true }));

export function RefundCharge({ company }: { company: { id: string; name: string } }) {
  const router = useRouter();
  const announce = useSalesNotice();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Values>(EMPTY);
  const [refunded, setRefunded] = useState<RefundedCharge | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const refund = useAction(refundChargeAction, {
    onSuccess: ({ data }) => {
      setRefunded(data);
      setValues(EMPTY);
      announce(
        `Refunded charge ${data.chargeId}: ${credits(data.refunded)} credits, ${credits(data.restored)} restored` +
          (data.expired === "0" ? "." : ` and ${credits(data.expired)} expired at once.`),
      );
      router.refresh();
    },
  });
  const errors = actionErrors(refund, {
    fields: FIELDS,
    unreachable: "The refund was not sent: the server could not be reached. Check your connection and try again; a charge is refunded at most once.",
  });
  useFocusFirstInvalid(formRef, refund);

  function onOpenChange(next: boolean) {
    if (next) {
      setRefunded(null);
      refund.reset();
    }
    setOpen(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    refund.execute({ companyId: company.id, ...values });
  }

  const set = (name: keyof Values) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((current) => ({ ...current, [name]: value }));
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="secondary">Refund a charge</Button>
      </DialogTrigger>
      <DialogContent
        title="Refund a charge"
        description={<>Gives a charge of {company.name} back to the grants that paid for it. A charge is refunded at most once.</>}
      >
        {refunded ? (
          <RefundOutcome refunded={refunded} />
        ) : (
          <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
            <FormError message={errors.form} />
            <Field
              id="refund-chargeId"
              label="Charge id"
              hint="The id of the charged answer (such as ans_… or brief_…), or the charge's ledger id."
              error={errors.fields.chargeId}
            >
              {(aria) => <Input {...aria} name="chargeId" autoComplete="off" spellCheck={false} autoFocus value={values.chargeId} onChange={set("chargeId")} />}
            </Field>
            <Field id="refund-reason" label="Reason" hint="Kept in the audit log and shown in the balance report." error={errors.fields.reason}>
              {(aria) => <Input {...aria} name="reason" autoComplete="off" value={values.reason} onChange={set("reason")} />}
            </Field>
            <div className="flex justify-end gap-2 pt-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" disabled={refund.isPending} aria-disabled={refund.isPending || undefined}>
                {refund.isPending ? "Refunding…" : "Refund charge"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function RefundOutcome({ refunded }: { refunded: RefundedCharge }) {
  return (
    <div className="space-y-4">
      <p className="text-sm text-neutral-800">
        Charge <code className="font-mono text-xs break-all">{refunded.chargeId}</code> was refunded.
      </p>
      <dl aria-label="Refund" className="divide-y divide-neutral-100 rounded-md border border-neutral-200 text-sm">
        <Figure term="Refunded" value={refunded.refunded} />
        <Figure term="Restored to its grants" value={refunded.restored} />
        <Figure term="Expired at once" value={refunded.expired} note="its grant had expired since the charge" />
      </dl>
      <div className="flex justify-end">
        <DialogClose asChild>
          <Button autoFocus>Done</Button>
        </DialogClose>
      </div>
    </div>
  );
}

function Figure({ term, value, note }: { term: string; value: string; note?: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4 px-3 py-2">
      <dt className="text-neutral-600">
        {term}
        {note && value !== "0" ? <span className="block text-xs text-neutral-500">{note}</span> : null}
      </dt>
      <dd className="font-medium text-neutral-900 tabular-nums">
        <data value={value}>{credits(value)}</data> credits
      </dd>
    </div>
  );
}
