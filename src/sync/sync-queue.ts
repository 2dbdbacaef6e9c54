/**
 * The persistent sync queue. The queue itself lives in IndexedDB; this class is its face for
 * one user: it queues, starts drains (drain-driver.ts runs them), keeps the state (through the
 * one reducer, sync-state-store.ts), reacts to the other contexts (sync-channel.ts) and hands
 * out the dead letters (dead-letters.ts). The drain, pull and dead letters are a chunk of
 * their own (sync-runtime.ts), loaded at the first drain; the state, counts and triggers are
 * here, so the state is right before it arrives.
 *
 * Delivery is at-least-once and the server is idempotent by mutation id, so an entry leaves
 * the queue only after the server confirmed it (`applied` or `duplicate`).
 */
import { OfflineReviewError } from '../errors.js';
import { encodeHlc } from '../hlc.js';
import { uuidv7 } from '../ids.js';
import { MutationType, type DeadLetter, type Mutation } from '../types.js';
import { Coalesced } from './coalesce.js';
import { reactionTo, SyncChannel, type SyncMessage } from './sync-channel.js';
import { resolveSyncOptions, type ResolvedSyncOptions, type SyncQueueOptions, type SyncRuntimeModule } from './sync-options.js';
import type { PendingCounts, SyncStorage } from './sync-ports.js';
import { SyncRuntimeLoader } from './sync-runtime-loader.js';
import { currentlyOnline, initialSyncState, SyncStateEvent, type SyncState } from './sync-state.js';
import { SyncStateStore } from './sync-state-store.js';
import { SyncTimers } from './sync-timers.js';
import { SyncTriggers } from './sync-triggers.js';
import { syncedAfterDrain } from './synced-after-drain.js';

export type { SyncQueueOptions } from './sync-options.js';

/** What `add` takes: a mutation whose id, hlc and timestamp may be left to the queue. */
export type NewMutation = Pick<Mutation, 'type' | 'action' | 'data'> & Partial<Pick<Mutation, 'id' | 'hlc' | 'clientTimestamp'>>;

/**
 * Drains one user's persistent queue to the server and pulls the other devices' changes.
 * @fires state-change - detail: SyncState, on every change
 * @fires sync-complete - detail: SyncState, when a drain sent everything due and pulled
 * @fires auth-required - detail: the error; the server answered 401 and the queue is paused until `resume()`
 */
export class SyncQueue extends EventTarget {
  /** The user whose entries this queue sends. */
  readonly userId: string;
  /** The database name (lock and channel names derive from it). */
  readonly dbName: string;
  private readonly storage: SyncStorage;
  private readonly config: ResolvedSyncOptions;
  private readonly controller = new AbortController();
  private readonly channel: SyncChannel;
  private readonly triggers: SyncTriggers;
  private readonly timers = new SyncTimers((at) => this.store.dispatch({ type: 'retry-scheduled', at }));
  private readonly store: SyncStateStore;
  private readonly runtime: SyncRuntimeLoader;
  private readonly drains = new Coalesced(
    () => this.runtime.drainOnce(),
    () => !this.closed && !this.store.state.paused,
  );
  private readonly counts = new Coalesced(
    async () => {
      const counts = await this.storage.countPending(this.userId).catch(() => null);
      if (counts) this.store.dispatch({ type: 'counted', pending: counts.pending, pendingAnswers: counts.answers });
    },
    () => !this.closed,
  );
  private autoSync = false;

  /** A queue for `options.userId`; it does nothing until `process()` or `startAutoSync()`. */
  constructor(options: SyncQueueOptions) {
    super();
    this.storage = options.storage;
    this.userId = options.userId;
    this.dbName = options.dbName ?? 'offline-review';
    this.config = resolveSyncOptions(options);
    this.store = new SyncStateStore(initialSyncState(currentlyOnline()), (next, previous) => this.emit(next, previous));
    this.channel = new SyncChannel(this.dbName, uuidv7(), (message) => this.onMessage(message));
    const { client } = options;
    const loadRuntime = options.loadRuntime ?? ((): Promise<SyncRuntimeModule> => import('./sync-runtime.js'));
    const process = (): void => void this.process();
    this.runtime = new SyncRuntimeLoader(async () => {
      const [module, http] = await Promise.all([loadRuntime(), typeof client === 'function' ? client() : client]);
      return module.createSyncRuntime({
        storage: this.storage,
        client: http,
        userId: this.userId,
        dbName: this.dbName,
        config: this.config,
        signal: this.controller.signal,
        store: this.store,
        timers: this.timers,
        channel: this.channel,
        process,
        refresh: () => this.refresh(),
        completed: () => this.dispatchEvent(new CustomEvent('sync-complete', { detail: this.state })),
        deadLettersChanged: async () => {
          this.channel.post('dead-letters', this.userId);
          await this.refresh();
        },
      });
    }, { store: this.store, timers: this.timers, config: this.config, signal: this.controller.signal, process });
    this.triggers = new SyncTriggers(
      () => void this.process(),
      (online) => this.store.dispatch({ type: 'connectivity', online }),
    );
  }

  /** A copy of the current state. */
  get state(): SyncState {
    return { ...this.store.state };
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
    const runtime = await this.runtime.get();
    await runtime.pull(this.signalWith(signal));
  }

  /**
   * Starts the triggers: `online`, page visible, every `intervalMs` (default 30 s), writes
   * (debounced, then at an idle moment), and a first drain as after a write: the first card
   * does not wait for it (nor for the chunk it loads); a queued answer is safe meanwhile.
   */
  startAutoSync(intervalMs = 30_000): void {
    if (this.closed) return;
    this.autoSync = true;
    this.triggers.start(intervalMs);
    this.timers.first(this.config.writeDebounceMs, () => void this.process());
  }

