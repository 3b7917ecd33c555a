// The CSV stream's watchdog: a reader that stops taking rows ends the stream, and the stream lets
// go of its rows (and the database transaction behind them) even when ending them fails.
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { eventually } from "../../test/support/instances";
import { csvField, csvLine, csvStream, textCell, textField } from "./csv";

describe("CSV lines", () => {
  // Text built from the characters that matter to quoting, and any others.
  const field = fc.oneof(
    fc.string(),
    fc
      .array(fc.constantFrom('"', ",", "\r", "\n", "\ufeff", " ", "a", "'", "=", "+", "-", "@", "|", "＝", "\0", "1", "é", "\t", "\u00a0", "\u3000"), {
        maxLength: 8,
      })
      .map((cs) => cs.join("")),
  );

  it("quotes and escapes every field as papaparse does", () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 6 }), (fields) => csvLine(fields) === Papa.unparse([fields], { newline: "\r\n" })),
      { numRuns: 2000 },
    );
    expect(csvLine(["a b", " lead", "trail ", 'say "hi"', "x,y", "1\r\n2", "\ufeffbom"])).toBe('a b," lead","trail ","say ""hi""","x,y","1\r\n2","\ufeffbom"');
  });

  it("writes a text cell's field as neutralising then quoting it would, and leaves plain text as it is", () => {
    fc.assert(
      fc.property(field, (value) => textField(value) === csvField(textCell(value))),
      { numRuns: 5000 },
    );
    for (const plain of ["", "Ask Anything API", "user_01", "a-b", "x=1"]) expect(textField(plain)).toBe(plain);
    expect(textField("=1+1")).toBe("'=1+1");
    expect(textField("-1, 2")).toBe(`"'-1, 2"`);
    // Spaces or a byte order mark before a formula are trimmed by some spreadsheets: still neutralised.
    expect(textField(" =1+1")).toBe("' =1+1");
    expect(textField("\ufeff=HYPERLINK(1)")).toBe(`"'\ufeff=HYPERLINK(1)"`);
    expect(textField("\u00a0@SUM(1)")).toBe("'\u00a0@SUM(1)");
    expect(textField(" \t=1")).toBe("' \t=1");
    expect(textField(" \n@x")).toBe(`"' \n@x"`);
    expect(textField(" plain")).toBe('" plain"');
  });

  it("reads back, through papaparse, as the fields it was written from", () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 2, maxLength: 6 }), (fields) => {
        const parsed = Papa.parse<string[]>(csvLine(fields), { newline: "\r\n", delimiter: "," });
        return JSON.stringify(parsed.data[0]) === JSON.stringify(fields);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a stalled CSV stream", () => {
  it("errors for its reader, ends its rows once, and leaves no unhandled rejection when ending them fails", async () => {
    let done = 0;
    let ended = 0;
    async function* pages() {
      try {
        yield ["a"];
        yield ["b"];
      } finally {
        ended++;
        // biome-ignore lint/correctness/noUnsafeFinally: a source whose cleanup fails is the case under test
        throw new Error("ending the rows failed");
      }
    }
    const stream = csvStream(["Header"], pages(), { onDone: () => done++, stallMs: 50 });
    const reader = stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("Header\r\n");
    // The reader takes nothing more: the first page waits in the queue until the watchdog fires.
    await eventually("the watchdog ends the stream", async () => done === 1, 5_000);
    await expect(reader.read()).rejects.toThrow("the reader took nothing for 50 ms");
    expect(ended).toBe(1);
    expect(done).toBe(1);
  });
});
