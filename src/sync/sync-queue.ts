/**
 * The persistent sync queue (DESIGN.md, "Sync queue"). The queue itself lives in IndexedDB;
 * this class drains it: lease a batch → push → ack / release / dead-letter, until the user's
 * due entries are gone or an error stops it. Memory never holds more than one batch.
 *
 * Delivery is at-least-once and the server is idempotent by mutation id, so an entry leaves
 * the queue only after the server confirmed it (`applied` or `duplicate`).
 */
import { OfflineReviewError } from '../errors.js';
import { encodeHlc } from '../hlc.js';
import { uuidv7 } from '../ids.js';
import type { DeadLetter, Mutation } from '../types.js';
import { drain, stopOn, syncedAfterDrain, type DrainContext } from './drain.js';
import { drainLockName, withDrainLock } from './drain-lock.js';
import { pullAll } from './pull.js';
import { SyncChannel, type SyncMessage } from './sync-channel.js';
import { Coalesced } from './coalesce.js';
import { classifyFailure } from './sync-failure.js';
import { resolveSyncOptions, type ResolvedSyncOptions, type SyncQueueOptions } from './sync-options.js';
import type { SyncClient, SyncStorage } from './sync-ports.js';
import { currentlyOnline, initialSyncState, SyncStateEvent, type SyncState } from './sync-state.js';
import { SyncTimers } from './sync-timers.js';
import { SyncTriggers } from './sync-triggers.js';

export type { SyncQueueOptions } from './sync-options.js';

/** What `add` takes: a mutation whose id, hlc and timestamp may be left to the queue. */
export type NewMutation = Pick<Mutation, 'type' | 'action' | 'data'> & Partial<Pick<Mutation, 'id' | 'hlc' | 'clientTimestamp'>>;

/**
 * Drains one user's persistent queue to the server and pulls the other devices' changes.
 * @fires state-change - detail: SyncState, on every change
 * @fires sync-complete - detail: SyncState, when a drain sent everything due and pulled
 * @fires auth-required - the server answered 401; the queue is paused until `resume()`
 */
export class SyncQueue extends EventTarget {
  /** The user whose entries this queue sends. */
  readonly userId: string;
  /** The database name (lock and channel names derive from it). */
  readonly dbName: string;
  private readonly storage: SyncStorage;
  private readonly client: SyncClient;
  private readonly config: ResolvedSyncOptions;
  private readonly controller = new AbortController();
  private readonly channel: SyncChannel;
  private readonly triggers: SyncTriggers;
  private readonly timers = new SyncTimers();
  private readonly drainContext: DrainContext;
  private current: SyncState;
  private readonly drains = new Coalesced(
    () => this.drainOnce(),
    () => !this.closed && !this.current.paused,
  );
  private readonly counts = new Coalesced(
    async () => {
      const pending = await this.storage.countQueue(this.userId).catch(() => null);
      if (pending !== null) this.update({ pending });
    },
    () => !this.closed,
  );
  private failures = 0;
  private skipped = false;
  private autoSync = false;

  /** A queue for `options.userId`; it does nothing until `process()` or `startAutoSync()`. */
  constructor(options: SyncQueueOptions) {
    super();
    this.storage = options.storage;
    this.client = options.client;
    this.userId = options.userId;
    this.dbName = options.dbName ?? 'offline-review';
    this.config = resolveSyncOptions(options);
    this.current = initialSyncState(currentlyOnline());
    this.channel = new SyncChannel(this.dbName, uuidv7(), (message) => this.onMessage(message));
    this.drainContext = {
      storage: this.storage,
      client: this.client,
      userId: this.userId,
      config: this.config,
      signal: this.controller.signal,
      pull: () => pullAll(this.storage, this.client, this.userId, this.config.pullLimit, this.controller.signal),
      exclusive: this.config.locks !== null,
      update: (patch) => this.update(patch),
      nextAttempt: () => this.failures++,
      retryIn: (delayMs) => this.timers.retry(delayMs, () => void this.process()),
      pause: (error) => {
        this.update({ paused: true });
        this.dispatchEvent(new CustomEvent('auth-required', { detail: error }));
      },
    };
    this.triggers = new SyncTriggers(
      () => void this.process(),
      (online) => this.update({ online }),
    );
  }

  /** A copy of the current state. */
  get state(): SyncState {
    return { ...this.current };
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.controller.signal.aborted;
  }

