"use client";
// "Download credit reports" (R-REPORT-1): choose a report and a date range, press "Export
// report". The range is checked first (`check=1`), so a refused one shows its message here and
// downloads nothing; a valid one downloads straight from the streaming route, never through
// this page's memory.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { PRESETS, type PresetId, presetRange } from "./report-presets";

const REPORT_CHOICES = [
  { id: "credit-usage", label: "Credit usage", hint: "How credits were used, by day, feature and user." },
  { id: "credit-balance", label: "Credit balance", hint: "Every change of the balance, with the total before and after." },
  { id: "purchase-history", label: "Purchase history", hint: "Credits purchased, and what remains of each purchase." },
] as const;

type Props = { today: string; contractYearStart: string };

export function DownloadReportsDialog({ today, contractYearStart }: Props) {
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<(typeof REPORT_CHOICES)[number]["id"]>("credit-usage");
  const [preset, setPreset] = useState<PresetId>("last30");
  const [range, setRange] = useState(() => presetRange("last30", today, contractYearStart));
  const [errors, setErrors] = useState<{ form?: string; from?: string; to?: string }>({});
  const [status, setStatus] = useState<"idle" | "checking" | "started">("idle");
  const groupId = useId();

  function choosePreset(id: PresetId) {
    setPreset(id);
    if (id !== "custom") setRange(presetRange(id, today, contractYearStart));
    setErrors({});
  }

  async function exportReport() {
    setStatus("checking");
    setErrors({});
    const url = `/api/reports/${report}?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
    try {
      const check = await fetch(`${url}&check=1`, { cache: "no-store" });
      if (!check.ok) {
        const body = (await check.json().catch(() => ({}))) as { message?: string; field?: string };
        const message = body.message ?? "The report could not be prepared. Try again.";
        setErrors(body.field === "from" || body.field === "to" ? { [body.field]: message } : { form: message });
        setStatus("idle");
        return;
      }
    } catch {
      setErrors({ form: "The server could not be reached. Check your connection and try again." });
      setStatus("idle");
      return;
    }
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    document.body.append(link);
    link.click();
    link.remove();
    setStatus("started");
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setStatus("idle");
        setErrors({});
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path d="M10.75 2.75a.75.75 0 0 0-1.5 0v8.614L6.295 8.235a.75.75 0 1 0-1.09 1.03l4.25 4.5a.75.75 0 0 0 1.09 0l4.25-4.5a.75.75 0 0 0-1.09-1.03l-2.955 3.129V2.75Z" />
            <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
          </svg>
          Download credit reports
        </Button>
      </DialogTrigger>
      <DialogContent title="Download credit reports" description="A CSV file; dates are in your company's time zone and both ends of the range are included.">
        <form
          className="space-y-5"
          onSubmit={(event) => {
            event.preventDefault();
            void exportReport();
          }}
        >
          <fieldset>
            <legend className="text-sm font-medium text-neutral-800">Report</legend>
            <div className="mt-2 space-y-2">
              {REPORT_CHOICES.map((choice) => (
                <label
                  key={choice.id}
                  className="flex cursor-pointer items-start gap-3 rounded-md border border-neutral-200 p-3 has-checked:border-brand-600 has-checked:bg-brand-50"
                >
                  <input
                    type="radio"
                    name={`${groupId}-report`}
                    value={choice.id}
                    checked={report === choice.id}
                    onChange={() => setReport(choice.id)}
                    className="mt-0.5 accent-brand-700"
                  />
                  <span>
                    <span className="block text-sm font-medium text-neutral-900">{choice.label}</span>
                    <span className="block text-xs text-neutral-600">{choice.hint}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="text-sm font-medium text-neutral-800">Date range</legend>
            <fieldset className="mt-2 flex flex-wrap gap-2" aria-label="Date range presets">
              {PRESETS.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  aria-pressed={preset === p.id}
                  onClick={() => choosePreset(p.id)}
                  className="rounded-full border border-neutral-300 px-3 py-1 text-xs font-medium text-neutral-700 hover:bg-neutral-100 aria-pressed:border-brand-700 aria-pressed:bg-brand-700 aria-pressed:text-white"
                >
                  {p.label}
                </button>
              ))}
            </fieldset>
            <div className="mt-3 grid grid-cols-2 gap-3">
              <Field id={`${groupId}-from`} label="From" error={errors.from}>
                {(aria) => (
                  <Input
                    {...aria}
                    type="date"
                    value={range.from}
                    max={today}
                    onChange={(e) => {
                      setPreset("custom");
                      setRange((r) => ({ ...r, from: e.target.value }));
                    }}
                  />
                )}
              </Field>
              <Field id={`${groupId}-to`} label="To" error={errors.to}>
                {(aria) => (
                  <Input
                    {...aria}
                    type="date"
                    value={range.to}
                    onChange={(e) => {
                      setPreset("custom");
                      setRange((r) => ({ ...r, to: e.target.value }));
                    }}
                  />
                )}
              </Field>
            </div>
          </fieldset>
          <FormError message={errors.form} />
          {status === "started" ? (
            <p role="status" className="text-sm text-green-800">
              Your download has started.
            </p>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" aria-disabled={status === "checking" || undefined} disabled={status === "checking"}>
              {status === "checking" ? "Preparing…" : "Export report"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
