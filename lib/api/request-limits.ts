// Abuse limits of the API, per user and per process: a token bucket (on average at most `rate`
// requests a second, and at most `rate` at once after a quiet second) and a cap on requests in
// flight. A user's API keys and browser session count together, so more keys buy no more. Normal
// use, a few hundred requests a second from one key, is not limited (the spec); the limits stop
// one user from taking a whole server from the rest. A refused request is answered 429
// `rate_limited` with a Retry-After, before its body is read or anything is charged for it.
// Several instances each keep their own counts, so N instances admit up to N times as much; that
// is enough for an abuse limit, and costs no round trip per request.
// (Written here rather than taken from a library: it is a dozen lines on every API request, it
// takes the clock as a parameter so tests set the time, and it caps requests in flight, which the
// rate-limiting libraries leave out.)
import { type Clock, systemClock } from "../clock";
import { AppError } from "../errors";

export type RequestLimitSettings = {
  /** Requests a second, on average, per user; also the most at once after a quiet second. */
  rate: number;
  /** Requests of one user being answered at once. */
  maxInFlight: number;
};

export const DEFAULT_REQUEST_LIMITS: RequestLimitSettings = { rate: 1_000, maxInFlight: 256 };

type Bucket = { tokens: number; at: number; inFlight: number };

/** Buckets beyond this many are swept of the idle ones (full and with nothing in flight). */
const SWEEP_AT = 10_000;

export class RequestLimits {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly settings: RequestLimitSettings,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Admits one request of `key` (a user's id), or throws `rate_limited` with a `retryAfter` of 1 second.
   * Answers the release, to call once the request is answered (later calls do nothing).
   */
  admit(key: string): () => void {
    const now = this.clock.now().getTime();
    const bucket = this.refilled(key, now);
    const { rate, maxInFlight } = this.settings;
    if (bucket.inFlight >= maxInFlight) {
      throw new AppError(
        "rate_limited",
        `You already have ${requests(maxInFlight)} running on this server (with your API keys and session together); wait for one to finish, then retry.`,
        {
          details: { retryAfter: "1" },
        },
      );
    }
    // At least one token comes back within a second (rate is at least 1).
    if (bucket.tokens < 1) {
      throw new AppError("rate_limited", `You sent more than ${requests(rate)} a second (with your API keys and session together); retry in a second.`, {
        details: { retryAfter: "1" },
      });
    }
    bucket.tokens -= 1;
    bucket.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bucket.inFlight--;
    };
  }

  /** How many keys have a bucket now (for tests of the sweep). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (bucket) {
      // A clock that steps back refills nothing, and takes nothing either.
      bucket.tokens = Math.min(this.settings.rate, bucket.tokens + (Math.max(0, now - bucket.at) * this.settings.rate) / 1000);
      bucket.at = Math.max(bucket.at, now);
      return bucket;
    }
    if (this.buckets.size >= SWEEP_AT) this.sweep(now);
    const fresh = { tokens: this.settings.rate, at: now, inFlight: 0 };
    this.buckets.set(key, fresh);
    return fresh;
  }

  /** Forgets the keys whose bucket is full again with nothing in flight: a new one is the same. */
  private sweep(now: number): void {
    const { rate } = this.settings;
    for (const [key, bucket] of this.buckets) {
      if (bucket.inFlight === 0 && bucket.tokens + (Math.max(0, now - bucket.at) * rate) / 1000 >= rate) this.buckets.delete(key);
    }
  }
}

const requests = (n: number) => (n === 1 ? "1 request" : `${n.toLocaleString("en-US")} requests`);

/**
 * The settings from `API_RATE_LIMIT` and `API_MAX_IN_FLIGHT` (whole numbers of at least
 * 1; unset means the default). Throws naming the variable when one is not such a number.
 */
export function requestLimitSettings(env: Record<string, string | undefined> = process.env): RequestLimitSettings {
  return {
    rate: positiveWholeNumber(env, "API_RATE_LIMIT", DEFAULT_REQUEST_LIMITS.rate),
    maxInFlight: positiveWholeNumber(env, "API_MAX_IN_FLIGHT", DEFAULT_REQUEST_LIMITS.maxInFlight),
  };
}

function positiveWholeNumber(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${text}").`);
  return Number(text);
}

let shared: RequestLimits | undefined;

/** The process's limits, from the environment on first use. */
export function apiRequestLimits(): RequestLimits {
  shared ??= new RequestLimits(requestLimitSettings());
  return shared;
}