  /**
   * Queues a mutation that no storage user action made (user actions queue theirs inside
   * their own transaction). Missing `id`, `hlc` and `clientTimestamp` are filled in; the hlc
   * is then the device's wall clock. Resolves the queued mutation; with auto sync on, a
   * debounced drain follows. Rejects 'invalid-input' (from storage) or 'storage-full'.
   */
  async add(input: NewMutation, sessionId?: string): Promise<Mutation> {
    const now = Date.now();
    const mutation: Mutation = {
      id: input.id ?? uuidv7(now),
      type: input.type,
      action: input.action,
      data: input.data,
      hlc: input.hlc ?? encodeHlc({ wall: now, counter: 0, node: await this.storage.getDeviceId() }),
      clientTimestamp: input.clientTimestamp ?? now,
    };
    await this.storage.enqueue(this.userId, mutation, sessionId);
    await this.notifyWrite();
    return mutation;
  }

  /**
   * Drains the due entries, then pulls. Resolves when the drain ended: everything due was
   * sent, or an error stopped it (a retry is then scheduled, or the queue paused on 401).
   * Never rejects for network or server trouble; see `state.lastError`. A call during a drain
   * joins it and makes it run once more, so a write made meanwhile is not left behind.
   */
  process(): Promise<void> {
    return this.closed ? Promise.resolve() : this.drains.run();
  }

  /**
   * Pulls the server's changes since this user's cursor, page by page, merging each page in
   * one transaction. Rejects with the client's OfflineReviewError (network, auth-required, …).
   */
  async pull(signal?: AbortSignal): Promise<void> {
    await pullAll(this.storage, this.client, this.userId, this.config.pullLimit, this.signalWith(signal));
  }

  /**
   * Starts the triggers: `online`, page visible, every `intervalMs` (default 30 s), writes
   * (debounced), and a drain now (startup).
   */
  startAutoSync(intervalMs = 30_000): void {
    if (this.closed) return;
    this.autoSync = true;
    this.triggers.start(intervalMs);
    void this.process();
  }

  /** Stops every trigger and clears pending timers; entries stay queued. */
  stopAutoSync(): void {
    this.autoSync = false;
    this.triggers.stop();
    this.timers.clearAll();
  }

  /**
   * Tells the queue (and the other tabs) that entries were written. With auto sync on, a drain
   * follows after `writeDebounceMs` of quiet. Resolves when `pending` is recounted (callers on
   * the answer's path need not wait); never rejects.
   */
  notifyWrite(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.channel.post('write', this.userId);
    if (this.autoSync) this.timers.debounce(this.config.writeDebounceMs, () => void this.process());
    return this.recountPending();
  }

  /** Recounts pending entries and dead letters from IndexedDB and emits the state if it changed. */
  async refresh(): Promise<void> {
    if (this.closed) return;
    const [pending, deadLetters] = await Promise.all([this.storage.countQueue(this.userId), this.storage.countDeadLetters(this.userId)]);
    this.update({ pending, deadLetters });
  }

  /** This user's dead letters (entries the server refused, or out of retries). */
  listDeadLetters(): Promise<DeadLetter[]> {
    return this.storage.listDeadLetters(this.userId);
  }

  /** Puts dead letters (all of this user's when `ids` is omitted) back in the queue, then drains. */
  async retryDeadLetters(ids?: string[]): Promise<void> {
    await this.storage.requeueDeadLetters(ids ?? (await this.listDeadLetters()).map((d) => d.id));
    this.channel.post('dead-letters', this.userId);
    await this.refresh();
    void this.process();
  }

  /** Deletes dead letters (all of this user's when `ids` is omitted) for good. */
  async discardDeadLetters(ids?: string[]): Promise<void> {
    await this.storage.discardDeadLetters(ids ?? (await this.listDeadLetters()).map((d) => d.id));
    this.channel.post('dead-letters', this.userId);
    await this.refresh();
  }

  /**
   * Sends now, as when a person presses "Retry": entries waiting out a backoff become due and a
   * drain starts at once. Resolves when that drain ended; never rejects for network trouble.
   */
  async retryNow(): Promise<void> {
    if (this.closed) return;
    await this.storage.expediteWaiting(this.userId, Date.now());
    this.failures = 0;
    return this.process();
  }

  /** Ends a pause after `auth-required` (the user signed in again) and drains. */
  resume(): Promise<void> {
    this.update({ paused: false });
    return this.process();
  }