  /**
   * The page is reading (building its first card): a first drain still waiting starts again
   * to wait for `writeDebounceMs` of quiet, then an idle moment; at most 10 s after the start.
   */
  deferStartDrain(): void {
    if (this.autoSync) this.timers.deferFirst(this.config.writeDebounceMs, () => void this.process());
  }

  /** Stops every trigger and clears pending timers; entries stay queued. */
  stopAutoSync(): void {
    this.autoSync = false;
    this.triggers.stop();
    this.timers.clearAll();
  }

  /**
   * Tells the queue (and the other tabs) that entries were written. With auto sync on, a drain
   * follows after `writeDebounceMs` of quiet. `counted`: the user's queue entries and answers
   * among them, counted in the transaction of the write (an answer's, answer-store.ts), taken as
   * they are; without it, `pending` is counted again. Resolves when `pending` is up to date
   * (callers on the answer's path need not wait); never rejects.
   */
  notifyWrite(counted?: PendingCounts): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.channel.post('write', this.userId);
    if (this.autoSync) this.timers.debounce(this.config.writeDebounceMs, () => void this.process());
    if (counted) {
      this.store.dispatch({ type: 'counted', pending: counted.pending, pendingAnswers: counted.answers });
      return Promise.resolve();
    }
    return this.recountPending();
  }

  /** Recounts pending entries and dead letters from IndexedDB and emits the state if it changed. */
  async refresh(): Promise<void> {
    if (this.closed) return;
    const [{ pending, answers: pendingAnswers }, letters] = await Promise.all([this.storage.countPending(this.userId), this.storage.listDeadLetters(this.userId)]);
    const deadLetterAnswers = letters.filter((letter) => letter.mutation.type === MutationType.Answer).length;
    const refusal = letters.at(-1)?.reason ?? null;
    this.store.dispatch({ type: 'counted', pending, pendingAnswers, deadLetters: letters.length, deadLetterAnswers, refusal });
  }

  /** This user's dead letters (entries the server refused, or out of retries). */
  listDeadLetters(): Promise<DeadLetter[]> {
    return this.storage.listDeadLetters(this.userId);
  }

  /** Puts dead letters (all of this user's when `ids` is omitted) back in the queue, then drains. */
  async retryDeadLetters(ids?: string[]): Promise<void> {
    await (await this.runtime.get()).deadLetters.requeue(ids);
    void this.process();
  }

  /** Deletes dead letters (all of this user's when `ids` is omitted) for good. */
  async discardDeadLetters(ids?: string[]): Promise<void> {
    await (await this.runtime.get()).deadLetters.discard(ids);
  }

  /**
   * Sends now, as when a person presses "Retry": entries waiting out a backoff become due and a
   * drain starts at once. Resolves when that drain ended; never rejects for network trouble.
   */
  async retryNow(): Promise<void> {
    if (this.closed) return;
    await this.storage.expediteWaiting(this.userId, Date.now());
    this.runtime.resetBackoff();
    return this.process();
  }

  /** Ends a pause after `auth-required` (the user signed in again) and drains. */
  resume(): Promise<void> {
    this.store.dispatch({ type: 'resumed' });
    return this.process();
  }

  /** Stops triggers and timers, aborts a running drain and closes the channel. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.stopAutoSync();
    this.controller.abort(new OfflineReviewError('closed', 'The sync queue was closed.'));
    this.channel.close();
  }

  /** Another context wrote or drained: recount, and do what its message asks (sync-channel.ts). */
  private onMessage(message: SyncMessage): void {
    const driver = this.runtime.current?.driver;
    const view = { userId: this.userId, paused: this.store.state.paused, skipped: driver?.skipped ?? false, autoSync: this.autoSync };
    const reaction = reactionTo(message, view);
    void (reaction.recount === 'pending' ? this.recountPending() : this.refresh().catch(() => undefined));
    if (reaction.resume) {
      void this.resume();
      return;
    }
    if (reaction.syncedElsewhere) void this.noteDrainedElsewhere();
    if (reaction.drain) {
      driver?.clearSkipped();
      void this.process();
    }
  }

  /**
   * Another context sent everything due for this user. As after a drain of our own, an error
   * stands while entries wait out its backoff: "ok" may mean that nothing was due to send.
   */
  private async noteDrainedElsewhere(): Promise<void> {
    const after = await syncedAfterDrain(this.storage, this.userId).catch(() => null);
    // A drain of our own started meanwhile: its end says it, and may have a newer error.
    if (this.store.state.syncing) return;
    this.store.dispatch(after?.synced ?? { type: 'synced', at: Date.now(), waiting: false });
  }

  /**
   * Recounts `pending`, one count at a time: writes during a count ask for one more, so a burst
   * of answers costs two counts, not one each (counting walks the index). Never rejects: the
   * writes succeeded, and a count that fails (storage closing) must not say otherwise.
   */
  private recountPending(): Promise<void> {
    return this.counts.run();
  }

  /** Emits a changed state; a new pause also emits `auth-required`. Silent once closed. */
  private emit(next: SyncState, previous: SyncState): void {
    if (this.closed) return;
    this.dispatchEvent(new SyncStateEvent(next));
    if (next.paused && !previous.paused) this.dispatchEvent(new CustomEvent('auth-required', { detail: next.lastError }));
  }

  /** `signal` combined with the queue's own (aborted by `close()`). */
  private signalWith(signal?: AbortSignal): AbortSignal {
    if (!signal) return this.controller.signal;
    // AbortSignal.any is recent (2023); without it the caller's signal alone still cancels.
    return typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, this.controller.signal]) : signal;
  }
}
