/**
 * Wakes the review when its queue changes by itself (a learning step falls due, a new learner
 * day starts). A timer on the real clock, set from the element's clock: a test that moves its
 * clock calls `refresh()`, which sets the timer again from the new time.
 */

/** Where the review reads the time: `Date` by default; a test may give a clock of its own. */
export interface ReviewClock {
  /** The current time in epoch milliseconds. */
  now(): number;
}

/** The real clock. */
export const systemClock: ReviewClock = { now: () => Date.now() };

/** Browsers fire a timer at once when its delay exceeds 2^31 - 1 ms (about 24.8 days). */
const LONGEST_DELAY = 2 ** 31 - 1;

/** One pending wake-up at a time. */
export class QueueTimer {
  private handle: ReturnType<typeof setTimeout> | undefined;

  /** Calls `wake` at `at` on `clock` (replacing any earlier wake-up); null clears. */
  set(at: number | null, clock: ReviewClock, wake: () => void): void {
    this.clear();
    if (at === null) return;
    const delay = Math.max(0, at - clock.now());
    this.handle = setTimeout(() => {
      this.handle = undefined;
      // A delay capped by the browser's limit only re-arms; the queue is re-read when due.
      if (delay > LONGEST_DELAY) this.set(at, clock, wake);
      else wake();
    }, Math.min(delay, LONGEST_DELAY));
  }

  /** Cancels the pending wake-up. */
  clear(): void {
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.handle = undefined;
  }
}
