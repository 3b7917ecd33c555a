// Prefixed, time-sortable ids (grant_01J…), readable in logs and CSVs.
import { randomBytes } from "node:crypto";

const PREFIXES = {
  company: "co",
  user: "user",
  apiKey: "key",
  grant: "grant",
  entry: "entry",
  purchase: "purch",
  usage: "use",
  tracker: "trk",
  call: "call",
  email: "email",
  brief: "brief",
  answer: "ans",
  section: "sect",
  version: "bver",
  notification: "ntf",
  outbox: "mail",
  audit: "aud",
  hold: "hold",
  team: "team",
  budget: "bdg",
} as const;

export type IdKind = keyof typeof PREFIXES;

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Random bytes are drawn from a pool refilled 4 KiB at a time: one randomBytes() call per id
// cost a fifth of a batched charge.
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let poolOffset = 0;

function randomTail(): number[] {
  if (poolOffset + 12 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const digits = Array.from(pool.subarray(poolOffset, poolOffset + 12), (b) => b & 31);
  poolOffset += 12;
  return digits;
}

// Ids made in the same millisecond continue the last one's tail plus one (as monotonic ULIDs do),
// so ids sort in the order they were made, within a millisecond too: rows written together (a
// batch of charges) keep that order wherever they are sorted by time and then id, and the
// reports read them in the order they sit on disk.
let lastTime = -1;
let lastTail: number[] = [];

/** The tail after `tail` in base 32, or undefined when it is the last one (all 31s). */
function nextTail(tail: number[]): number[] | undefined {
  const next = [...tail];
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 31) {
      next[i]!++;
      return next;
    }
    next[i] = 0;
  }
  return undefined;
}

/**
 * `<prefix>_<10 chars of time><12 chars>`, sortable by creation time to the ms and, within one
 * process and one ms, by the order of creation. The tail starts random each ms.
 */
export function createId(kind: IdKind, at: Date = new Date()): string {
  let time = at.getTime();
  const tail = (time === lastTime && nextTail(lastTail)) || randomTail();
  lastTime = time;
  lastTail = tail;
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let text = "";
  for (const d of tail) text += ALPHABET[d];
  return `${PREFIXES[kind]}_${head}${text}`;
}
