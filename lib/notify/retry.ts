// When the outbox tries a failed email again: read by the mailer, which sends, and by the
// outbox page, which says when the next attempt comes.

/** An email is given up as 'failed' after this many attempts. */
export const MAX_ATTEMPTS = 8;

/**
 * The wait after the n-th failed attempt before the next one: 2, 4, 8 … 128 minutes, so the
 * eighth and last attempt comes about 4¼ hours after the first.
 */
export function retryDelayMs(failedAttempts: number): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError(`failedAttempts must be a positive integer, got ${failedAttempts}`);
  return 2 * 60_000 * 2 ** (Math.min(failedAttempts, MAX_ATTEMPTS) - 1);
}
