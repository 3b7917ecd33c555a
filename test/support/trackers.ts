// Tracker drafts for tests: question-based, over calls and emails of the last week, no filters.
import type { TrackerDraftInput } from "../../lib/trackers/schemas";

export function questionDraft(name: string, question = "Did they discuss pricing?", extra: Partial<TrackerDraftInput> = {}): TrackerDraftInput {
  return {
    name,
    type: "question",
    question,
    phrases: "",
    includeCalls: true,
    includeEmails: true,
    minCallSeconds: 0,
    backfillDays: 7,
    teamIds: "",
    includeDomains: "",
    excludeDomains: "",
    externalOnly: false,
    ...extra,
  };
}
