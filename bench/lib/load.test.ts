// The open-loop report's slow windows: which stretches of a run held the requests over a target.
import { describe, expect, it } from "vitest";
import { slowWindows } from "./load";

describe("slowWindows", () => {
  it("groups the requests over the limit by the window they were due in, in time order, with each window's worst", () => {
    // Answered out of order, as an open loop answers them; due from 0.1 to 1.24 s.
    const timeline = {
      dueMs: Float64Array.from([300, 100, 200, 1_100, 1_000, 1_240]),
      latencyMs: Float64Array.from([120, 8, 60, 51, 50, 200]),
    };
    expect(slowWindows(timeline, 250, 50)).toEqual([
      { startMs: 0, slow: 1, maxMs: 60 },
      { startMs: 250, slow: 1, maxMs: 120 },
      { startMs: 1_000, slow: 2, maxMs: 200 },
    ]);
  });

  it("answers no window when nothing is over the limit (a request at the limit is not over it)", () => {
    expect(slowWindows({ dueMs: Float64Array.from([0, 10]), latencyMs: Float64Array.from([50, 12]) }, 250, 50)).toEqual([]);
  });
});
