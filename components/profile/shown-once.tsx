"use client";
// The second step of a dialog that made a secret (a new API key, a temporary password): the
// warning that this is the only time it is shown, the value with a copy button, and Done.
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DialogClose } from "@/components/ui/dialog";
import { CopyKey } from "./copy-key";

export function ShownOnce({ what, advice, value, label, id }: { what: string; advice: ReactNode; value: string; label?: string; id?: string }) {
  return (
    <div className="space-y-4">
      <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <strong className="font-semibold">This is the only time the {what} is shown.</strong> {advice}
      </p>
      <CopyKey value={value} label={label} id={id} />
      <div className="flex justify-end">
        <DialogClose asChild>
          <Button>Done</Button>
        </DialogClose>
      </div>
    </div>
  );
}
