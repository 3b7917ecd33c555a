import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatLocalDate } from "../time/zoned";
import type { ContractTerm } from "./contract";
import { budgetPeriod } from "./scopes";

const ZONES = ["America/New_York", "Pacific/Auckland", "UTC", "Asia/Kolkata"];
const TERM_START = Date.UTC(2026, 0, 15, 5);
const TERM_END = Date.UTC(2029, 0, 15, 5);

describe("budgetPeriod", () => {
  it("answers the period containing the instant, however often and in whatever order it is asked (periods are reused)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(fc.integer({ min: TERM_START, max: TERM_END - 1 }), { minLength: 1, maxLength: 40 }),
        (timeZone, instants) => {
          const term: ContractTerm = { termStartsAt: new Date(TERM_START), termEndsAt: new Date(TERM_END), timeZone };
          for (const t of instants) {
            const at = new Date(t);
            const month = budgetPeriod("month", term, at)!;
            expect(month.startsAt.getTime()).toBeLessThanOrEqual(t);
            expect(month.endsAt.getTime()).toBeGreaterThan(t);
            expect(month.startDate).toBe(`${formatLocalDate(at, timeZone).slice(0, 7)}-01`);
            expect(formatLocalDate(month.startsAt, timeZone)).toBe(month.startDate);
            const year = budgetPeriod("contract_year", term, at)!;
            expect(year.startsAt.getTime()).toBeLessThanOrEqual(t);
            expect(year.endsAt.getTime()).toBeGreaterThan(t);
          }
        },
      ),
    );
  });

  it("moves to the next month at local midnight on the 1st", () => {
    const term: ContractTerm = { termStartsAt: new Date(TERM_START), termEndsAt: new Date(TERM_END), timeZone: "Pacific/Auckland" };
    // 2026-03-01 00:00 in Auckland (NZDT, UTC+13) is 2026-02-28 11:00 UTC.
    expect(budgetPeriod("month", term, new Date(Date.UTC(2026, 1, 28, 10, 59, 59, 999)))!.label).toBe("February 2026");
    expect(budgetPeriod("month", term, new Date(Date.UTC(2026, 1, 28, 11)))!.label).toBe("March 2026");
    expect(budgetPeriod("month", term, new Date(Date.UTC(2026, 1, 28, 10, 59, 59, 999)))!.label).toBe("February 2026");
  });
});