  /** Stops triggers and timers, aborts a running drain and closes the channel. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.stopAutoSync();
    this.controller.abort(new OfflineReviewError('closed', 'The sync queue was closed.'));
    this.channel.close();
  }

  /** One drain under the lock; errors end it (with a retry scheduled), never reject. */
  private async drainOnce(): Promise<void> {
    if (this.current.paused) return;
    if (!currentlyOnline()) {
      // The `online` trigger starts the next drain; pushing now would only fail.
      this.update({ online: false });
      return;
    }
    try {
      const result = await withDrainLock(drainLockName(this.dbName), () => this.drainHeld(), this.config.locks);
      if (result.acquired) return;
      // Another tab or the worker drains; its `drained` message brings us back (timer as backup).
      this.skipped = true;
      this.timers.retry(this.config.backoff.baseMs, () => void this.process());
    } catch (error) {
      await stopOn(this.drainContext, classifyFailure(error), []).catch(() => undefined);
    }
  }

  /** The drain itself, while holding the lock. */
  private async drainHeld(): Promise<void> {
    let ok = false;
    try {
      if (!(await drain(this.drainContext))) return;
      ok = true;
      const { patch, due, waiting } = await syncedAfterDrain(this.storage, this.userId);
      if (!waiting) this.failures = 0;
      this.update(patch);
      this.scheduleNextDue(due);
      this.dispatchEvent(new CustomEvent('sync-complete', { detail: this.state }));
    } finally {
      if (!this.closed) {
        await this.refresh().catch(() => undefined);
        this.update({ syncing: false });
        this.channel.post('drained', this.userId, ok);
      }
    }
  }

  /** Another context wrote or drained: recount; if it drained while we skipped, go again. */
  private onMessage(message: SyncMessage): void {
    void (message.type === 'write' ? this.recountPending() : this.refresh().catch(() => undefined));
    // Another tab or the worker synced this user: the indicator shows it as synced here too.
    if (message.type === 'drained' && message.ok && message.userId === this.userId) {
      // A page's successful drain always reached the server (its pull, at least), with the
      // origin's cookies, which are ours too: a 401 pause here is over. Not so for the worker,
      // whose "ok" may mean it had nothing to send.
      if (this.current.paused && !message.pushOnly) {
        void this.resume();
        return;
      }
      void this.noteDrainedElsewhere();
    }
    if (message.type === 'drained' && this.skipped) {
      this.skipped = false;
      void this.process();
    } else if (message.type === 'drained' && message.ok && message.pushOnly && this.autoSync && message.userId === this.userId) {
      // The worker sent our answers but does not pull: a drain here (nothing left to push)
      // brings the other devices' changes, as a drain of our own would have.
      void this.process();
    }
  }

  /**
   * Another context sent everything due for this user. As after a drain of our own, an error
   * stands while entries wait out its backoff: "ok" may mean that nothing was due to send.
   */
  private async noteDrainedElsewhere(): Promise<void> {
    const synced = await syncedAfterDrain(this.storage, this.userId).catch(() => null);
    // A drain of our own started meanwhile: its end sets both, and may have a newer error.
    if (this.current.syncing) return;
    this.update(synced?.patch ?? { lastSyncedAt: Date.now(), lastError: null });
  }

  /**
   * Recounts `pending`, one count at a time: writes during a count ask for one more, so a burst
   * of answers costs two counts, not one each (counting walks the index). Never rejects: the
   * writes succeeded, and a count that fails (storage closing) must not say otherwise.
   */
  private recountPending(): Promise<void> {
    return this.counts.run();
  }

  /** After a successful drain, wakes up when the next entry that was not due becomes due. */
  private scheduleNextDue(due: number | null): void {
    if (due === null) return;
    this.timers.retry(Math.max(due - Date.now(), this.config.backoff.baseMs), () => void this.process());
  }

  /** Merges `patch` into the state and emits `state-change` when something changed. */
  private update(patch: Partial<SyncState>): void {
    const next = { ...this.current, ...patch };
    const changed = (Object.keys(patch) as Array<keyof SyncState>).some(
      (key) => JSON.stringify(next[key]) !== JSON.stringify(this.current[key]),
    );
    this.current = next;
    if (changed && !this.closed) this.dispatchEvent(new SyncStateEvent(next));
  }

  /** `signal` combined with the queue's own (aborted by `close()`). */
  private signalWith(signal?: AbortSignal): AbortSignal {
    if (!signal) return this.controller.signal;
    // AbortSignal.any is recent (2023); without it the caller's signal alone still cancels.
    return typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, this.controller.signal]) : signal;
  }
}
