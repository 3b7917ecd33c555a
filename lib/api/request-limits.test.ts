import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appErrorOf } from "../../test/support/app-error";
import { ManualClock } from "../../test/support/manual-clock";
import { AppError } from "../errors";
import { RequestLimits, requestLimitSettings } from "./request-limits";

const START = "2026-12-02T09:00:00Z";

/** Admits and releases at once; answers whether the request was admitted. */
function tryOnce(limits: RequestLimits, key: string): boolean {
  try {
    limits.admit(key)();
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return false;
    throw error;
  }
}

describe("RequestLimits: the rate", () => {
  it("admits `rate` requests at once, then refuses the next with rate_limited and a Retry-After, naming the rate", () => {
    const limits = new RequestLimits({ rate: 5, maxInFlight: 100 }, new ManualClock(START));
    for (let i = 0; i < 5; i++) expect(tryOnce(limits, "k")).toBe(true);
    const refused = appErrorOf(() => limits.admit("k"));
    expect(refused.code).toBe("rate_limited");
    expect(refused.status).toBe(429);
    expect(refused.details).toEqual({ retryAfter: "1" });
    expect(refused.message).toBe("You sent more than 5 requests a second (with your API keys and session together); retry in a second.");
  });

  it("gives back `rate` a second, in proportion, up to `rate`", () => {
    const clock = new ManualClock(START);
    const limits = new RequestLimits({ rate: 10, maxInFlight: 100 }, clock);
    for (let i = 0; i < 10; i++) limits.admit("k")();
    expect(tryOnce(limits, "k")).toBe(false);
    clock.advance(500);
    for (let i = 0; i < 5; i++) expect(tryOnce(limits, "k")).toBe(true);
    expect(tryOnce(limits, "k")).toBe(false);
    // A long quiet spell fills the bucket, no further.
    clock.advance(60_000);
    let admitted = 0;
    while (tryOnce(limits, "k")) admitted++;
    expect(admitted).toBe(10);
  });

  it("counts each user apart", () => {
    const limits = new RequestLimits({ rate: 2, maxInFlight: 100 }, new ManualClock(START));
    expect([tryOnce(limits, "a"), tryOnce(limits, "a"), tryOnce(limits, "a")]).toEqual([true, true, false]);
    expect([tryOnce(limits, "b"), tryOnce(limits, "b")]).toEqual([true, true]);
  });

  it("gives nothing back when the clock steps back, and takes nothing either", () => {
    const clock = new ManualClock(START);
    const limits = new RequestLimits({ rate: 4, maxInFlight: 100 }, clock);
    limits.admit("k")();
    limits.admit("k")();
    clock.advance(-10_000);
    expect([tryOnce(limits, "k"), tryOnce(limits, "k"), tryOnce(limits, "k")]).toEqual([true, true, false]);
    // Back at the time it had reached, nothing was earned meanwhile.
    clock.advance(10_000);
    expect(tryOnce(limits, "k")).toBe(false);
    clock.advance(250);
    expect(tryOnce(limits, "k")).toBe(true);
  });

  it("admits at most rate + rate × seconds in any span, and never refuses a user who keeps to the rate (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 300 }), (rate, gaps) => {
        const clock = new ManualClock(START);
        const limits = new RequestLimits({ rate, maxInFlight: 1_000 }, clock);
        const admittedAt: number[] = [];
        for (const gap of gaps) {
          clock.advance(gap);
          if (tryOnce(limits, "k")) admittedAt.push(clock.now().getTime());
        }
        for (let i = 0; i < admittedAt.length; i++) {
          for (let j = i; j < admittedAt.length; j++) {
            const count = j - i + 1;
            expect(count).toBeLessThanOrEqual(rate + (rate * (admittedAt[j]! - admittedAt[i]!)) / 1000 + 1e-9);
          }
        }
        // The same gaps, each at least a token's worth apart: every one is admitted.
        const steady = new RequestLimits({ rate, maxInFlight: 1_000 }, clock);
        for (const gap of gaps) {
          clock.advance(Math.max(gap, Math.ceil(1000 / rate)));
          expect(tryOnce(steady, "k")).toBe(true);
        }
      }),
    );
  });
});

describe("RequestLimits: requests in flight", () => {
  it("refuses a user's request beyond maxInFlight until one of them is answered, whatever the rate allows", () => {
    const limits = new RequestLimits({ rate: 1_000, maxInFlight: 2 }, new ManualClock(START));
    const first = limits.admit("k");
    limits.admit("k");
    const refused = appErrorOf(() => limits.admit("k"));
    expect(refused.code).toBe("rate_limited");
    expect(refused.message).toBe(
      "You already have 2 requests running on this server (with your API keys and session together); wait for one to finish, then retry.",
    );
    expect(refused.details).toEqual({ retryAfter: "1" });
    // Another user is not held back by this one.
    expect(tryOnce(limits, "other")).toBe(true);
    first();
    // A second release of the same request frees nothing more.
    first();
    const third = limits.admit("k");
    expect(tryOnce(limits, "k")).toBe(false);
    third();
    expect(tryOnce(limits, "k")).toBe(true);
  });

  it("forgets idle users once there are many, and keeps one with requests in flight (and its count)", () => {
    const clock = new ManualClock(START);
    const limits = new RequestLimits({ rate: 10, maxInFlight: 1 }, clock);
    limits.admit("busy");
    for (let i = 0; i < 10_000; i++) limits.admit(`idle-${i}`)();
    expect(limits.size).toBe(10_001);
    clock.advance(1_000);
    limits.admit("new")();
    expect(limits.size).toBe(2);
    expect(appErrorOf(() => limits.admit("busy")).message).toBe(
      "You already have 1 request running on this server (with your API keys and session together); wait for one to finish, then retry.",
    );
  });
});

describe("requestLimitSettings", () => {
  it("reads API_RATE_LIMIT and API_MAX_IN_FLIGHT, with defaults when unset or empty", () => {
    expect(requestLimitSettings({})).toEqual({ rate: 1_000, maxInFlight: 256 });
    expect(requestLimitSettings({ API_RATE_LIMIT: " 50 ", API_MAX_IN_FLIGHT: "" })).toEqual({ rate: 50, maxInFlight: 256 });
    expect(requestLimitSettings({ API_MAX_IN_FLIGHT: "8" })).toEqual({ rate: 1_000, maxInFlight: 8 });
  });

  it.each(["0", "-1", "1.5", "abc", "1e3", "1000000000"])("refuses %j, naming the variable", (value) => {
    expect(() => requestLimitSettings({ API_RATE_LIMIT: value })).toThrow(`API_RATE_LIMIT must be a whole number of at least 1 (got "${value}").`);
    expect(() => requestLimitSettings({ API_MAX_IN_FLIGHT: value })).toThrow(/^API_MAX_IN_FLIGHT must be/);
  });
});
