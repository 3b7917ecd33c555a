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
  section: "sect",
  version: "bver",
  notification: "ntf",
  outbox: "mail",
  audit: "aud",
} as const;

export type IdKind = keyof typeof PREFIXES;

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `<prefix>_<10 chars of time><12 random chars>`, sortable by creation time to the ms. */
export function createId(kind: IdKind, at: Date = new Date()): string {
  let time = at.getTime();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(12);
  let tail = "";
  for (const b of bytes) tail += ALPHABET[b & 31];
  return `${PREFIXES[kind]}_${head}${tail}`;
}
