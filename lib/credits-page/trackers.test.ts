import { describe, expect, it } from "vitest";
import { trackerStatus, trackerStatusLabel } from "./trackers";

describe("tracker status words", () => {
  it("uses the Trackers page's words, with the reason for a pause", () => {
    expect(trackerStatusLabel({ status: "draft", pausedReason: "" })).toBe("Draft");
    expect(trackerStatusLabel({ status: "published", pausedReason: "" })).toBe("Published");
    expect(trackerStatusLabel({ status: "unpublished", pausedReason: "" })).toBe("Unpublished");
    expect(trackerStatusLabel({ status: "paused", pausedReason: "Credits ran out" })).toBe("Paused — Credits ran out");
    expect(trackerStatusLabel({ status: "paused", pausedReason: " " })).toBe("Paused");
    expect(trackerStatus({ status: "paused", pausedReason: "Credits ran out" })).toEqual({ word: "Paused", reason: "Credits ran out" });
    // A reason left on a tracker that is no longer paused is not shown.
    expect(trackerStatus({ status: "published", pausedReason: "Credits ran out" })).toEqual({ word: "Published", reason: "" });
  });
});
