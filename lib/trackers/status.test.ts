import { describe, expect, it } from "vitest";
import { statusWord, trackerStatus, trackerTypeLabel } from "./status";

describe("tracker words", () => {
  it("uses the Trackers page's status words, with the reason for a pause", () => {
    expect(["draft", "published", "unpublished", "paused"].map(statusWord)).toEqual(["Draft", "Published", "Unpublished", "Paused"]);
    expect(trackerStatus({ status: "paused", pausedReason: "Credits ran out" })).toEqual({ word: "Paused", reason: "Credits ran out" });
    expect(trackerStatus({ status: "paused", pausedReason: " " })).toEqual({ word: "Paused", reason: "" });
    // A reason left on a tracker that is no longer paused is not shown.
    expect(trackerStatus({ status: "published", pausedReason: "Credits ran out" })).toEqual({ word: "Published", reason: "" });
  });

  it("says which trackers use credits", () => {
    expect(trackerTypeLabel("question")).toBe("Question-based · uses credits");
    expect(trackerTypeLabel("pretrained")).toBe("Pretrained · free");
  });
});
