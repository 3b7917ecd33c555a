// What the "New brief" dialog sends, checked by its server action: a title, whether the brief is
// generated automatically and how often, and its sections, each built on a tracker's results
// (free) or on calls and emails named by id (charged at each automated generation). A section's
// problem is keyed by its path ("sections.2.callIds"), so the dialog shows it beside its field.
// Whether the tracker, calls and emails are the company's is the domain's to check: it needs the
// database.
import { z } from "zod";

export const BRIEF_TITLE_MAX = 200;
export const BRIEF_SECTIONS_MAX = 20;
export const SECTION_IDS_MAX = 200;
export const INTERVAL_HOURS_MAX = 24 * 31;

/** Ids typed one per line or separated by commas, without blanks or repeats. */
export function splitIds(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** The fields of a section a problem can be about. */
export type SectionField = "heading" | "trackerId" | "callIds" | "emailIds";

const FormSection = z.object({
  heading: z.string().trim().max(200, "A section heading is at most 200 characters.").default(""),
  source: z.enum(["tracker", "direct"], { error: "Choose what the section is built from." }),
  trackerId: z.string().trim().max(100).default(""),
  callIds: z.string().max(20_000).default(""),
  emailIds: z.string().max(20_000).default(""),
});

export const BriefFormInput = z.object({
  title: z
    .string({ error: "Name the brief." })
    .trim()
    .min(1, "Name the brief, such as “Weekly pipeline”.")
    .max(BRIEF_TITLE_MAX, `A brief's title is at most ${BRIEF_TITLE_MAX} characters.`),
  automated: z.boolean().default(false),
  // A cleared field is refused, not taken as the default.
  intervalHours: z
    .preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? Number.NaN : v),
      z.coerce
        .number({ error: "Enter how many hours apart, such as 24." })
        .int("Enter a whole number of hours, such as 24.")
        .min(1, "An automated brief runs at most once an hour.")
        .max(INTERVAL_HOURS_MAX, `An automated brief runs at least once every ${INTERVAL_HOURS_MAX} hours (31 days).`),
    )
    .default(24),
  sections: z
    .array(FormSection, { error: "Add at least one section." })
    .min(1, "Add at least one section.")
    .max(BRIEF_SECTIONS_MAX, `A brief has at most ${BRIEF_SECTIONS_MAX} sections.`)
    .transform((sections, ctx) =>
      sections.map((s, i) => {
        const problem = (field: SectionField, message: string) => ctx.addIssue({ code: "custom", path: [i, field], message });
        if (!s.heading) problem("heading", "Give the section a heading.");
        if (s.source === "tracker") {
          if (!s.trackerId) problem("trackerId", "Choose the tracker whose results it shows.");
          return { source: "tracker" as const, heading: s.heading, trackerId: s.trackerId };
        }
        const callIds = splitIds(s.callIds);
        const emailIds = splitIds(s.emailIds);
        if (callIds.length + emailIds.length === 0) problem("callIds", "Name at least one call or email by its id.");
        if (callIds.length > SECTION_IDS_MAX) problem("callIds", `Name at most ${SECTION_IDS_MAX} calls.`);
        if (emailIds.length > SECTION_IDS_MAX) problem("emailIds", `Name at most ${SECTION_IDS_MAX} emails.`);
        return { source: "direct" as const, heading: s.heading, callIds, emailIds };
      }),
    ),
});

/** A change to one of the company's briefs: the same fields, all of them. */
export const UpdateBriefFormInput = BriefFormInput.extend({ briefId: z.string().trim().min(1, "Choose a brief.").max(100, "That is not a brief id.") });

/** What the dialog sends. */
export type BriefForm = z.input<typeof BriefFormInput>;
