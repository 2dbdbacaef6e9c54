/**
 * The pages' drain driver: one drain at a time under the origin-wide lock, the backoff count
 * across drains, the retry and next-due timers, and what a drain's end tells the state and
 * the other contexts. The algorithm of a drain itself is drain.ts.
 */
import { drain, stopOn, syncedAfterDrain, type DrainContext } from './drain.js';
import { drainLockName, withDrainLock } from './drain-lock.js';
import { pullAll } from './pull.js';
import type { SyncChannel } from './sync-channel.js';
import { classifyFailure } from './sync-failure.js';
import type { ResolvedSyncOptions } from './sync-options.js';
import type { SyncClient, SyncStorage } from './sync-ports.js';
import { currentlyOnline } from './sync-state.js';
import type { SyncStateStore } from './sync-state-store.js';
import type { SyncTimers } from './sync-timers.js';

/** What the driver works with; the queue owns all of it. */
export interface DrainDriverParts {
  storage: SyncStorage;
  client: SyncClient;
  userId: string;
  dbName: string;
  config: ResolvedSyncOptions;
  /** Aborted when the queue closes. */
  signal: AbortSignal;
  store: SyncStateStore;
  timers: SyncTimers;
  channel: SyncChannel;
  /** Starts (or joins) a drain: what the timers run. */
  process(): void;
  /** Recounts pending entries and dead letters. */
  refresh(): Promise<void>;
  /** A drain sent everything due and pulled. */
  completed(): void;
}

/** Runs the drains of one queue. */
export class DrainDriver {
  private readonly parts: DrainDriverParts;
  private readonly ctx: DrainContext;
  private failures = 0;
  private skippedDrain = false;

  /** A driver for `parts`; it does nothing until `drainOnce()`. */
  constructor(parts: DrainDriverParts) {
    this.parts = parts;
    const { storage, client, userId, config, signal, store, timers } = parts;
    this.ctx = {
      storage,
      client,
      userId,
      config,
      signal,
      pull: () => pullAll(storage, client, userId, config.pullLimit, signal),
      exclusive: config.locks !== null,
      dispatch: (event) => store.dispatch(event),
      nextAttempt: () => this.failures++,
      retryIn: (delayMs) => timers.retry(delayMs, () => parts.process()),
    };
  }

  /** True when the last drain was skipped because another context held the lock. */
  get skipped(): boolean {
    return this.skippedDrain;
  }

  /** Starts the backoff over (a person asked to send now). */
  resetBackoff(): void {
    this.failures = 0;
  }

  /** Forgets a skipped drain (a drain follows). */
  clearSkipped(): void {
    this.skippedDrain = false;
  }

  /** One drain under the lock; errors end it (with a retry scheduled), never reject. */
  async drainOnce(): Promise<void> {
    const { store, config, timers } = this.parts;
    if (store.state.paused) return;
    if (!currentlyOnline()) {
      // The `online` trigger starts the next drain; pushing now would only fail.
      store.dispatch({ type: 'connectivity', online: false });
      return;
    }
    try {
      const result = await withDrainLock(drainLockName(this.parts.dbName), () => this.drainHeld(), config.locks);
      if (result.acquired) return;
      // Another tab or the worker drains; its `drained` message brings us back (timer as backup).
      this.skippedDrain = true;
      timers.retry(config.backoff.baseMs, () => this.parts.process());
    } catch (error) {
      await stopOn(this.ctx, classifyFailure(error), []).catch(() => undefined);
    }
  }

  /** The drain itself, while holding the lock. */
  private async drainHeld(): Promise<void> {
    const { store, storage, userId, signal, channel } = this.parts;
    let ok = false;
    try {
      if (!(await drain(this.ctx))) return;
      ok = true;
      const { synced, due, waiting } = await syncedAfterDrain(storage, userId);
      if (!waiting) this.failures = 0;
      store.dispatch(synced);
      this.scheduleNextDue(due);
      this.parts.completed();
    } finally {
      if (!signal.aborted) {
        await this.parts.refresh().catch(() => undefined);
        store.dispatch({ type: 'drain-ended' });
        channel.post('drained', userId, ok);
      }
    }
  }

  /** After a successful drain, wakes up when the next entry that was not due becomes due. */
  private scheduleNextDue(due: number | null): void {
    if (due === null) return;
    const { timers, config } = this.parts;
    timers.retry(Math.max(due - Date.now(), config.backoff.baseMs), () => this.parts.process());
  }
}
