"use client";
// A secret shown once (a new API key, a temporary password) in a read-only field, with a button
// that copies it. When the browser refuses the clipboard (a plain-http address other than
// localhost), the value is selected for a manual copy.
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/field";

export function CopyKey({ value, label = "Your new API key", id = "new-api-key" }: { value: string; label?: string; id?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("Copied to the clipboard.");
    } catch {
      input.current?.select();
      setStatus("The browser did not allow copying: it is selected, press Ctrl+C (⌘C on a Mac).");
    }
  }

  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          className="block h-9 w-full min-w-0 rounded-md border border-neutral-300 bg-neutral-50 px-3 font-mono text-sm text-neutral-900"
        />
        <Button variant="secondary" onClick={copy}>
          Copy
        </Button>
      </div>
      <p role="status" className="min-h-5 text-xs text-neutral-600">
        {status}
      </p>
    </div>
  );
}
