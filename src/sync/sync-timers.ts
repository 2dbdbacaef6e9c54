/**
 * The queue's timers: the next retry (at most one, the earliest wins), the write debounce and
 * the idle wait after it. Kept in one place so that `stopAutoSync()`/`close()` clear them all.
 */
import { whenIdle, type CancelIdle } from './idle.js';

/** How long work that waits for an idle moment waits at most, unless told (ms). */
export const IDLE_TIMEOUT_MS = 2000;
/** The longest reads push the first drain after a start back (ms). */
const FIRST_WAIT_CAP_MS = 10_000;

export class SyncTimers {
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryAt = Number.POSITIVE_INFINITY;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private cancelIdle: CancelIdle | null = null;
  /** A first drain waits (see `first`) and may be pushed back until then (epoch ms); 0: none waits. */
  private firstBy = 0;
  private readonly onRetry: (at: number | null) => void;

  /** `onRetry` hears when the next retry changes (its time, or null once none is set): the state shows it. */
  constructor(onRetry: (at: number | null) => void = () => undefined) {
    this.onRetry = onRetry;
  }

  /** When the pending retry fires (epoch ms), or null when none is scheduled. */
  get nextRetryAt(): number | null {
    return this.retryTimer === null ? null : this.retryAt;
  }

  /** Runs `run` in `delayMs`, unless a retry is already due sooner (that one stays). */
  retry(delayMs: number, run: () => void): void {
    const at = Date.now() + Math.max(0, delayMs);
    if (this.retryTimer !== null && this.retryAt <= at) return;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryAt = at;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryAt = Number.POSITIVE_INFINITY;
      this.onRetry(null);
      run();
    }, Math.max(0, delayMs));
    this.onRetry(at);
  }

  /**
   * Runs `run` after `delayMs` without another call to `debounce` (or to `idle`), at the next
   * idle moment after that (at most `idleTimeoutMs` later): a push that follows a write must not
   * start between a grade and the next card's paint.
   */
  debounce(delayMs: number, run: () => void, idleTimeoutMs = IDLE_TIMEOUT_MS): void {
    this.clearDebounce();
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      this.idle(idleTimeoutMs, () => {
        this.firstBy = 0;
        run();
      });
    }, Math.max(0, delayMs));
  }

  /**
   * The first drain after a start: as the push after a write (`debounce`), and `deferFirst`
   * pushes it back while it waits, for at most 10 s.
   */
  first(delayMs: number, run: () => void): void {
    this.firstBy = Date.now() + FIRST_WAIT_CAP_MS;
    this.debounce(delayMs, run);
  }

  /** The page is busy reading: a first drain still waiting waits `delayMs` more, then for idle (within its 10 s). */
  deferFirst(delayMs: number, run: () => void): void {
    if (Date.now() < this.firstBy) this.debounce(delayMs, run);
  }

  /** Runs `run` at the next idle moment, at the latest after `timeoutMs`; replaces a pending debounce. */
  idle(timeoutMs: number, run: () => void): void {
    this.clearDebounce();
    const cancel = whenIdle(() => {
      if (this.cancelIdle === cancel) this.cancelIdle = null;
      run();
    }, timeoutMs);
    this.cancelIdle = cancel;
  }

  /** Clears every timer and idle wait. */
  clearAll(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.onRetry(null);
    }
    this.clearDebounce();
    this.firstBy = 0;
    this.retryTimer = null;
    this.retryAt = Number.POSITIVE_INFINITY;
  }

  /** Clears the debounce and the idle wait after it. */
  private clearDebounce(): void {
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
    this.cancelIdle?.();
    this.cancelIdle = null;
  }
}
