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

/** The header, then one chunk of CSV per page of rows; pulled, so a slow reader slows the query. */
export function csvStream(header: readonly string[], pages: AsyncIterable<string[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let headerSent = false;
  const csv = (rows: string[][]) => encoder.encode(`${Papa.unparse(rows, { newline: "\r\n" })}\r\n`);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(csv([[...header]]));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else if (next.value.length) controller.enqueue(csv(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
