// A clock tests set and move by hand, so nothing in a test waits for real time to pass.
import type { Clock } from "../../lib/clock";

/** A clock that stands still until moved. */
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
