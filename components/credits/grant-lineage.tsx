"use client";
// A grant's lineage (R-CORRECT-3), opened from its row in the grants table: what the grant paid
// for by month and feature type, what was refunded to it, and for a voided purchase, what the
// void removed. A dialog (focus trapped, Escape closes, focus returns to the row's button) that
// reads the lineage when it opens, through a server action that checks "credits.read" for the
// viewer's company, so it is never stale and never read for rows nobody opens.
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { actionErrors } from "@/lib/actions/result";
import { readGrantLineageAction } from "@/lib/credits/actions";
import type { GrantLineageView } from "@/lib/credits/lineage";
import type { GrantRow } from "./grant-rows";

export function GrantLineage({ grant }: { grant: GrantRow }) {
  const [open, setOpen] = useState(false);
  const read = useAction(readGrantLineageAction);
  const errors = actionErrors(read, {
    unreachable: "The lineage could not be loaded: the server could not be reached. Check your connection and open it again.",
  });

  function onOpenChange(next: boolean) {
    if (next) read.execute({ grantId: grant.id });
    setOpen(next);
  }

  const lineage = read.hasSucceeded ? read.result.data : undefined;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <button
          type="button"
          aria-label={`Lineage of ${grant.label}`}
          className="-mx-1 rounded px-1 text-xs font-medium text-brand-700 underline-offset-2 hover:text-brand-800 hover:underline"
        >
          Lineage
        </button>
      </DialogTrigger>
      <DialogContent
        wide
        title={`Lineage: ${grant.label}`}
        description={`What this grant of ${grant.amount.text} credits paid for, by month and feature type, from the split recorded with each charge. Months are in your company's time zone.`}
      >
        {read.hasErrored ? (
          <FormError message={errors.form} />
        ) : lineage ? (
          <LineageView lineage={lineage} />
        ) : (
          <p role="status" className="py-6 text-center text-sm text-neutral-600">
            Loading the lineage…
          </p>
        )}
      </DialogContent>
    </Dialog>
  );
}

function LineageView({ lineage }: { lineage: GrantLineageView }) {
  return (
    <div className="space-y-4">
      {lineage.voided ? (
        <div role="note" aria-label="Void" className="rounded-md border border-neutral-300 bg-neutral-50 px-3 py-2 text-sm text-neutral-800">
          <p className="font-medium text-neutral-900">Voided on {lineage.voided.date}</p>
          <p>
            <data value={lineage.voided.removed.value}>{lineage.voided.removed.text}</data> credits removed
            {lineage.voided.reason ? <>: {lineage.voided.reason}</> : null}. Nothing remains of this purchase.
          </p>
        </div>
      ) : null}
      {lineage.lines.length === 0 ? (
        lineage.voided ? (
          <EmptyState title="Nothing was spent from this purchase">It was voided before any charge drew from it.</EmptyState>
        ) : (
          <EmptyState title="Nothing spent from this grant yet">Charges drawn from this grant will show here by month and feature type.</EmptyState>
        )
      ) : (
        <div className="rounded-md border border-neutral-200">
          <Table aria-label="What this grant paid for">
            <TableHeader>
              <tr>
                <TableHead>Month</TableHead>
                <TableHead>Feature type</TableHead>
                <TableHead className="text-right">Used</TableHead>
                <TableHead className="text-right">Refunded</TableHead>
              </tr>
            </TableHeader>
            <TableBody>
              {lineage.lines.map((line) => (
                <TableRow key={`${line.month}-${line.featureType}`}>
                  <TableCell className="whitespace-nowrap">{line.monthLabel}</TableCell>
                  <TableCell>{line.featureLabel}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    <data value={line.used.value}>{line.used.text}</data>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    <data value={line.refunded.value}>{line.refunded.text}</data>
                  </TableCell>
                </TableRow>
              ))}
              <TableRow className="bg-neutral-50 font-medium text-neutral-900">
                <TableCell colSpan={2}>Total</TableCell>
                <TableCell className="text-right tabular-nums">
                  <data value={lineage.totals.used.value}>{lineage.totals.used.text}</data>
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  <data value={lineage.totals.refunded.value}>{lineage.totals.refunded.text}</data>
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
