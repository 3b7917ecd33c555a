// Group commit for one process: operations on one company that arrive while an earlier one is
// running wait for it, then run together in one transaction. On PostgreSQL every ledger
// transaction holds the company's account lock from its first round trip to its commit, so on
// a busy company the lock, not the database, set how many charged requests a second it took, and
// each waiting transaction held a pooled connection. Grouped, a company has at most one
// transaction of each kind at a time, and a burst is taken in a few transactions instead of
// queuing at the lock one by one. An operation that arrives while none is running starts at
// once: grouping adds no wait.
import { AppError } from "../errors";
import { CommitOutcomeUnknown } from "../sql/postgres";

type Waiting<I, O> = { input: I; resolve(value: O): void; reject(error: unknown): void };
type Queue<I, O> = { waiting: Waiting<I, O>[]; running: boolean };

export type GroupOptions<I, O> = {
  /** One operation alone, in its own transaction. */
  one(key: string, input: I): Promise<O>;
  /**
   * Several in one transaction, an answer for each, or undefined for one the transaction left
   * out (it then runs alone, after the answers of those taken are given); throws when the
   * transaction failed as a whole (rolled back, unless the connection was lost with its COMMIT
   * on the way: see rerun).
   */
  many(key: string, inputs: I[]): Promise<(O | undefined)[]>;
  /** The most operations one transaction takes. */
  maxBatch: number;
};

export class GroupCommit<I, O> {
  readonly #queues = new Map<string, Queue<I, O>>();
  /** Transactions run and operations taken, for tests and benchmarks. */
  readonly stats = { transactions: 0, operations: 0, largestBatch: 0 };

  constructor(private readonly options: GroupOptions<I, O>) {}

  submit(key: string, input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      let queue = this.#queues.get(key);
      if (!queue) {
        queue = { waiting: [], running: false };
        this.#queues.set(key, queue);
      }
      queue.waiting.push({ input, resolve, reject });
      if (!queue.running) void this.#drain(key, queue);
    });
  }

  async #drain(key: string, queue: Queue<I, O>): Promise<void> {
    queue.running = true;
    try {
      while (queue.waiting.length > 0) {
        const batch = queue.waiting.splice(0, this.options.maxBatch);
        this.stats.transactions += 1;
        this.stats.operations += batch.length;
        this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
        if (batch.length === 1) {
          await this.#alone(key, batch[0]!);
          continue;
        }
        let answers: (O | undefined)[];
        try {
          answers = await this.options.many(
            key,
            batch.map((w) => w.input),
          );
        } catch (error) {
          if (!rerun(error)) {
            for (const w of batch) w.reject(error);
            continue;
          }
          // One operation's error rolled the whole batch back: each runs again alone, so that
          // only its own caller sees it.
          for (const w of batch) await this.#alone(key, w);
          continue;
        }
        const leftOut: Waiting<I, O>[] = [];
        batch.forEach((w, i) => {
          const answer = answers[i];
          if (answer === undefined) leftOut.push(w);
          else w.resolve(answer);
        });
        // Each after the batch committed, in order, before the next batch: the key still has one
        // transaction at a time.
        for (const w of leftOut) await this.#alone(key, w);
      }
    } finally {
      queue.running = false;
      this.#queues.delete(key);
    }
  }

  async #alone(key: string, w: Waiting<I, O>): Promise<void> {
    try {
      w.resolve(await this.options.one(key, w.input));
    } catch (error) {
      w.reject(error);
    }
  }
}

/**
 * Whether a batch that failed as a whole runs again, one operation at a time. A failed batch
 * wrote nothing, whatever the error (one operation's refusal or failing work, a failed
 * invariant, an error the database answered), except when the connection failed with its
 * COMMIT on the way: that COMMIT may have taken effect, so the batch is not run again. Nor is it
 * when no connection came free (busy) or the database is unavailable: that is the batch's error,
 * not one operation's, and running each alone would only wait as long again, once each.
 */
function rerun(error: unknown): boolean {
  if (error instanceof CommitOutcomeUnknown) return false;
  return !(error instanceof AppError && (error.code === "busy" || error.code === "unavailable"));
}
