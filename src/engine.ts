/**
 * The one facade the tags and a site use (docs/design.md, "The engine and storage"): one
 * engine per database and user, which the elements share. Its parts — storage, HTTP client and
 * sync queue — are private: callers get methods that say what they do, so that a part can
 * change without breaking a caller. It never touches `window` or `document`.
 */
import { recordAnswerWithState, type AnswerContext, type AnswerInput } from './engine/answer.js';
import { AnswersSignal } from './engine/answers-changed.js';
import { loadContentFrom, type ContentSourceOptions } from './engine/content-source.js';
import { DEFAULT_API_BASE, DEFAULT_DB_NAME, DEFAULT_SYNC_INTERVAL_MS, type EngineConfig, type OfflineReviewOptions } from './engine/engine-options.js';
import { engineParts, openEngine } from './engine/engine-start.js';
import { EngineRegistry } from './engine/engine-registry.js';
import { startOrResume, type SessionStart } from './engine/session-start.js';
import { UpdateFlow } from './engine/update-flow.js';
import { OfflineReviewError } from './errors.js';
import type { ReviewApiClient } from './client/http-client.js';
import type { CardState, LearnerDay, SchedulerParameters } from './scheduler/index.js';
import { readAnswerHistory } from './storage/answer-history.js';
import type { IndexedDBStorage } from './storage/indexeddb-storage.js';
import type { StorageObserver } from './storage/storage-options.js';
import { isRecordId, requireItems } from './records/index.js';
import { MetaKey } from './storage/meta-keys.js';
import type { LazyChunk } from './sync/lazy-chunk.js';
import { whenIdle } from './sync/idle.js';
import type { SyncQueue } from './sync/sync-queue.js';
import { SyncStateEvent, type SyncState } from './sync/sync-state.js';
import type { AnswerRecord, DeadLetter, ProgressData, ReviewableContent, ReviewSession, SessionStatistics } from './types.js';

export type { AnswerInput } from './engine/answer.js';
export type { EngineConfig, OfflineReviewOptions } from './engine/engine-options.js';

const engines = new EngineRegistry<OfflineReview>();

/**
 * Offline review for one user on one database.
 * @fires state-change - detail: SyncState
 * @fires sync-complete - detail: SyncState
 * @fires auth-required - the server answered 401; sync pauses until `resume()` (or `retry()`)
 * @fires update-available - a new service worker waits; call `applyUpdate()`
 * @fires answers-changed - AnswersChangedEvent: the answers of these sessions changed (here, in another tab, or by a pull)
 * @fires storage-full - detail: OfflineReviewError; a write (an answer, say) was NOT saved
 */
export class OfflineReview extends EventTarget {
  /**
   * The shared engine for `dbName` + `userId`, made on first use (a closed one is replaced).
   * A later call that leaves an option out gets the engine as it is; one that gives an option
   * with another value (another `apiBase`, `headers` function, …) throws
   * OfflineReviewError('engine-conflict') with `details.option`, instead of silently
   * dropping it. Throws 'invalid-input' without a `userId`.
   */
  static for(options: OfflineReviewOptions): OfflineReview {
    return engines.shared(options, (made) => new OfflineReview(made));
  }

  /** The signed-in user. */
  readonly userId: string;
  /** The database name. */
  readonly dbName: string;
  /** The protocol base URL. */
  readonly apiBase: string;
  /** Resolves when the database is open and the config stored; rejects 'storage-unavailable'. */
  readonly ready: Promise<void>;
  private readonly storage: IndexedDBStorage;
  private readonly client: LazyChunk<ReviewApiClient>;
  private readonly syncer: SyncQueue;
  private readonly update = new UpdateFlow();
  private readonly answers: AnswersSignal;
  private readonly answering: AnswerContext;
  private deviceId = '';
  private isClosed = false;

  /** A new engine; use `OfflineReview.for()` to share one per database and user. Throws 'invalid-input'. */
  constructor(options: OfflineReviewOptions) {
    super();
    // A server refuses every record of a user id that is not an id: refuse it before any is stored.
    if (!isRecordId(options?.userId)) {
      throw new OfflineReviewError('invalid-input', 'userId must be an id.', { details: { key: 'userId', field: 'userId' } });
    }
    this.userId = options.userId;
    this.dbName = options.dbName ?? DEFAULT_DB_NAME;
    this.apiBase = options.apiBase ?? DEFAULT_API_BASE;
    this.answers = new AnswersSignal(this, this.dbName, this.userId);
    const answersChanged: StorageObserver['answersChanged'] = (change) => this.answers.changed(change);
    const storageFull: StorageObserver['storageFull'] = (error) => this.dispatchEvent(new CustomEvent('storage-full', { detail: error }));
    ({ storage: this.storage, client: this.client, syncer: this.syncer } = engineParts(this, this.config, options, { answersChanged, storageFull }, () => this.state));
    this.ready = this.start(options);
    this.answering = { ready: this.ready, storage: this.storage, syncer: this.syncer, userId: this.userId, deviceId: () => this.deviceId };
    // Callers await `ready` (every method does); this keeps an early failure from being unhandled.
    this.ready.catch(() => undefined);
  }

