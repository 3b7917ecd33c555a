"use client";
// "New brief" and a brief's "Edit": one dialog with the brief's title, whether it is generated
// automatically and every how many hours, and its sections (up to 20), each with a heading and
// what it is built from: a tracker's results (no credits) or calls and emails named by id
// (credits at each automated generation). The server checks it all, and every problem with the
// sections is listed above them. An edit replaces the sections whole; versions made stay.
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, type ReactElement, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger, FormDialogActions } from "@/components/ui/dialog";
import { Field, FormError, fieldAria, Input, Label, Select, Textarea } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { useSavedDialog } from "@/components/ui/use-saved-dialog";
import { type ActionOutcome, actionErrors } from "@/lib/actions/result";
import { createBriefAction, updateBriefAction } from "@/lib/briefs/actions";
import { BRIEF_SECTIONS_MAX, BRIEF_TITLE_MAX, type BriefForm, INTERVAL_HOURS_MAX } from "@/lib/briefs/schemas";

type Source = "tracker" | "direct";
/** A section as the form shows it: ids as typed, one per line. */
type SectionValues = { heading: string; source: Source; trackerId: string; callIds: string; emailIds: string };
type SectionDraft = { key: number; source: Source; initial?: SectionValues };
export type TrackerChoice = { id: string; name: string; status: string };
/** A brief as saved, to edit. */
export type BriefFormValues = { id: string; title: string; automated: boolean; intervalHours: number; sections: SectionValues[] };

const FIELDS = ["title", "intervalHours", "sections"];

export function NewBriefDialog({ trackers }: { trackers: readonly TrackerChoice[] }) {
  const saved = useSavedDialog(({ title }: { title: string }) => `Created the brief “${title}”.`);
  const create = useAction(createBriefAction, { onSuccess: saved.onSuccess });
  return (
    <BriefDialog
      {...saved}
      trigger={<Button>New brief</Button>}
      title="New brief"
      submit={{ label: "Create brief", pending: "Creating…", notSent: "The brief was not created" }}
      trackers={trackers}
      action={create}
      run={(form) => create.execute(form)}
    />
  );
}

export function EditBriefDialog({ brief, trackers }: { brief: BriefFormValues; trackers: readonly TrackerChoice[] }) {
  const saved = useSavedDialog(({ title }: { title: string }) => `Saved the brief “${title}”.`);
  const update = useAction(updateBriefAction, { onSuccess: saved.onSuccess });
  return (
    <BriefDialog
      {...saved}
      trigger={
        <Button variant="secondary">
          Edit<span className="sr-only"> {brief.title}</span>
        </Button>
      }
      title={`Edit “${brief.title}”`}
      submit={{ label: "Save brief", pending: "Saving…", notSent: "The brief was not saved" }}
      initial={brief}
      trackers={trackers}
      action={update}
      run={(form) => update.execute({ briefId: brief.id, ...form })}
    />
  );
}

const drafts = (initial?: BriefFormValues): SectionDraft[] =>
  initial?.sections.length ? initial.sections.map((s, key) => ({ key, source: s.source, initial: s })) : [{ key: 0, source: "direct" }];

