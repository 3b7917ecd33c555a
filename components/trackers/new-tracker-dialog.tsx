"use client";
import { useRouter } from "next/navigation";
// "New tracker": a dialog with the draft's name, type, question (or phrases), its filters (data
// types, minimum call length, teams, participant domains, external only) and backfill, saved
// with "Save draft". The server validates with the domain's TrackerDraft schema; each refusal
// shows beside its field. A draft uses no credits.
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useRef, useState } from "react";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger, FormDialogActions } from "@/components/ui/dialog";
import { Field, FieldError, FormError, Input } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { actionErrors } from "@/lib/actions/result";
import { createTrackerAction } from "@/lib/trackers/actions";
import { BackfillField, FILTER_FIELDS, readFilterFields, TrackerFilterFields, textarea } from "./tracker-filter-fields";

type TrackerType = "question" | "pretrained";

const DEFAULT_BACKFILL_DAYS = "30";
const FIELDS = ["name", "type", "question", "phrases", ...FILTER_FIELDS, "backfillDays"];

/** `teams`: the company's teams, for the Teams filter; `canPublish`: whether this user publishes drafts. */
export function NewTrackerDialog({ teams, canPublish = true }: { teams: ReadonlyArray<{ id: string; name: string }>; canPublish?: boolean }) {
  const router = useRouter();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<TrackerType>("question");
  const formRef = useRef<HTMLFormElement>(null);
  const create = useAction(createTrackerAction, {
    onSuccess: ({ data }) => {
      setOpen(false);
      announce(
        canPublish
          ? `Saved “${data.name}” as a draft. Publish it when it is ready; drafts use no credits.`
          : `Saved “${data.name}” as a draft. An admin can publish it; drafts use no credits.`,
      );
      router.refresh();
    },
  });
  const errors = actionErrors(create, {
    fields: FIELDS,
    unreachable: "The draft was not saved: the server could not be reached. Check your connection and try again.",
  });
  useFocusFirstInvalid(formRef, create);

  function onOpenChange(next: boolean) {
    // Each opening starts from an empty form.
    if (next) {
      setType("question");
      create.reset();
    }
    setOpen(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    create.execute({
      name: text("name"),
      type,
      question: type === "question" ? text("question") : "",
      phrases: type === "pretrained" ? text("phrases") : "",
      ...readFilterFields(form),
      backfillDays: text("backfillDays"),
    });
  }

  const fieldError = (name: string) => errors.fields[name];

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>New tracker</Button>
      </DialogTrigger>
      <DialogContent title="New tracker" description="Saved as a draft: it uses no credits until it is published.">
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          {/* The fields scroll on a short screen; the buttons stay in view below them. */}
          <div className="-mx-1 max-h-[calc(100vh-16rem)] space-y-4 overflow-y-auto px-1 pb-1">
            <FormError message={errors.form} />
            <Field id="tracker-name" label="Name" error={fieldError("name")}>
              {(aria) => <Input {...aria} name="name" autoComplete="off" autoFocus maxLength={100} />}
            </Field>

            <fieldset className="space-y-1.5" aria-describedby={fieldError("type") ? "tracker-type-error" : undefined}>
              <legend className="mb-1.5 text-sm font-medium text-neutral-800">Type</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                <TypeOption
                  id="tracker-type-question"
                  value="question"
                  checked={type === "question"}
                  onChange={setType}
                  label="Question-based"
                  description="AI answers a question. Uses credits."
                />
                <TypeOption
                  id="tracker-type-pretrained"
                  value="pretrained"
                  checked={type === "pretrained"}
                  onChange={setType}
                  label="Pretrained"
                  description="Finds phrases you list. Free."
                />
              </div>
              <FieldError id="tracker-type" message={fieldError("type")} />
            </fieldset>

            {type === "question" ? (
              <Field
                id="tracker-question"
                label="Question"
                hint="Asked of each call and email, for example “Did the customer push back on price?”"
                error={fieldError("question")}
              >
                {(aria) => <textarea {...aria} name="question" rows={2} maxLength={1000} className={textarea} />}
              </Field>
            ) : (
              <Field id="tracker-phrases" label="Phrases" hint="One per line, for example “next step”." error={fieldError("phrases")}>
                {(aria) => <textarea {...aria} name="phrases" rows={3} maxLength={2000} className={textarea} />}
              </Field>
            )}

            <TrackerFilterFields idPrefix="tracker" teams={teams} errors={errors.fields} />

            <BackfillField
              id="tracker-backfill"
              hint="Past days processed on publish; at most 365."
              defaultValue={DEFAULT_BACKFILL_DAYS}
              error={fieldError("backfillDays")}
            />
          </div>

          <FormDialogActions pending={create.isPending} label="Save draft" pendingLabel="Saving…" />
        </form>
      </DialogContent>
    </Dialog>
  );
}

function TypeOption({
  id,
  value,
  checked,
  onChange,
  label,
  description,
}: {
  id: string;
  value: TrackerType;
  checked: boolean;
  onChange: (t: TrackerType) => void;
  label: string;
  description: string;
}) {
  // The whole card picks the type; the radio's name is the title alone, the rest describes it.
  return (
    <label
      htmlFor={id}
      className="flex cursor-pointer gap-3 rounded-md border border-neutral-200 p-3 hover:bg-neutral-50 has-checked:border-brand-600 has-checked:bg-brand-50"
    >
      <input
        id={id}
        type="radio"
        name="type"
        value={value}
        checked={checked}
        onChange={() => onChange(value)}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-description`}
        className="mt-0.5 size-4 accent-brand-700"
      />
      <span>
        <span id={`${id}-label`} className="block text-sm font-medium text-neutral-800">
          {label}
        </span>
        <span id={`${id}-description`} className="mt-0.5 block text-xs text-neutral-600">
          {description}
        </span>
      </span>
    </label>
  );
}
