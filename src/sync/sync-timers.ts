/**
 * The queue's two timers: the next retry (at most one, the earliest wins) and the write
 * debounce. Kept in one place so that `stopAutoSync()`/`close()` clear them all.
 */
export class SyncTimers {
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryAt = Number.POSITIVE_INFINITY;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
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

  /** Runs `run` after `delayMs` without another call to `debounce`. */
  debounce(delayMs: number, run: () => void): void {
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      run();
    }, Math.max(0, delayMs));
  }

  /** Clears both timers. */
  clearAll(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.onRetry(null);
    }
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.retryTimer = null;
    this.debounceTimer = null;
    this.retryAt = Number.POSITIVE_INFINITY;
  }
}
