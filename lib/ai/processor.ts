// What answers questions and writes briefs from calls and emails, behind one interface, so a
// model-backed processor can replace the built-in one without touching charging. The built-in
// processor is deterministic and says what it does: it finds the passages that contain the
// question's words and quotes them; it does not interpret or summarize.

export type ProcessedItem = { kind: "call" | "email"; externalId: string; title: string; text: string; at: Date; durationSeconds?: number };

export interface Processor {
  answer(question: string, items: readonly ProcessedItem[]): string;
  brief(title: string, items: readonly ProcessedItem[]): string;
}

const STOPWORDS = new Set(
  "the and for are was were did does what which who whom when where why how with about from that this there their they them have has had not but any all can could would should into onto than then our your you his her its our out over".split(
    " ",
  ),
);
const MAX_QUOTES = 10;

function terms(question: string): string[] {
  const words = question.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  return [...new Set(words.filter((w) => !STOPWORDS.has(w)))];
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const label = (item: ProcessedItem) => `${item.kind} ${item.externalId}${item.title ? ` "${item.title}"` : ""}`;

export const builtinProcessor: Processor = {
  answer(question, items) {
    if (items.length === 0) return "No calls or emails were named, so there was nothing to search. Name calls or emails by their ids to get an answer.";
    const wanted = terms(question);
    if (wanted.length === 0) return "The question has no words to search for; ask about something the calls or emails would mention.";
    const quotes: string[] = [];
    const matchedItems = new Set<string>();
    for (const item of items) {
      for (const sentence of sentences(`${item.title}. ${item.text}`)) {
        const lower = sentence.toLowerCase();
        if (wanted.some((w) => lower.includes(w))) {
          matchedItems.add(`${item.kind}:${item.externalId}`);
          if (quotes.length < MAX_QUOTES) quotes.push(`- ${label(item)}: “${sentence.slice(0, 300)}”`);
        }
      }
    }
    const searched = `${items.length} item${items.length === 1 ? "" : "s"}`;
    const words = wanted.map((w) => `"${w}"`).join(", ");
    if (quotes.length === 0) return `None of the ${searched} searched mention ${words}.`;
    return [`Passages mentioning ${words}, found in ${matchedItems.size} of the ${searched} searched:`, ...quotes].join("\n");
  },
  brief(title, items) {
    const calls = items.filter((i) => i.kind === "call");
    const emails = items.filter((i) => i.kind === "email");
    const first = (item: ProcessedItem) => sentences(item.text)[0]?.slice(0, 200) ?? "(no text)";
    const lines = [
      `# ${title}`,
      "",
      `Built from ${calls.length} call${calls.length === 1 ? "" : "s"} and ${emails.length} email${emails.length === 1 ? "" : "s"}.`,
    ];
    if (calls.length)
      lines.push(
        "",
        "## Calls",
        ...calls.map((c) => `- ${c.at.toISOString().slice(0, 10)} ${label(c)} (${Math.round((c.durationSeconds ?? 0) / 60)} min): ${first(c)}`),
      );
    if (emails.length) lines.push("", "## Emails", ...emails.map((e) => `- ${e.at.toISOString().slice(0, 10)} ${label(e)}: ${first(e)}`));
    return lines.join("\n");
  },
};

/**
 * A processor that fails on request, for tests of what a failure does (R-HOLD-1): it throws when
 * the question or title contains `marker`, and otherwise is `inner`.
 */
export function failingWhen(marker: string, inner: Processor = builtinProcessor): Processor {
  const check = (text: string) => {
    if (text.includes(marker)) throw new Error(`processing failed on purpose: the text contains "${marker}"`);
  };
  return {
    answer: (question, items) => {
      check(question);
      return inner.answer(question, items);
    },
    brief: (title, items) => {
      check(title);
      return inner.brief(title, items);
    },
  };
}

/**
 * The processor requests use: the built-in one, or, when PROCESSOR_FAILS_WHEN is set (a test
 * setting, see the README), the built-in one failing on questions and titles that contain it.
 */
export function defaultProcessor(env: Record<string, string | undefined> = process.env): Processor {
  const marker = env.PROCESSOR_FAILS_WHEN;
  return marker ? failingWhen(marker) : builtinProcessor;
}
