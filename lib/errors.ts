// The one error a person may read. Anything else that goes wrong is logged and shown as a
// generic failure, so internal text (SQL, stack traces) never reaches a client.

export const ERROR_CODES = {
  /** Not JSON, the wrong shape or type, or a bad value. */
  invalid_request: 400,
  /** No valid session or API key. */
  unauthorized: 401,
  /** A charge that does not fit the balance; nothing was charged. */
  insufficient_credits: 402,
  /** A charge that would take a budget past its limit for the period; nothing was charged. */
  budget_exceeded: 402,
  /** Signed in, but this role may not do this. */
  forbidden: 403,
  /** An id the caller's company does not have. */
  not_found: 404,
  /** An idempotency key or order reference reused with a different request. */
  idempotency_conflict: 409,
  /** The first request with this idempotency key is still running. */
  idempotency_in_progress: 409,
  /** Over a size or count limit. */
  too_large: 413,
  /** Too many requests; retry after the time given. */
  rate_limited: 429,
  /** Processing a charged request failed after its credits were held; the hold was released. */
  processing_failed: 502,
  /** The database is not ready yet (migrating or seeding). */
  unavailable: 503,
  /** The server sheds load (too many exports at once, or no database connection came free in time); retry after the time given. */
  busy: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

const BRAND = Symbol.for("credits-admin-center.AppError");

export class AppError extends Error {
  /**
   * `instanceof AppError` holds for an AppError made by any copy of this module: `npm start`
   * serves the app's bundle and runs the background jobs in one process, sharing one database
   * handle, so an error raised in one copy's code is caught in the other's.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: Record<string, string> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}
