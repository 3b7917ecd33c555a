"use client";
// "New brief" and a brief's "Edit": one dialog with the brief's title, whether it is generated
// automatically and every how many hours, and its sections (up to 20), each with a heading and
// what it is built from: a tracker's results (no credits) or calls and emails named by id
// (credits at each automated generation). The server checks it all, and every problem with the
// sections is listed above them. An edit replaces the sections whole; versions made stay.
import { useAction } from "next-safe-action/hooks";
import { type FormEvent, type ReactElement, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger, FormDialogActions } from "@/components/ui/dialog";
import { Field, FieldError, FormError, Input, Label, Select, Textarea } from "@/components/ui/field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-invalid";
import { useSavedDialog } from "@/components/ui/use-saved-dialog";
import { type ActionOutcome, actionErrors } from "@/lib/actions/result";
import { createBriefAction, updateBriefAction } from "@/lib/briefs/actions";
import { BRIEF_SECTIONS_MAX, BRIEF_TITLE_MAX, type BriefForm, INTERVAL_HOURS_MAX, type SectionField } from "@/lib/briefs/schemas";

type Source = "tracker" | "direct";
/** A section as the form shows it: ids as typed, one per line. */
type SectionValues = { heading: string; source: Source; trackerId: string; callIds: string; emailIds: string };
type SectionDraft = { key: number; source: Source; initial?: SectionValues };
export type TrackerChoice = { id: string; name: string; status: string };
/** A brief as saved, to edit. */
export type BriefFormValues = { id: string; title: string; automated: boolean; intervalHours: number; sections: SectionValues[] };

