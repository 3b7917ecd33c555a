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

const ROWS_PER_CHUNK = 2000;

export function csvStream(header: readonly string[], rows: AsyncIterable<readonly string[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk: (readonly string[])[] = [];
      if (!headerSent) {
        chunk.push(header);
        headerSent = true;
      }
      while (chunk.length < ROWS_PER_CHUNK) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk.length) controller.enqueue(encoder.encode(`${Papa.unparse(chunk as string[][], { newline: "\r\n" })}\r\n`));
          controller.close();
          return;
        }
        chunk.push(next.value);
      }
      controller.enqueue(encoder.encode(`${Papa.unparse(chunk as string[][], { newline: "\r\n" })}\r\n`));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
