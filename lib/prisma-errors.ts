// Prisma's refusals that domain code turns into a message for a person. Both driver adapters
// (better-sqlite3 and pg) report a unique index's refusal as P2002, with the driver's own kind
// or SQLSTATE as the cause.

/** A unique index refused the write: a second row with the same name, say, written at once. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; cause?: { kind?: unknown; originalCode?: unknown } };
  return e.code === "P2002" || e.cause?.kind === "UniqueConstraintViolation" || e.cause?.originalCode === "23505";
}
