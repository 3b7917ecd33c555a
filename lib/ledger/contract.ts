// Contract years: the term starts a year, and each anniversary of the term's start starts the
// next, until the term ends. Default credits are issued per contract year (R-LEDGER-2).

export type ContractTerm = { termStartsAt: Date; termEndsAt: Date };

export function addYearsUtc(d: Date, years: number): Date {
  const out = new Date(d.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

/** The contract year (0-based) containing `at`, or undefined outside the term. */
export function contractYearAt(term: ContractTerm, at: Date): number | undefined {
  if (at < term.termStartsAt || at >= term.termEndsAt) return undefined;
  let year = Math.max(0, at.getUTCFullYear() - term.termStartsAt.getUTCFullYear() - 1);
  while (addYearsUtc(term.termStartsAt, year + 1) <= at) year++;
  return year;
}

/** [start, end) of a contract year; the last year ends with the term. */
export function contractYearBounds(term: ContractTerm, year: number): { start: Date; end: Date } {
  const start = addYearsUtc(term.termStartsAt, year);
  const next = addYearsUtc(term.termStartsAt, year + 1);
  return { start, end: next < term.termEndsAt ? next : term.termEndsAt };
}
