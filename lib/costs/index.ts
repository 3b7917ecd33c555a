// The credit price of the data AI features process (R-COST-1). Pure functions, milli-credits.

export const EMAIL_COST_MILLI = 100n;
export const SHORT_CALL_COST_MILLI = 500n;
export const LONG_CALL_COST_MILLI = 1000n;
/** Calls up to and including this length are short. */
export const SHORT_CALL_MAX_SECONDS = 10 * 60;

export function callCostMilli(durationSeconds: number): bigint {
  if (!Number.isInteger(durationSeconds) || durationSeconds < 0) {
    throw new RangeError(`call duration must be a whole number of seconds >= 0, got ${durationSeconds}`);
  }
  return durationSeconds <= SHORT_CALL_MAX_SECONDS ? SHORT_CALL_COST_MILLI : LONG_CALL_COST_MILLI;
}

/** The cost of processing these calls (by duration) and this many emails. */
export function itemsCostMilli(callDurationsSeconds: readonly number[], emailCount: number): bigint {
  if (!Number.isInteger(emailCount) || emailCount < 0) throw new RangeError(`email count must be a whole number >= 0, got ${emailCount}`);
  let total = BigInt(emailCount) * EMAIL_COST_MILLI;
  for (const seconds of callDurationsSeconds) total += callCostMilli(seconds);
  return total;
}
