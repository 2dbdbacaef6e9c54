/**
 * The one facade the tags and the service worker use (DESIGN.md, "Components": the elements
 * share one engine per database and user). It composes storage, quota, resolver, HTTP client
 * and sync queue, and never touches `window` or `document`: it also runs in the worker.
 */
import { buildAnswer, type AnswerInput } from './engine/answer.js';
import { contentSourceKey, parseContentList } from './engine/content.js';
import { OfflineReviewError, isOfflineReviewError } from './errors.js';
import { uuidv7 } from './ids.js';
import { ConflictResolver } from './merge/conflict-resolver.js';
import { ReviewApiClient } from './client/http-client.js';
import { IndexedDBStorage } from './storage/indexeddb-storage.js';
import { StorageQuotaManager } from './storage/quota.js';
import { MetaKey } from './storage/meta-keys.js';
import { SyncQueue, type SyncQueueOptions } from './sync/sync-queue.js';
import { SyncStateEvent, type SyncState } from './sync/sync-state.js';
import type { AnswerRecord, ReviewableContent, ReviewSession, SessionMode, SessionStatistics } from './types.js';

export type { AnswerInput } from './engine/answer.js';

/** Options of `OfflineReview.for`. */
export interface OfflineReviewOptions {
  /** The signed-in user. */
  userId: string;
  /** IndexedDB database name. Default 'offline-review'. */
  dbName?: string;
  /** The IndexedDB factory, e.g. a Storage Bucket's `indexedDB`; default the global one. */
  indexedDB?: IDBFactory;
  /** Protocol base URL. Default '/api/review'. */
  apiBase?: string;
  /** Drain on writes, `online`, page visible, an interval and startup. Default true. */
  autoSync?: boolean;
  /** The auto-sync interval. Default 30 s. */
  syncIntervalMs?: number;
  /** Request timeout. Default 15 s. */
  timeoutMs?: number;
  /** Extra request headers (a CSRF token, say). */
  headers?: () => HeadersInit | Promise<HeadersInit>;
  /** Queue tuning (batch sizes, retries, delays); tests make the delays small. */
  queue?: Omit<SyncQueueOptions, 'storage' | 'client' | 'userId' | 'dbName'>;
}

/** What the worker reads from meta 'config' to drain the same queue. */
export interface EngineConfig {
  apiBase: string;
  userId: string;
  dbName: string;
}

const instances = new Map<string, OfflineReview>();

/**
 * Offline review for one user on one database.
 * @fires state-change - detail: SyncState
 * @fires sync-complete - detail: SyncState
 * @fires auth-required - the server answered 401; sync pauses until `queue.resume()`
 * @fires update-available - a new service worker waits; call `applyUpdate()`
 * @fires storage-full - detail: OfflineReviewError; an answer was NOT saved
 */
export class OfflineReview extends EventTarget {
  /** The shared instance for `dbName` + `userId`, made on first use (a closed one is replaced). */
  static for(options: OfflineReviewOptions): OfflineReview {
    const key = `${options.dbName ?? 'offline-review'}\u0000${options.userId}`;
    const existing = instances.get(key);
    if (existing && !existing.closed) return existing;
    const engine = new OfflineReview(options);
    instances.set(key, engine);
    return engine;
  }

  /** The signed-in user. */
  readonly userId: string;
  /** The database name. */
  readonly dbName: string;
  /** The protocol base URL. */
  readonly apiBase: string;
  /** The IndexedDB storage. */
  readonly storage: IndexedDBStorage;
  /** Quota estimate, persistence and eviction. */
  readonly quota: StorageQuotaManager;
  /** The merge rules (the same the server uses). */
  readonly resolver: ConflictResolver;
  /** The protocol client. */
  readonly client: ReviewApiClient;
  /** The sync queue of this user. */
  readonly queue: SyncQueue;
  /** Resolves when the database is open and the config stored; rejects 'storage-unavailable'. */
  readonly ready: Promise<void>;
  private updateAvailable = false;
  private applyUpdateCallback: (() => void | Promise<void>) | null = null;
  private isClosed = false;

