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

function take12(): Buffer {
  if (poolOffset + 12 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 12);
  poolOffset += 12;
  return bytes;
}

/** `<prefix>_<10 chars of time><12 random chars>`, sortable by creation time to the ms. */
export function createId(kind: IdKind, at: Date = new Date()): string {
  let time = at.getTime();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = take12();
  let tail = "";
  for (const b of bytes) tail += ALPHABET[b & 31];
  return `${PREFIXES[kind]}_${head}${tail}`;
}
