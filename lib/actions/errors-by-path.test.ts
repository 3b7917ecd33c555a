// Validation errors keyed by each field's full path, from next-safe-action's formatted shape.
import { describe, expect, it } from "vitest";
import { errorsByPath } from "./errors-by-path";

describe("errorsByPath", () => {
  it("keys each message by its field's full path, and keeps the form's own", () => {
    expect(
      errorsByPath({
        _errors: ["Something about the whole form."],
        title: { _errors: ["Name the brief."] },
        sections: { _errors: ["Add at least one section."], 0: { heading: { _errors: ["Give it a heading."] } }, 2: { callIds: { _errors: ["A", "B"] } } },
      }),
    ).toEqual({
      formErrors: ["Something about the whole form."],
      fieldErrors: {
        title: ["Name the brief."],
        sections: ["Add at least one section."],
        "sections.0.heading": ["Give it a heading."],
        "sections.2.callIds": ["A", "B"],
      },
    });
    expect(errorsByPath(undefined)).toEqual({ formErrors: [], fieldErrors: {} });
  });
});