function BriefDialog({
  open,
  setOpen,
  trigger,
  title,
  submit,
  initial,
  trackers,
  action,
  run,
}: {
  open: boolean;
  setOpen: (open: boolean) => void;
  trigger: ReactElement;
  title: string;
  submit: { label: string; pending: string; notSent: string };
  initial?: BriefFormValues;
  trackers: readonly TrackerChoice[];
  action: ActionOutcome & { isPending: boolean; reset: () => void };
  run: (form: BriefForm) => void;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // Keys for added sections start past the saved ones'.
  const nextKey = useRef(BRIEF_SECTIONS_MAX);
  const [automated, setAutomated] = useState(initial?.automated ?? false);
  const [sections, setSections] = useState<SectionDraft[]>(() => drafts(initial));
  const errors = actionErrors(action, {
    fields: FIELDS,
    unreachable: `${submit.notSent}: the server could not be reached. Check your connection and try again.`,
  });
  // Every problem with the sections at once, each naming its section.
  const sectionErrors = action.result.validationErrors?.fieldErrors?.sections ?? (errors.fields.sections ? [errors.fields.sections] : []);
  useFocusFirstInvalid(formRef, action);

  function onOpenChange(next: boolean) {
    // Each opening starts from the brief as saved (or an empty brief with one section).
    if (next) {
      action.reset();
      setAutomated(initial?.automated ?? false);
      setSections(drafts(initial));
    }
    setOpen(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const brief: BriefForm = {
      title: text("title"),
      automated,
      intervalHours: automated ? text("intervalHours") : undefined,
      sections: sections.map(({ key, source }) => ({
        heading: text(`heading-${key}`),
        source,
        trackerId: source === "tracker" ? text(`tracker-${key}`) : "",
        callIds: source === "direct" ? text(`calls-${key}`) : "",
        emailIds: source === "direct" ? text(`emails-${key}`) : "",
      })),
    };
    run(brief);
  }

  const setSource = (key: number, source: Source) => setSections((all) => all.map((s) => (s.key === key ? { ...s, source } : s)));
  const sectionsId = `${id}-sections`;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent
        wide
        keepOnOutsideClick
        title={title}
        description="Sections built on tracker results use no credits. Sections that process calls or emails use credits each time an automated brief is generated; generating it yourself is free."
      >
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <div className="-mx-1 max-h-[calc(100vh-16rem)] space-y-4 overflow-y-auto px-1 pb-1">
            <FormError message={errors.form} />
            <Field id={`${id}-title`} label="Title" error={errors.fields.title}>
              {(aria) => <Input {...aria} name="title" autoComplete="off" autoFocus maxLength={BRIEF_TITLE_MAX} defaultValue={initial?.title} />}
            </Field>

            <div className="space-y-2">
              <div className="flex items-center gap-2">
                <input
                  id={`${id}-automated`}
                  type="checkbox"
                  checked={automated}
                  onChange={(event) => setAutomated(event.target.checked)}
                  className="size-4 accent-brand-700"
                />
                <Label htmlFor={`${id}-automated`}>Generate automatically</Label>
              </div>
              {automated ? (
                <Field
                  id={`${id}-interval`}
                  label="Every (hours)"
                  hint="An automated brief is skipped, and says why, while credits have run out."
                  error={errors.fields.intervalHours}
                >
                  {(aria) => (
                    <Input
                      {...aria}
                      name="intervalHours"
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={INTERVAL_HOURS_MAX}
                      defaultValue={String(initial?.intervalHours ?? 24)}
                      className="w-32"
                    />
                  )}
                </Field>
              ) : null}
            </div>

            <fieldset className="space-y-3" aria-describedby={sectionErrors.length ? `${sectionsId}-error` : undefined}>
              <legend className="mb-1.5 text-sm font-medium text-neutral-800">Sections</legend>
              {sectionErrors.length ? (
                <div id={`${sectionsId}-error`} role="alert">
                  <ul className="space-y-1 text-sm text-red-700">
                    {sectionErrors.map((message) => (
                      <li key={message}>{message}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {sections.map(({ key, source, initial: values }, index) => (
                <SectionFields
                  key={key}
                  initial={values}
                  id={`${id}-s${key}`}
                  sectionKey={key}
                  number={index + 1}
                  source={source}
                  trackers={trackers}
                  invalid={sectionErrors.some((m) => m.startsWith(`Section ${index + 1}:`))}
                  onSource={(next) => setSource(key, next)}
                  onRemove={sections.length > 1 ? () => setSections((all) => all.filter((s) => s.key !== key)) : undefined}
                />
              ))}
              <Button
                variant="secondary"
                disabled={sections.length >= BRIEF_SECTIONS_MAX}
                onClick={() => setSections((all) => [...all, { key: nextKey.current++, source: trackers.length ? "tracker" : "direct" }])}
              >
                Add section
              </Button>
            </fieldset>
          </div>

          <FormDialogActions pending={action.isPending} label={submit.label} pendingLabel={submit.pending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

function SectionFields({
  initial,
  id,
  sectionKey,
  number,
  source,
  trackers,
  invalid,
  onSource,
  onRemove,
}: {
  initial?: SectionValues;
  id: string;
  sectionKey: number;
  number: number;
  source: Source;
  trackers: readonly TrackerChoice[];
  invalid: boolean;
  onSource: (source: Source) => void;
  onRemove?: () => void;
}) {
  const aria = invalid ? { "aria-invalid": true as const } : {};
  return (
    <fieldset className="relative space-y-3 rounded-md border border-neutral-200 p-3 pt-4">
      {/* The legend names the group ("Section 2"); the button sits beside it, outside the name. */}
      <legend className="float-left h-8 pt-1.5 text-sm font-semibold text-neutral-900">Section {number}</legend>
      {onRemove ? (
        <Button variant="secondary" className="absolute top-3 right-3 h-8 px-3" onClick={onRemove}>
          Remove<span className="sr-only"> section {number}</span>
        </Button>
      ) : null}
      <div className="clear-both" />
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-heading`}>Heading</Label>
          <Input id={`${id}-heading`} name={`heading-${sectionKey}`} autoComplete="off" maxLength={200} defaultValue={initial?.heading} {...aria} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-source`}>Built from</Label>
          <Select id={`${id}-source`} value={source} onChange={(event) => onSource(event.target.value as Source)} aria-describedby={`${id}-source-hint`}>
            <option value="tracker">Tracker results</option>
            <option value="direct">Calls and emails</option>
          </Select>
          <p id={`${id}-source-hint`} className="text-xs text-neutral-500">
            {source === "tracker" ? "Uses no credits: the tracker has already processed them." : "Uses credits each time the brief is generated automatically."}
          </p>
        </div>
      </div>
      {source === "tracker" ? (
        trackers.length ? (
          <div className="space-y-1.5">
            <Label htmlFor={`${id}-tracker`}>Tracker</Label>
            <Select id={`${id}-tracker`} name={`tracker-${sectionKey}`} defaultValue={initial?.trackerId ?? ""} {...aria}>
              <option value="" disabled>
                Choose a tracker
              </option>
              {trackers.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.status === "published" ? t.name : `${t.name} (${t.status})`}
                </option>
              ))}
            </Select>
          </div>
        ) : (
          <p className="text-sm text-neutral-600">Your company has no trackers yet: build this section from calls and emails, or make a tracker first.</p>
        )
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1.5">
            <Label htmlFor={`${id}-calls`}>Call ids</Label>
            <Textarea
              id={`${id}-calls`}
              name={`calls-${sectionKey}`}
              rows={3}
              defaultValue={initial?.callIds}
              {...fieldAria(`${id}-calls`, { hint: true })}
              {...aria}
            />
            <p id={`${id}-calls-hint`} className="text-xs text-neutral-500">
              One per line or separated by commas, as sent to the calls API.
            </p>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor={`${id}-emails`}>Email ids</Label>
            <Textarea
              id={`${id}-emails`}
              name={`emails-${sectionKey}`}
              rows={3}
              defaultValue={initial?.emailIds}
              {...fieldAria(`${id}-emails`, { hint: true })}
              {...aria}
            />
            <p id={`${id}-emails-hint`} className="text-xs text-neutral-500">
              One per line or separated by commas, as sent to the emails API.
            </p>
          </div>
        </div>
      )}
    </fieldset>
  );
}
