// How many CSV exports one process streams at once. An export holds a database connection (and,
// on PostgreSQL, a transaction) while its reader downloads, so exports beyond the limit are
// refused at once with 503 busy and a Retry-After, rather than queueing for connections that
// charges need. On PostgreSQL the export pool has as many connections as there are slots.
import { AppError } from "../errors";

export class ExportSlots {
  private active = 0;
  constructor(readonly limit: number) {}

  /** A slot, released by calling what it answers (once; later calls do nothing). */
  take(): () => void {
    this.ensureFree();
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
    };
  }

  /**
   * Throws 503 busy, as take() would, when no slot is free now: a download's check before it
   * starts, so that the dialog can say so instead of starting a download that fails.
   */
  ensureFree(): void {
    if (this.active >= this.limit) {
      throw new AppError("busy", `${this.limit} report downloads are already running on this server; try again in a minute.`, {
        details: { retryAfter: "30" },
      });
    }
  }

  get inUse(): number {
    return this.active;
  }
}

export const exportSlots = new ExportSlots(Number(process.env.DATABASE_EXPORT_POOL_SIZE ?? 2));

/** A reader that takes nothing for this long has abandoned its download. */
export const EXPORT_STALL_MS = 60_000;