  /** A new engine; use `OfflineReview.for()` to share one per database and user. */
  constructor(options: OfflineReviewOptions) {
    super();
    if (typeof options?.userId !== 'string' || options.userId === '') {
      throw new OfflineReviewError('invalid-input', 'userId is required.', { details: { key: 'userId' } });
    }
    this.userId = options.userId;
    this.dbName = options.dbName ?? 'offline-review';
    this.apiBase = options.apiBase ?? '/api/review';
    this.quota = new StorageQuotaManager();
    this.storage = new IndexedDBStorage({
      dbName: this.dbName,
      quota: this.quota,
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    });
    this.resolver = new ConflictResolver();
    this.client = new ReviewApiClient({
      baseUrl: this.apiBase,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    this.queue = new SyncQueue({
      ...options.queue,
      storage: this.storage,
      client: this.client,
      userId: this.userId,
      dbName: this.dbName,
    });
    this.queue.addEventListener('state-change', () => this.dispatchEvent(new SyncStateEvent(this.state)));
    this.queue.addEventListener('sync-complete', () => this.dispatchEvent(new CustomEvent('sync-complete', { detail: this.state })));
    this.queue.addEventListener('auth-required', (event) =>
      this.dispatchEvent(new CustomEvent('auth-required', { detail: (event as CustomEvent<unknown>).detail })),
    );
    this.ready = this.start(options);
    // Callers await `ready` (every method does); this keeps an early failure from being unhandled.
    this.ready.catch(() => undefined);
  }

  /** The sync state, with `updateAvailable`. */
  get state(): SyncState {
    return { ...this.queue.state, updateAvailable: this.updateAvailable };
  }

  /** True once `close()` or `signOut()` was called. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Caches items for offline use (one transaction). Rejects 'invalid-input' or 'storage-full'. */
  async loadContent(items: ReviewableContent[]): Promise<void> {
    await this.ready;
    await this.guardStorageFull(() => this.storage.cacheContent(parseContentList(items, 'invalid-input')));
  }

  /**
   * Fetches items from `url` and caches them; offline (or on a bad answer) resolves the items
   * this URL gave last time. Rejects 'content-unavailable' when neither works.
   */
  async loadContentFrom(url: string): Promise<ReviewableContent[]> {
    await this.ready;
    try {
      const items = parseContentList(await this.client.fetchJson(url));
      await this.guardStorageFull(() => this.storage.cacheContent(items));
      await this.storage.setMeta(contentSourceKey(url), items.map((item) => item.id));
      return items;
    } catch (error) {
      if (isOfflineReviewError(error, 'storage-full')) throw error;
      const ids = await this.storage.getMeta(contentSourceKey(url));
      const cached = Array.isArray(ids) ? await this.storage.getContent(ids as string[]) : [];
      if (cached.length > 0) return cached;
      throw new OfflineReviewError('content-unavailable', `Could not load items from ${url}, and none are cached.`, {
        details: { url },
        cause: error,
      });
    }
  }

  /**
   * Resumes this user's latest unfinished session of `deckId` with its answers, or starts a new
   * one (and asks for persistent storage: offline review starts here). Rejects 'invalid-input'
   * or 'storage-full'.
   */
  async startSession(input: {
    deckId: string;
    itemIds: string[];
    mode: SessionMode;
  }): Promise<{ session: ReviewSession; answers: AnswerRecord[] }> {
    await this.ready;
    const resumable = await this.storage.findResumableSession(this.userId, input.deckId);
    if (resumable) return { session: resumable, answers: await this.storage.getSessionAnswers(resumable.id) };
    void this.quota.persist().catch(() => false);
    const now = Date.now();
    const { session } = await this.guardStorageFull(() =>
      this.storage.createSession({
        id: uuidv7(now),
        userId: this.userId,
        deckId: input.deckId,
        itemIds: input.itemIds,
        mode: input.mode,
        status: 'active',
        startedAt: now,
        lastActivityAt: now,
        endedAt: null,
      }),
    );
    void this.queue.notifyWrite();
    return { session, answers: [] };
  }

  /**
   * Records an answer: the answer, session, statistics, progress and queue entry in one
   * transaction, then a debounced sync. Resolves the stored answer. Rejects 'invalid-input',
   * 'not-found', or 'storage-full' (also emitted as a `storage-full` event): the answer is
   * then NOT saved, and the learner must be told.
   */
  async recordAnswer(input: AnswerInput): Promise<AnswerRecord> {
    await this.ready;
    const answer = buildAnswer(input, this.userId, await this.storage.getDeviceId(), Date.now());
    const written = await this.guardStorageFull(() => this.storage.recordAnswer(answer));
    void this.queue.notifyWrite();
    return written.answer;
  }

  /** Marks a session completed (a terminal state wins every merge). Resolves the session. */
  async completeSession(sessionId: string): Promise<ReviewSession> {
    await this.ready;
    const { session } = await this.guardStorageFull(() => this.storage.setSessionStatus(sessionId, 'completed', Date.now()));
    void this.queue.notifyWrite();
    return session;
  }

  /** The statistics of a session (derived from its answers), or null. */
  async getStatistics(sessionId: string): Promise<SessionStatistics | null> {
    await this.ready;
    return (await this.storage.getStatistics(sessionId)) ?? null;
  }

  /** Sends what is queued and pulls; resolves when done or stopped (see `state.lastError`). */
  async sync(): Promise<void> {
    await this.ready;
    await this.queue.process();
  }

  /** Pulls other devices' changes. Rejects with the client's error (network, auth-required, …). */
  async pull(): Promise<void> {
    await this.ready;
    await this.queue.pull();
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
    this.queue.close();
    this.storage.close();
    const key = `${this.dbName}\u0000${this.userId}`;
    if (instances.get(key) === this) instances.delete(key);
  }

  /** Called by the page side of the worker: a new version waits; `apply` activates it. */
  notifyUpdateAvailable(apply: () => void | Promise<void>): void {
    this.applyUpdateCallback = apply;
    this.updateAvailable = true;
    this.dispatchEvent(new CustomEvent('update-available'));
    this.dispatchEvent(new SyncStateEvent(this.state));
  }

  /** Activates the waiting version (the page reloads). Resolves at once when none waits. */
  async applyUpdate(): Promise<void> {
    const apply = this.applyUpdateCallback;
    if (!apply) return;
    this.applyUpdateCallback = null;
    this.updateAvailable = false;
    await apply();
  }

  /** Opens storage, stores the worker's config, counts the queue, starts auto sync. */
  private async start(options: OfflineReviewOptions): Promise<void> {
    await this.storage.initialize();
    const config: EngineConfig = { apiBase: this.apiBase, userId: this.userId, dbName: this.dbName };
    await this.storage.setMeta(MetaKey.Config, config);
    await this.queue.refresh();
    if (options.autoSync ?? true) this.queue.startAutoSync(options.syncIntervalMs ?? 30_000);
  }

  /** Runs a write; a `storage-full` failure is also emitted as an event. */
  private async guardStorageFull<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isOfflineReviewError(error, 'storage-full')) {
        this.dispatchEvent(new CustomEvent('storage-full', { detail: error }));
      }
      throw error;
    }
  }
}
