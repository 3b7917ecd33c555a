"use client";
// A tracker's filters as form fields (R-TRACK-3), shared by "New tracker" and "Edit filters":
// data types, minimum call length, the owners' teams, participant domains to include and to
// exclude, and "External only". readFilterFields turns the form back into what the server
// actions take; the server checks it all again (domains, team ids of the company).
import { Field, FieldError, fieldAria, Input, Label, textareaClass } from "@/components/ui/field";
import { splitLines } from "@/lib/trackers/filters";
import type { TrackerFiltersForm } from "@/lib/trackers/schemas";

/** The filters a form starts from: as a tracker row keeps them (one value per line). */
export type FilterDefaults = {
  includeCalls: boolean;
  includeEmails: boolean;
  minCallSeconds: number;
  teamIds: string;
  includeDomains: string;
  excludeDomains: string;
  externalOnly: boolean;
};

export const NO_FILTERS: FilterDefaults = {
  includeCalls: true,
  includeEmails: true,
  minCallSeconds: 0,
  teamIds: "",
  includeDomains: "",
  excludeDomains: "",
  externalOnly: false,
};

export const FILTER_FIELDS = ["includeCalls", "minCallMinutes", "teamIds", "includeDomains", "excludeDomains", "externalOnly"];

// A multi-line control styled like the Input primitive.
export const textarea = textareaClass;

export function readFilterFields(form: FormData): Omit<TrackerFiltersForm, "trackerId"> {
  const text = (name: string) => String(form.get(name) ?? "");
  return {
    includeCalls: form.get("includeCalls") === "on",
    includeEmails: form.get("includeEmails") === "on",
    minCallMinutes: text("minCallMinutes"),
    teamIds: form.getAll("teamIds").map(String),
    includeDomains: text("includeDomains"),
    excludeDomains: text("excludeDomains"),
    externalOnly: form.get("externalOnly") === "on",
  };
}

export function TrackerFilterFields({
  idPrefix,
  teams,
  defaults = NO_FILTERS,
  errors,
}: {
  idPrefix: string;
  teams: ReadonlyArray<{ id: string; name: string }>;
  defaults?: FilterDefaults;
  errors: Partial<Record<string, string>>;
}) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const chosenTeams = new Set(splitLines(defaults.teamIds));
  const minutes = defaults.minCallSeconds > 0 ? String(Number((defaults.minCallSeconds / 60).toFixed(2))) : "";
  return (
    <>
      <fieldset className="space-y-1.5" aria-describedby={errors.includeCalls ? `${id("include")}-error` : undefined}>
        <legend className="mb-1.5 text-sm font-medium text-neutral-800">Data</legend>
        <div className="flex gap-6">
          <Checkbox
            id={id("include-calls")}
            name="includeCalls"
            label="Calls"
            defaultChecked={defaults.includeCalls}
            invalid={!!errors.includeCalls}
            describedBy={errors.includeCalls ? `${id("include")}-error` : undefined}
          />
          <Checkbox
            id={id("include-emails")}
            name="includeEmails"
            label="Emails"
            defaultChecked={defaults.includeEmails}
            invalid={!!errors.includeCalls}
            describedBy={errors.includeCalls ? `${id("include")}-error` : undefined}
          />
        </div>
        <FieldError id={id("include")} message={errors.includeCalls} />
      </fieldset>

      <div className="space-y-1.5">
        <Label htmlFor={id("min-call")}>Minimum call length (minutes)</Label>
        <Input
          id={id("min-call")}
          name="minCallMinutes"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={minutes}
          className="sm:w-40"
          {...fieldAria(id("min-call"), { error: errors.minCallMinutes, hint: true })}
        />
        <p id={`${id("min-call")}-hint`} className="text-xs text-neutral-500">
          Optional: shorter calls are skipped.
        </p>
        <FieldError id={id("min-call")} message={errors.minCallMinutes} />
      </div>

      <fieldset className="space-y-1.5" aria-describedby={[`${id("teams")}-hint`, errors.teamIds ? `${id("teams")}-error` : ""].join(" ").trim()}>
        <legend className="mb-1.5 text-sm font-medium text-neutral-800">Teams</legend>
        {teams.length === 0 ? (
          <p className="text-sm text-neutral-600">Your company has no teams yet; a Tech admin creates them on the Teams page.</p>
        ) : (
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {teams.map((t) => (
              <Checkbox
                key={t.id}
                id={id(`team-${t.id}`)}
                name="teamIds"
                value={t.id}
                label={t.name}
                defaultChecked={chosenTeams.has(t.id)}
                invalid={!!errors.teamIds}
                describedBy={errors.teamIds ? `${id("teams")}-error` : undefined}
              />
            ))}
          </div>
        )}
        <p id={`${id("teams")}-hint`} className="text-xs text-neutral-500">
          Only calls and emails owned by members of the teams checked. None checked: any owner.
        </p>
        <FieldError id={id("teams")} message={errors.teamIds} />
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <DomainsField
          id={id("include-domains")}
          name="includeDomains"
          label="Participant domains to include"
          hint="Only items with a participant at one of these. One per line or separated by commas."
          defaultValue={defaults.includeDomains}
          error={errors.includeDomains}
        />
        <DomainsField
          id={id("exclude-domains")}
          name="excludeDomains"
          label="Domains to exclude"
          hint="Items with a participant at any of these are skipped."
          defaultValue={defaults.excludeDomains}
          error={errors.excludeDomains}
        />
      </div>

      <div className="space-y-1">
        <Checkbox
          id={id("external-only")}
          name="externalOnly"
          label="External only"
          defaultChecked={defaults.externalOnly}
          invalid={!!errors.externalOnly}
          describedBy={`${id("external-only")}-hint`}
        />
        <p id={`${id("external-only")}-hint`} className="pl-6 text-xs text-neutral-500">
          Only items with at least one participant outside your company&rsquo;s own email domains.
        </p>
        <FieldError id={id("external-only")} message={errors.externalOnly} />
      </div>
    </>
  );
}

function DomainsField({
  id,
  name,
  label,
  hint,
  defaultValue,
  error,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  defaultValue: string;
  error?: string;
}) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <textarea
        id={id}
        name={name}
        rows={2}
        maxLength={2000}
        defaultValue={defaultValue}
        placeholder="example.com"
        className={textarea}
        {...fieldAria(id, { error, hint: true })}
      />
      <p id={`${id}-hint`} className="text-xs text-neutral-500">
        {hint}
      </p>
      <FieldError id={id} message={error} />
    </div>
  );
}

function Checkbox({
  id,
  name,
  label,
  value,
  defaultChecked,
  invalid = false,
  describedBy,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  defaultChecked: boolean;
  invalid?: boolean;
  describedBy?: string;
}) {
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="size-4 accent-brand-700"
      />
      <Label htmlFor={id}>{label}</Label>
    </div>
  );
}

/** "Backfill days", in New tracker and Edit filters; `fixed` once the tracker has taken its history. */
export function BackfillField({
  id,
  hint,
  defaultValue,
  error,
  fixed = false,
}: {
  id: string;
  hint: string;
  defaultValue: string;
  error?: string;
  fixed?: boolean;
}) {
  return (
    <Field id={id} label="Backfill days" hint={hint} error={error}>
      {(aria) => (
        <Input {...aria} name="backfillDays" inputMode="numeric" autoComplete="off" defaultValue={defaultValue} disabled={fixed} className="sm:w-40" />
      )}
    </Field>
  );
}
