// The "New brief" form as the server reads it: ids split on lines and commas, each problem named
// at its field's path (a section's with its index), a cleared interval refused rather than taken
// as the default.
import { describe, expect, it } from "vitest";
import { BriefFormInput, splitIds } from "./schemas";

const messages = (input: unknown) => {
  const parsed = BriefFormInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the New brief form", () => {
  it("reads ids one per line or comma-separated, without blanks or repeats", () => {
    expect(splitIds(" c1, c2\n\nc3 ,c1\r\n")).toEqual(["c1", "c2", "c3"]);
    expect(splitIds("  ")).toEqual([]);
  });

  it("turns a filled form into a brief: trimmed, ids split, the interval a number", () => {
    const parsed = BriefFormInput.parse({
      title: "  Weekly pipeline ",
      automated: true,
      intervalHours: "12",
      sections: [
        { heading: "Pricing", source: "tracker", trackerId: "t1" },
        { heading: "Latest calls", source: "direct", callIds: "c1\nc2", emailIds: "e1, e2" },
      ],
    });
    expect(parsed).toEqual({
      title: "Weekly pipeline",
      automated: true,
      intervalHours: 12,
      sections: [
        { source: "tracker", heading: "Pricing", trackerId: "t1" },
        { source: "direct", heading: "Latest calls", callIds: ["c1", "c2"], emailIds: ["e1", "e2"] },
      ],
    });
    expect(BriefFormInput.parse({ title: "On demand", sections: [{ heading: "S", source: "tracker", trackerId: "t" }] })).toMatchObject({
      automated: false,
      intervalHours: 24,
    });
  });

  it("names every problem at its field, a section's under its index", () => {
    expect(
      messages({
        title: " ",
        automated: true,
        intervalHours: "",
        sections: [
          { heading: "", source: "tracker", trackerId: "" },
          { heading: "Calls", source: "direct", callIds: " ", emailIds: "" },
        ],
      }),
    ).toEqual([
      "title: Name the brief, such as “Weekly pipeline”.",
      "intervalHours: Enter how many hours apart, such as 24.",
      "sections.0.heading: Give the section a heading.",
      "sections.0.trackerId: Choose the tracker whose results it shows.",
      "sections.1.callIds: Name at least one call or email by its id.",
    ]);
    expect(messages({ title: "T", intervalHours: "0", sections: [] })).toEqual([
      "intervalHours: An automated brief runs at most once an hour.",
      "sections: Add at least one section.",
    ]);
    expect(messages({ title: "T", intervalHours: "2.5", sections: [{ heading: "S", source: "tracker", trackerId: "t" }] })).toEqual([
      "intervalHours: Enter a whole number of hours, such as 24.",
    ]);
    expect(messages({ title: "T", intervalHours: "745", sections: [{ heading: "S", source: "tracker", trackerId: "t" }] })).toEqual([
      "intervalHours: An automated brief runs at least once every 744 hours (31 days).",
    ]);
  });
});
