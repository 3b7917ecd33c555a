"use client";
// "Void" on a purchase (R-CORRECT-2): a dialog that says what voiding does (what remains of the
// purchase is removed with one entry; what was spent from it stays spent; a purchase is voided
// at most once), asks for a reason, and voids only when Sales confirm with "Void purchase".
// After a success the page's notice says what was removed and the page refreshes, where the
// purchase then shows "Voided" with 0 remaining.
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { actionErrors } from "@/lib/actions/result";
import { voidPurchaseAction } from "@/lib/corrections/actions";
import { formatCreditsGrouped, parseCredits } from "@/lib/credits/amount";
import { useSalesNotice } from "./sales-notice";

/** Credits as plain decimal text ("1234.5"). */
export type VoidablePurchase = { id: string; orderReference: string; credits: string; remaining: string };

const grouped = (text: string) => formatCreditsGrouped(parseCredits(text, { allowZero: true }));

export function VoidPurchase({ companyId, purchase }: { companyId: string; purchase: VoidablePurchase }) {
  const router = useRouter();
  const announce = useSalesNotice();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const voiding = useAction(voidPurchaseAction, {
    onSuccess: ({ data }) => {
      announce(`Voided purchase ${data.orderReference}: ${grouped(data.removed)} credits removed.`);
      setReason("");
      setOpen(false);
      router.refresh();
    },
  });
  const errors = actionErrors(voiding, {
    fields: ["reason"],
    unreachable: "The void was not sent: the server could not be reached. Check your connection and try again; a purchase is voided at most once.",
  });
  useFocusFirstInvalid(formRef, voiding);

  function onOpenChange(next: boolean) {
    if (next) {
      voiding.reset();
      announce("");
    }
    setOpen(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    voiding.execute({ companyId, purchaseId: purchase.id, reason });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="danger" className="h-8 px-3" aria-label={`Void purchase ${purchase.orderReference}`}>
          Void
        </Button>
      </DialogTrigger>
      <DialogContent title={`Void purchase ${purchase.orderReference}?`} description="For a purchase recorded in error. A purchase is voided at most once.">
        <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
          <FormError message={errors.form} />
          <ul className="list-disc space-y-1 pl-5 text-sm text-neutral-700">
            <li>
              The <data value={purchase.remaining}>{grouped(purchase.remaining)}</data> credits that remain of its {grouped(purchase.credits)} are removed from
              the balance at once.
            </li>
            <li>Credits already spent from it stay spent.</li>
            <li>It then shows as &ldquo;Voided&rdquo; with 0 remaining.</li>
          </ul>
          <Field id={`void-reason-${purchase.id}`} label="Reason" hint="Kept in the audit log and shown in the balance report." error={errors.fields.reason}>
            {(aria) => <Input {...aria} name="reason" autoComplete="off" autoFocus value={reason} onChange={(event) => setReason(event.target.value)} />}
          </Field>
          <div className="flex justify-end gap-2 pt-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="danger" disabled={voiding.isPending} aria-disabled={voiding.isPending || undefined}>
              {voiding.isPending ? "Voiding…" : "Void purchase"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
