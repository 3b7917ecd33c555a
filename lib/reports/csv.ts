// CSV out, streamed: rows are pulled from the database a page at a time and written as RFC 4180
// lines (CRLF), so a million rows never sit in memory at once. Text cells that a spreadsheet
// would run as a formula get a leading apostrophe (R-REPORT-5); amounts are not text cells, so
// "-0.3" stays a number. Fields are quoted by papaparse's rules (csv.test.ts compares the two);
// written here, the quoting is a scan per field instead of papaparse's regular expressions and
// per-field option checks, which were a sixth of a million-row export.

/**
 * What a spreadsheet may run as a formula: a formula character, or a tab, a line break or NUL,
 * at the start, or a formula character after spaces, tabs, line breaks or byte order marks (some
 * spreadsheets trim those before reading the cell).
 */
const FORMULA_START = /^(?:[\t\r\n\0]|[ \t\r\n\u00a0\u3000\ufeff]*[=+\-@＝＋－＠|])/;

/** A text cell, neutralised if it would start a formula. */
export function textCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;

/** One field: quoted when it holds a quote, a comma, a line break or a byte order mark, or starts or ends with a space. */
export function csvField(value: string): string {
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

/** One line of fields, without its line break. */
export function csvLine(fields: readonly string[]): string {
  let line = csvField(fields[0] ?? "");
  for (let i = 1; i < fields.length; i++) line += `,${csvField(fields[i]!)}`;
  return line;
}

/** A text cell that is already a finished field: no formula start, nothing to quote. */
const PLAIN = /^(?![=+\-@\t\r\n\0＝＋－＠| \u00a0\u3000])[^",\r\n\ufeff]*(?<! )$/;

/** A text cell as a finished CSV field: neutralised, then quoted as needed. Most cells are plain: one test. */
export function textField(value: string): string {
  return PLAIN.test(value) ? value : csvField(textCell(value));
}

export type CsvStreamOptions = {
  /** Called once when the stream ends for any reason: finished, failed, cancelled or stalled. */
  onDone?: () => void;
  /**
   * A reader that takes nothing for this long has stalled: the stream fails and lets go of its
   * database transaction, so an abandoned download never holds a connection for long.
   */
  stallMs?: number;
  /**
   * Aborted when the download's client went away (a route handler's `request.signal`): the
   * stream lets go of its rows at once, even when nobody ever read or cancelled its body.
   */
  signal?: AbortSignal;
};

/**
 * The header, then one chunk of CSV per page of lines (each a finished line, without its break);
 * pulled, so a slow reader slows the query.
 */
export function csvStream(
  header: readonly string[],
  pages: AsyncIterable<readonly string[]>,
  { onDone, stallMs, signal }: CsvStreamOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let headerSent = false;
  let finished = false;
  let stallTimer: NodeJS.Timeout | undefined;
  const csv = (lines: readonly string[]) => encoder.encode(`${lines.join("\r\n")}\r\n`);
  const finish = async () => {
    if (finished) return;
    finished = true;
    clearTimeout(stallTimer);
    try {
      await iterator.return?.();
    } finally {
      onDone?.();
    }
  };
  if (signal) {
    const abandoned = () => finish().catch((error) => console.error("ending an abandoned export failed:", error));
    if (signal.aborted) void abandoned();
    else signal.addEventListener("abort", abandoned, { once: true });
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      clearTimeout(stallTimer);
      try {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(csv([csvLine(header)]));
        } else {
          const next = await iterator.next();
          if (next.done) {
            controller.close();
            await finish();
            return;
          }
          if (next.value.length) controller.enqueue(csv(next.value));
        }
      } catch (error) {
        await finish();
        throw error;
      }
      if (stallMs !== undefined) {
        stallTimer = setTimeout(() => {
          controller.error(new Error(`the reader took nothing for ${stallMs} ms`));
          // Nobody awaits a timer: a failure to end the rows is logged, never left unhandled
          // (an unhandled rejection would take the whole server process down).
          finish().catch((error) => console.error("ending a stalled export failed:", error));
        }, stallMs);
      }
    },
    async cancel() {
      await finish();
    },
  });
}
