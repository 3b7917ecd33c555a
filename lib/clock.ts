// Time is passed in: domain code asks a Clock, so tests set the time instead of sleeping.

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests, the seed and benchmarks. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string) {
    this.current = new Date(to).getTime();
  }
  advance(ms: number) {
    this.current += ms;
  }
}
