// GroupCommit without a database: what arrives while a transaction runs is taken in the next
// one, in order and up to the batch size; what a batch leaves out runs alone after it, without
// holding back the answers of the rest; one operation's error reaches only its caller; a batch
// whose transaction may have committed, or that found no connection, is not run again.
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { CommitOutcomeUnknown } from "../sql/postgres";
import { GroupCommit } from "./group-commit";

/** A transaction that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe("GroupCommit", () => {
  it("runs the first operation at once and groups those that arrive meanwhile, per key, in order, up to the batch size", async () => {
    const runs: string[] = [];
    let first = gate();
    const group = new GroupCommit<number, number>({
      maxBatch: 3,
      one: async (key, n) => {
        runs.push(`${key}:one(${n})`);
        if (n === 1) await first.opened;
        return n * 10;
      },
      many: async (key, ns) => {
        runs.push(`${key}:many(${ns.join(",")})`);
        return ns.map((n) => n * 10);
      },
    });
    const a = group.submit("a", 1);
    expect(runs).toEqual(["a:one(1)"]);
    const rest = [2, 3, 4, 5].map((n) => group.submit("a", n));
    const other = group.submit("b", 9);
    expect(runs).toEqual(["a:one(1)", "b:one(9)"]);
    first.open();
    expect(await Promise.all([a, ...rest, other])).toEqual([10, 20, 30, 40, 50, 90]);
    expect(runs).toEqual(["a:one(1)", "b:one(9)", "a:many(2,3,4)", "a:one(5)"]);
    expect(group.stats).toEqual({ transactions: 4, operations: 6, largestBatch: 3 });
    // Idle again: the next one starts at once.
    first = gate();
    first.open();
    expect(await group.submit("a", 6)).toBe(60);
  });

  /** A group whose first operation (0) waits for the test, so that the ones after it form a batch. */
  function blockedGroup(many: (ns: number[]) => Promise<(number | undefined)[]>, alone: (n: number) => number | Promise<number> = (n) => n) {
    const first = gate();
    const calls: string[] = [];
    const group = new GroupCommit<number, number>({
      maxBatch: 10,
      one: async (_key, n) => {
        calls.push(`one(${n})`);
        if (n === 0) await first.opened;
        return await alone(n);
      },
      many: async (_key, ns) => {
        calls.push(`many(${ns.join(",")})`);
        return many(ns);
      },
    });
    return { group, calls, release: first.open };
  }

  it("runs what a batch left out alone after it, in order, with the others answered first; an error of one reaches only its caller", async () => {
    const five = gate();
    const { group, calls, release } = blockedGroup(
      async (ns) => ns.map((n) => (n === 5 || n === 7 ? undefined : n)),
      async (n) => {
        if (n === 5) {
          await five.opened;
          throw new Error("five");
        }
        return n;
      },
    );
    const first = group.submit("k", 0);
    const answered: number[] = [];
    const batch = [4, 5, 6, 7].map((n) =>
      group.submit("k", n).then(
        (v) => {
          answered.push(v);
          return v;
        },
        (e: Error) => e.message,
      ),
    );
    release();
    await first;
    // 4 and 6 are answered while 5, left out, still runs alone; 7 waits for 5.
    await expect.poll(() => answered).toEqual([4, 6]);
    expect(calls).toEqual(["one(0)", "many(4,5,6,7)", "one(5)"]);
    five.open();
    expect(await Promise.all(batch)).toEqual([4, "five", 6, 7]);
    expect(calls).toEqual(["one(0)", "many(4,5,6,7)", "one(5)", "one(7)"]);
  });

  it.each([
    ["an AppError (a refusal)", () => new AppError("not_found", "no such hold")],
    ["a plain Error (one operation's own work)", () => new Error("no such hold")],
  ])("runs each operation again alone when %s of one operation rolled the whole batch back", async (_what, error) => {
    const { group, calls, release } = blockedGroup(
      async () => {
        throw error();
      },
      (n) => {
        if (n === 2) throw error();
        return n;
      },
    );
    const first = group.submit("k", 0);
    const batch = [1, 2, 3].map((n) => group.submit("k", n).catch((e: Error) => e.message));
    release();
    await first;
    expect(await Promise.all(batch)).toEqual([1, "no such hold", 3]);
    expect(calls).toEqual(["one(0)", "many(1,2,3)", "one(1)", "one(2)", "one(3)"]);
  });

  /** A group whose batch fails as a whole with `error`; answers what each caller got, and the calls made. */
  async function failedBatch(error: unknown) {
    const { group, calls, release } = blockedGroup(async () => {
      throw error;
    });
    const first = group.submit("k", 0);
    const batch = [1, 2].map((n) => group.submit("k", n).catch((e: unknown) => e));
    release();
    await first;
    return { answers: await Promise.all(batch), calls };
  }

  it("does not run a batch again after its connection failed with the COMMIT on the way: it may have taken effect", async () => {
    const error = new CommitOutcomeUnknown(new Error("Connection terminated unexpectedly"));
    const { answers, calls } = await failedBatch(error);
    expect(answers).toEqual([error, error]);
    expect(calls).toEqual(["one(0)", "many(1,2)"]);
  });

  it("does not run a batch again one by one when no connection came free: each caller is answered busy at once", async () => {
    const error = new AppError("busy", "No database connection came free in time.");
    const { answers, calls } = await failedBatch(error);
    expect(answers).toEqual([error, error]);
    expect(calls).toEqual(["one(0)", "many(1,2)"]);
  });
});