const FIELDS = ["title", "intervalHours", "sections"];
const SECTION_FIELDS: readonly SectionField[] = ["heading", "trackerId", "callIds", "emailIds"];
const SECTION_PATH = /^sections\.(\d+)\.(heading|trackerId|callIds|emailIds)$/;

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
  // A section's problems come keyed by their field's path ("sections.2.callIds"), from the
  // schema and from the server's checks alike, by the section's place when the form was sent:
  // each shows beside its field in that section, wherever it has moved since; a removed
  // section's go with it. One about a field the section no longer shows is the form's message.
  const submittedKeys = useRef<number[]>([]);
  /** Whether a path's message stays with a section field: shown beside it, or gone with its removed section. */
  const staysWithSection = (path: string) => {
    const match = SECTION_PATH.exec(path);
    if (!match) return false;
    const section = sections.find((s) => s.key === submittedKeys.current[Number(match[1])]);
    const field = match[2] as SectionField;
    return !section || field === "heading" || (field === "trackerId") === (section.source === "tracker");
  };
  const sentPaths = [...Object.keys(action.result.validationErrors?.fieldErrors ?? {}), action.result.serverError?.field ?? ""];
  const errors = actionErrors(action, {
    fields: [...FIELDS, ...sentPaths.filter(staysWithSection)],
    unreachable: `${submit.notSent}: the server could not be reached. Check your connection and try again.`,
  });
  const sectionErrors = (key: number) => {
    const index = submittedKeys.current.indexOf(key);
    if (index === -1) return {};
    return Object.fromEntries(SECTION_FIELDS.map((field) => [field, errors.fields[`sections.${index}.${field}`]])) as Partial<Record<SectionField, string>>;
  };
  useFocusFirstInvalid(formRef, action);

  // After "Add section", the new section's heading has focus; after "Remove", "Add section" has.
  const [focusNext, setFocusNext] = useState<number | "add" | null>(null);
  useEffect(() => {
    if (focusNext === null) return;
    document.getElementById(focusNext === "add" ? `${id}-add` : `${id}-s${focusNext}-heading`)?.focus();
    setFocusNext(null);
  }, [focusNext, id]);

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
      // Unchecked, the interval stays as saved (the next "Automate" uses it).
      intervalHours: automated ? text("intervalHours") : initial?.intervalHours,
      sections: sections.map(({ key, source }) => ({
        heading: text(`heading-${key}`),
        source,
        trackerId: source === "tracker" ? text(`tracker-${key}`) : "",
        callIds: source === "direct" ? text(`calls-${key}`) : "",
        emailIds: source === "direct" ? text(`emails-${key}`) : "",
      })),
    };
    submittedKeys.current = sections.map((s) => s.key);
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

            <fieldset className="space-y-3" aria-describedby={errors.fields.sections ? `${sectionsId}-error` : undefined}>
              <legend className="mb-1.5 text-sm font-medium text-neutral-800">Sections</legend>
              <FieldError id={sectionsId} message={errors.fields.sections} />
              {sections.map(({ key, source, initial: values }, index) => (
                <SectionFields
                  key={key}
                  initial={values}
                  id={`${id}-s${key}`}
                  sectionKey={key}
                  number={index + 1}
                  source={source}
                  trackers={trackers}
                  errors={sectionErrors(key)}
                  onSource={(next) => setSource(key, next)}
                  onRemove={
                    sections.length > 1
                      ? () => {
                          setSections((all) => all.filter((s) => s.key !== key));
                          setFocusNext("add");
                        }
                      : undefined
                  }
                />
              ))}
              <Button
                id={`${id}-add`}
                variant="secondary"
                disabled={sections.length >= BRIEF_SECTIONS_MAX}
                onClick={() => {
                  const key = nextKey.current++;
                  setSections((all) => [...all, { key, source: trackers.length ? "tracker" : "direct" }]);
                  setFocusNext(key);
                }}
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
  errors,
  onSource,
  onRemove,
}: {
  initial?: SectionValues;
  id: string;
  sectionKey: number;
  number: number;
  source: Source;
  trackers: readonly TrackerChoice[];
  errors: Partial<Record<SectionField, string>>;
  onSource: (source: Source) => void;
  onRemove?: () => void;
}) {
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
        <Field id={`${id}-heading`} label="Heading" error={errors.heading} context={`Section ${number}`}>
          {(aria) => <Input {...aria} name={`heading-${sectionKey}`} autoComplete="off" maxLength={200} defaultValue={initial?.heading} />}
        </Field>
        <Field
          id={`${id}-source`}
          label="Built from"
          context={`Section ${number}`}
          hint={
            source === "tracker" ? "Uses no credits: the tracker has already processed them." : "Uses credits each time the brief is generated automatically."
          }
          // With no tracker to choose, a tracker section's problem is this choice.
          error={
            source === "tracker" && !trackers.length && errors.trackerId
              ? "Your company has no trackers yet: build this section from calls and emails."
              : undefined
          }
        >
          {(aria) => (
            <Select {...aria} value={source} onChange={(event) => onSource(event.target.value as Source)}>
              <option value="tracker">Tracker results</option>
              <option value="direct">Calls and emails</option>
            </Select>
          )}
        </Field>
      </div>
      {source === "tracker" ? (
        trackers.length ? (
          <Field id={`${id}-tracker`} label="Tracker" error={errors.trackerId} context={`Section ${number}`}>
            {(aria) => (
              <Select {...aria} name={`tracker-${sectionKey}`} defaultValue={initial?.trackerId ?? ""}>
                <option value="" disabled>
                  Choose a tracker
                </option>
                {trackers.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.status === "published" ? t.name : `${t.name} (${t.status})`}
                  </option>
                ))}
                {/* A saved tracker the list does not hold stays chosen, rather than the first listed. */}
                {initial?.trackerId && !trackers.some((t) => t.id === initial.trackerId) ? (
                  <option value={initial.trackerId}>The tracker chosen before</option>
                ) : null}
              </Select>
            )}
          </Field>
        ) : (
          <p className="text-sm text-neutral-600">Your company has no trackers yet: build this section from calls and emails, or make a tracker first.</p>
        )
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id={`${id}-calls`}
            label="Call ids"
            hint="One per line or separated by commas, as sent to the calls API."
            error={errors.callIds}
            context={`Section ${number}`}
          >
            {(aria) => <Textarea {...aria} name={`calls-${sectionKey}`} rows={3} defaultValue={initial?.callIds} />}
          </Field>
          <Field
            id={`${id}-emails`}
            label="Email ids"
            hint="One per line or separated by commas, as sent to the emails API."
            error={errors.emailIds}
            context={`Section ${number}`}
          >
            {(aria) => <Textarea {...aria} name={`emails-${sectionKey}`} rows={3} defaultValue={initial?.emailIds} />}
          </Field>
        </div>
      )}
    </fieldset>
  );
}
