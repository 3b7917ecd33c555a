// CSV out, streamed: rows are pulled from the database a page at a time and written with
// papaparse (RFC 4180 quoting, CRLF), so a million rows never sit in memory at once. Text cells
// that a spreadsheet would run as a formula get a leading apostrophe (R-REPORT-5); amounts are
// not text cells, so "-0.3" stays a number.
import Papa from "papaparse";

const FORMULA_START = /^[=+\-@\t\r\n\0＝＋－＠|]/;

/** A text cell, neutralised if it would start a formula. */
export function textCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvStreamOptions = {
  /** Called once when the stream ends for any reason: finished, failed, cancelled or stalled. */
  onDone?: () => void;
  /**
   * A reader that takes nothing for this long has stalled: the stream fails and lets go of its
   * database transaction, so an abandoned download never holds a connection for long.
   */
  stallMs?: number;
};

/** The header, then one chunk of CSV per page of rows; pulled, so a slow reader slows the query. */
export function csvStream(header: readonly string[], pages: AsyncIterable<string[][]>, { onDone, stallMs }: CsvStreamOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let headerSent = false;
  let finished = false;
  let stallTimer: NodeJS.Timeout | undefined;
  const csv = (rows: string[][]) => encoder.encode(`${Papa.unparse(rows, { newline: "\r\n" })}\r\n`);
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
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      clearTimeout(stallTimer);
      try {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(csv([[...header]]));
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
