// What a person sends to draft a tracker and to act on one, checked by the server actions and
// named field by field, so each message lands beside its field. Zod only.
import { z } from "zod";

/** Calls and emails are kept this long; a backfill cannot reach further. */
export const MAX_BACKFILL_DAYS = 365;
/** A minimum call length is asked in minutes, up to a day. */
export const MAX_MIN_CALL_MINUTES = 1440;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Domains typed one per line or separated by commas, as the Tracker row keeps them: one per line, lower case. */
const domainList = (label: string) =>
  z
    .string()
    .max(2000, `${label} are at most 2000 characters.`)
    .default("")
    .transform((text, ctx) => {
      const domains = [
        ...new Set(
          text
            .split(/[\s,]+/)
            .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
            .filter(Boolean),
        ),
      ];
      const bad = domains.find((d) => !DOMAIN.test(d));
      if (bad) ctx.addIssue({ code: "custom", message: `"${bad}" is not a domain (like example.com).` });
      return domains.join("\n");
    });

/** The filters a tracker takes (R-TRACK-3), as its form sends them and its row keeps them. */
export const TrackerFilterFields = {
  teamIds: z
    .array(z.string().min(1))
    .max(100, "Choose at most 100 teams.")
    .default([])
    .transform((ids) => [...new Set(ids)].join("\n")),
  includeDomains: domainList("Domains to include"),
  excludeDomains: domainList("Domains to exclude"),
  externalOnly: z.boolean().default(false),
};

const MIN_CALL_NOT_A_NUMBER = "Minimum call length must be a number of minutes, such as 5.";

/** Empty means no minimum; the form sends text, other callers a number. */
const minCallMinutes = z.preprocess(
  (value) => (value === undefined || (typeof value === "string" && value.trim() === "") ? 0 : typeof value === "string" ? Number(value.trim()) : value),
  z
    .number({ error: MIN_CALL_NOT_A_NUMBER })
    .min(0, "Minimum call length must not be negative.")
    .max(MAX_MIN_CALL_MINUTES, `A minimum call length is at most ${MAX_MIN_CALL_MINUTES.toLocaleString("en-US")} minutes (a day).`),
);

/** The fields the cross-field rules read. */
const RULE_FIELDS = new Set(["type", "question", "phrases", "includeCalls", "includeEmails"]);
/**
 * Cross-field rules are checked even when another field (the backfill, say) is refused, so a form
 * shows every message at once; only a refusal of the fields these rules read holds them back.
 */
const whenRuleFieldsParsed = {
  when: ({ issues }: { issues: readonly { path?: readonly PropertyKey[] }[] }) => issues.every((issue) => !RULE_FIELDS.has(String(issue.path?.[0]))),
};

/** How many past days a tracker processes when it is published. */
const backfillDays = z.coerce
  .number({ message: "Backfill days must be a number." })
  .int("Backfill days must be a whole number.")
  .min(0, "Backfill days must not be negative.")
  .max(MAX_BACKFILL_DAYS, `Calls and emails are kept for ${MAX_BACKFILL_DAYS} days: backfill at most ${MAX_BACKFILL_DAYS} days.`);

/** A draft as typed; parsed, its minimum call length is in seconds, as stored. */
export const TrackerDraft = z
  .object({
    name: z.string().trim().min(1, "Name the tracker.").max(100, "A name is at most 100 characters."),
    type: z.enum(["question", "pretrained"], { message: "Choose Question-based or Pretrained." }),
    question: z.string().trim().max(1000, "A question is at most 1000 characters.").default(""),
    phrases: z.string().trim().max(2000, "Phrases are at most 2000 characters.").default(""),
    includeCalls: z.boolean().default(true),
    includeEmails: z.boolean().default(true),
    minCallMinutes,
    backfillDays,
    ...TrackerFilterFields,
  })
  .superRefine((t, ctx) => {
    if (t.type === "question" && t.question === "") ctx.addIssue({ code: "custom", path: ["question"], message: "A question-based tracker needs a question." });
    if (t.type === "pretrained" && t.phrases === "" && t.question === "")
      ctx.addIssue({ code: "custom", path: ["phrases"], message: "A pretrained tracker needs phrases to look for." });
    if (!t.includeCalls && !t.includeEmails) ctx.addIssue({ code: "custom", path: ["includeCalls"], message: "Track calls, emails or both." });
  }, whenRuleFieldsParsed)
  .transform(({ minCallMinutes, ...draft }) => ({ ...draft, minCallSeconds: Math.round(minCallMinutes * 60) }));

/** What the "New tracker" form sends. */
export type TrackerDraftForm = z.input<typeof TrackerDraft>;
/** The same, checked: what createDraft stores. */
export type TrackerDraftInput = z.output<typeof TrackerDraft>;

const trackerId = z.string().trim().min(1, "Choose a tracker.").max(100, "That is not a tracker id.");

/** Publish, unpublish, resume and the estimate name one tracker of the caller's company. */
export const TrackerId = z.object({ trackerId });

/**
 * "Edit filters" on one tracker (R-TRACK-1/3): its data types, minimum call length and the people
 * filters, all of them, and its backfill (left out: unchanged); parsed, the minimum call length is
 * in seconds, as stored.
 */
export const TrackerFiltersUpdate = z
  .object({
    trackerId,
    includeCalls: z.boolean().default(true),
    includeEmails: z.boolean().default(true),
    minCallMinutes,
    backfillDays: backfillDays.optional(),
    ...TrackerFilterFields,
  })
  .superRefine((t, ctx) => {
    if (!t.includeCalls && !t.includeEmails) ctx.addIssue({ code: "custom", path: ["includeCalls"], message: "Track calls, emails or both." });
  }, whenRuleFieldsParsed)
  .transform(({ minCallMinutes, ...filters }) => ({ ...filters, minCallSeconds: Math.round(minCallMinutes * 60) }));

/** What "Edit filters" sends. */
export type TrackerFiltersForm = z.input<typeof TrackerFiltersUpdate>;
/** The filters as stored: domains and team ids one per line. */
export type TrackerFiltersInput = Omit<z.output<typeof TrackerFiltersUpdate>, "trackerId">;
