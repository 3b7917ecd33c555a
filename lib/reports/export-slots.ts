// How many CSV exports one process streams at once, in all and for one company. An export holds a
// database connection (and, on PostgreSQL, a transaction) while its reader downloads, so exports
// beyond the limit are refused at once with 503 busy and a Retry-After, rather than queueing for
// connections that charges need. On PostgreSQL the export pool has as many connections as there
// are slots.
import { AppError } from "../errors";

export class ExportSlots {
  private active = 0;
  private readonly byCompany = new Map<string, number>();

  /**
   * `limit` downloads at once in all; `perCompany` of one company (by default one fewer than
   * `limit`, at least 1), so one company's downloads, stalled or slow, leave a slot to the others.
   */
  constructor(
    readonly limit: number,
    readonly perCompany = Math.max(1, limit - 1),
  ) {}

  /** A slot, released by calling what it answers (once; later calls do nothing). */
  take(companyId: string): () => void {
    this.ensureFree(companyId);
    this.active++;
    this.byCompany.set(companyId, (this.byCompany.get(companyId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      const left = (this.byCompany.get(companyId) ?? 1) - 1;
      if (left === 0) this.byCompany.delete(companyId);
      else this.byCompany.set(companyId, left);
    };
  }

  /**
   * Throws 503 busy, as take() would, when no slot is free now for this company: a download's
   * check before it starts, so that the dialog can say so instead of starting a download that fails.
   */
  ensureFree(companyId: string): void {
    if (this.active >= this.limit) {
      const running = this.limit === 1 ? "A report download is" : `${this.limit} report downloads are`;
      throw new AppError("busy", `${running} already running on this server; try again in a minute.`, {
        details: { retryAfter: "30" },
      });
    }
    if ((this.byCompany.get(companyId) ?? 0) >= this.perCompany) {
      const running = this.perCompany === 1 ? "A report download of your company is" : `${this.perCompany} report downloads of your company are`;
      throw new AppError("busy", `${running} already running on this server; try again when it has finished.`, {
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