  /** What the worker reads of this engine (stored at start). */
  private get config(): EngineConfig {
    return { apiBase: this.apiBase, userId: this.userId, dbName: this.dbName };
  }

  /** The sync state, with `updateAvailable`. */
  get state(): SyncState {
    return { ...this.syncer.state, updateAvailable: this.update.available };
  }

  /** True once `close()` or `signOut()` was called. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Caches items (one transaction). Rejects 'invalid-input' naming a bad item (nothing cached), 'storage-full'. */
  async loadContent(items: ReviewableContent[]): Promise<void> {
    await this.opened();
    await this.storage.cacheContent(requireItems(items));
  }

  /**
   * Fetches the deck at `url` and caches its good items; bad ones are left out and named to
   * `onRefused` in one 'invalid-input' error. Offline, resolves what the URL gave last time.
   * Rejects 'aborted' when `signal` aborts, 'storage-full', 'content-unavailable' (not fetched,
   * nothing cached), or 'invalid-input' (fetched, but no usable item, and nothing cached).
   */
  async loadContentFrom(url: string, options: ContentSourceOptions = {}): Promise<ReviewableContent[]> {
    await this.opened();
    // A client that cannot be loaded fails the fetch (the URL's last items are used).
    const client = { fetchJson: async (at: string, signal?: AbortSignal) => (await this.client.get()).fetchJson(at, signal) };
    return loadContentFrom(this.storage, client, url, (items) => this.storage.cacheContent(items), options);
  }

  /**
   * Resumes this user's latest unfinished session of `deckId` with its answers, or starts a new
   * one. Rejects 'invalid-input' or 'storage-full'.
   */
  async startSession(input: SessionStart): Promise<{ session: ReviewSession; answers: AnswerRecord[] }> {
    await this.opened();
    const { session, answers, created } = await startOrResume(this.storage, this.userId, input, Date.now());
    if (created) void this.syncer.notifyWrite();
    // What records the answers (a worker: src/storage/answer-worker.ts) starts before the first one, at an idle moment.
    whenIdle(() => this.storage.prepareAnswers(), 2000);
    return { session, answers };
  }

  /**
   * Records an answer: the answer, session, statistics, progress and queue entry in one
   * transaction, then a debounced sync. The first one stored asks for persistent storage (the
   * learner just acted, so a browser's prompt is explained). Resolves the stored answer.
   * Rejects 'invalid-input', 'not-found', or 'storage-full' (also emitted as a `storage-full`
   * event): the answer is then NOT saved, and the learner must be told.
   */
  async recordAnswer(input: AnswerInput): Promise<AnswerRecord> {
    return (await this.recordAnswerWithState(input)).answer;
  }

  /**
   * As `recordAnswer`, and resolves the answered card's FSRS state too, derived with `params`
   * and `day` in the answer's own transaction: what `cardStates([itemId], params, day)` would
   * read right after, without a second transaction. A view that shows the next card from the
   * card states uses it. Without `params` and `day`, the state keeps the parameters it was
   * derived with before. `cardState` is never null for an answer made here (its id is new).
   * Rejects as `recordAnswer` does, and 'invalid-input' (nothing stored) for parameters or a
   * learner day that do not check (`normalizeSchedulerParameters`, `normalizeLearnerDay`).
   */
  recordAnswerWithState(input: AnswerInput, params?: SchedulerParameters, day?: LearnerDay): Promise<{ answer: AnswerRecord; cardState: CardState | null }> {
    return recordAnswerWithState(this.answering, input, params, day);
  }

  /** Marks a session completed (a terminal state wins every merge). Resolves the session. */
  async completeSession(sessionId: string): Promise<ReviewSession> {
    await this.ready;
    const { session } = await this.storage.setSessionStatus(sessionId, 'completed', Date.now());
    void this.syncer.notifyWrite();
    return session;
  }

  /** A session's answers on this device (this tab's, other tabs' and pulled ones), in (answeredAt, id) order, without undone ones. */
  async getSessionAnswers(sessionId: string): Promise<AnswerRecord[]> {
    await this.opened();
    return this.storage.getSessionAnswers(sessionId);
  }

  /** The statistics of a session (derived from its answers), or null. */
  async getStatistics(sessionId: string): Promise<SessionStatistics | null> {
    await this.opened();
    return this.storage.getStatistics(sessionId);
  }

