/**
 * The queue's hold on its sync chunk (sync-runtime.ts): loads it at the first drain, and turns
 * a load that fails (offline before the worker cached the chunk) into a drain that failed as
 * a network failure does: the entries stay queued and a retry is scheduled with backoff.
 */
import { backoffDelay } from './backoff.js';
import { LazyChunk } from './lazy-chunk.js';
import { classifyFailure } from './sync-failure.js';
import type { ResolvedSyncOptions } from './sync-options.js';
import type { SyncRuntime } from './sync-runtime.js';
import { currentlyOnline } from './sync-state.js';
import type { SyncStateStore } from './sync-state-store.js';
import type { SyncTimers } from './sync-timers.js';

/** What the loader reports to and schedules with: the queue's own parts. */
export interface SyncRuntimeLoaderParts {
  store: SyncStateStore;
  timers: SyncTimers;
  config: ResolvedSyncOptions;
  /** Aborted when the queue closes. */
  signal: AbortSignal;
  /** Starts (or joins) a drain: what a retry runs. */
  process(): void;
}

/** Loads the sync chunk once, and drains through it. */
export class SyncRuntimeLoader {
  private readonly chunk: LazyChunk<SyncRuntime>;
  private readonly parts: SyncRuntimeLoaderParts;
  /** Failed loads in a row (their backoff). */
  private failures = 0;

  /** `load` imports the chunk and makes the runtime; nothing is loaded before the first drain. */
  constructor(load: () => Promise<SyncRuntime>, parts: SyncRuntimeLoaderParts) {
    this.chunk = new LazyChunk('sync', load);
    this.parts = parts;
  }

  /** The runtime once loaded, else undefined. */
  get current(): SyncRuntime | undefined {
    return this.chunk.current;
  }

  /** Resolves the runtime, loading it if need be; rejects OfflineReviewError('network') when the chunk cannot be loaded. */
  get(): Promise<SyncRuntime> {
    return this.chunk.get();
  }

  /** Starts the backoff over (a person asked to send now). */
  resetBackoff(): void {
    this.failures = 0;
    this.current?.driver.resetBackoff();
  }

  /**
   * One drain: loads the chunk on the first, then lets the driver drain. Offline it loads
   * nothing (the `online` trigger drains). Never rejects.
   */
  async drainOnce(): Promise<void> {
    const { store, timers, config, signal } = this.parts;
    if (store.state.paused) return;
    if (!currentlyOnline()) {
      store.dispatch({ type: 'connectivity', online: false });
      return;
    }
    let runtime: SyncRuntime;
    try {
      runtime = await this.chunk.get();
    } catch (error) {
      if (signal.aborted) return;
      store.dispatch({ type: 'failed', failure: classifyFailure(error) });
      timers.retry(backoffDelay(this.failures++, config.backoff), () => this.parts.process());
      return;
    }
    this.failures = 0;
    await runtime.driver.drainOnce();
  }
}