  /** This user's progress on `itemIds` (those that have some), or on every item. */
  async getProgress(itemIds?: readonly string[]): Promise<ProgressData[]> {
    await this.opened();
    return this.storage.getProgress(this.userId, itemIds);
  }

  /** This user's FSRS card states of `itemIds` for a deck's parameters and learner day (defaults: FSRS's, this device's zone, 4 am). */
  cardStates(itemIds: readonly string[], params?: SchedulerParameters, day?: LearnerDay): Promise<Map<string, CardState>> {
    return this.opened().then(() => this.storage.cardStates(this.userId, itemIds, params, day));
  }

  /** This user's answers on this device (every device's, once merged), without undone ones, in (answeredAt, id) order: what statistics are made of. */
  answerHistory(): Promise<AnswerRecord[]> {
    return this.opened().then(async () => readAnswerHistory(await this.storage.db(), this.userId));
  }

  /** Undoes an answer (by id; `{sessionId}`: its latest not undone, or null) with a retraction that syncs like an answer. Rejects 'not-found'. */
  async retractAnswer(target: string | { sessionId: string }): ReturnType<IndexedDBStorage['retractAnswer']> {
    await this.ready;
    const written = await this.storage.retractAnswer(this.userId, typeof target === 'string' ? { answerId: target } : target);
    if (written?.mutation) void this.syncer.notifyWrite();
    return written;
  }

  /** Sends what is queued and pulls; resolves when done or stopped (see `state.lastError`). */
  async sync(): Promise<void> {
    await this.ready;
    await this.syncer.process();
  }

  /** Pulls other devices' changes. Rejects with the client's error (network, auth-required, …). */
  pull(): Promise<void> {
    return this.ready.then(() => this.syncer.pull());
  }

  /**
   * "Retry", as a person asks for it: ends an `auth-required` pause, makes entries waiting out
   * a backoff due, and sends now. Resolves when that drain ended; failures show in
   * `state.lastError`, never as a rejection.
   */
  async retry(): Promise<void> {
    await this.ready;
    if (this.syncer.state.paused) void this.syncer.resume();
    await this.syncer.retryNow();
  }

  /** Ends the pause after `auth-required` (the user signed in again) and drains. */
  resume(): Promise<void> {
    return this.ready.then(() => this.syncer.resume());
  }

  /** Recounts pending entries and dead letters from IndexedDB (after another context drained). */
  refresh(): Promise<void> {
    return this.ready.then(() => this.syncer.refresh());
  }

  /** Starts the page's sync triggers, or restarts them with `intervalMs` (default 30 s). */
  startAutoSync(intervalMs = DEFAULT_SYNC_INTERVAL_MS): void {
    this.syncer.startAutoSync(intervalMs);
  }

  /** This user's dead letters (changes the server refused, or out of retries), oldest first. */
  listDeadLetters(): Promise<DeadLetter[]> {
    return this.ready.then(() => this.syncer.listDeadLetters());
  }

  /** Puts dead letters (`ids`, or all of this user's) back in the queue, then drains. */
  requeueDeadLetters(ids?: string[]): Promise<void> {
    return this.ready.then(() => this.syncer.retryDeadLetters(ids));
  }

  /** Deletes dead letters (`ids`, or all of this user's) for good: those changes are lost. */
  discardDeadLetters(ids?: string[]): Promise<void> {
    return this.ready.then(() => this.syncer.discardDeadLetters(ids));
  }

  /**
   * Signs this user out on this device: sync stops, the worker forgets the user, and the
   * engine closes. Queued answers stay and are sent when the user signs in again.
   */
  async signOut(): Promise<void> {
    await this.ready.catch(() => undefined);
    if (!this.isClosed) await this.storage.setMeta(MetaKey.Config, null).catch(() => undefined);
    this.close();
  }

  /** Stops sync and closes the database connection. Idempotent. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.syncer.close();
    this.answers.close();
    this.storage.close();
    engines.forget(this);
  }

  /** Called by the page side of the worker: a new version waits; `apply` activates it. */
  notifyUpdateAvailable(apply: () => void | Promise<void>): void {
    this.update.offer(apply);
    this.dispatchEvent(new CustomEvent('update-available'));
    this.dispatchEvent(new SyncStateEvent(this.state));
  }

  /** Activates the waiting version (the page reloads). Resolves at once when none waits. */
  applyUpdate(): Promise<void> {
    return this.update.accept();
  }

  /** `ready`, for a read: reads (a first card being built) push the first drain back to a quiet moment. */
  private opened(): Promise<void> {
    return this.ready.then(() => this.syncer.deferStartDrain());
  }

  /** Opens storage and starts sync (engine/engine-start.ts); the device id is known once it resolves. */
  private async start(options: OfflineReviewOptions): Promise<void> {
    this.deviceId = await openEngine(this.storage, this.syncer, this.config, options);
  }
}
