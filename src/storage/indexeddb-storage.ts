/**
 * IndexedDBStorage: the module spec's storage class, kept by name and method, with the
 * answers, progress, statistics, queue, dead letters and meta stores DESIGN.md adds.
 * Each user action is one transaction; the work lives in the files beside this one.
 */
import { compareAnswers } from '../merge/derive.js';
import type {
  AnswerRecord,
  CachedContent,
  ChangeSet,
  DeadLetter,
  Mutation,
  ProgressData,
  QueueEntry,
  ReviewSession,
  ReviewableContent,
  SessionStatistics,
  SessionStatus,
} from '../types.js';
import { cleanupOldData, type CleanupResult } from './cleanup.js';
import { cacheContent, getContent } from './content-store.js';
import * as queue from './queue-store.js';
import { expediteWaiting } from './queue-recovery.js';
import { QueueStorage, type QueueStorageOptions } from './queue-storage.js';
import { StorageQuotaManager, type StorageQuotaManagerOptions } from './quota.js';
import { applyRemoteChanges, type RemoteApplyResult } from './remote-changes.js';
import { cursorKey, openReviewDatabase } from './schema.js';
import { createSession, isTerminal, recordAnswer, setSessionStatus, type AnswerWrite, type NewSession, type SessionWrite } from './session-store.js';

/** Options of IndexedDBStorage. */
export interface IndexedDBStorageOptions extends QueueStorageOptions {
  /** A quota manager, or options for the one the storage makes. */
  quota?: StorageQuotaManager | StorageQuotaManagerOptions;
}

/** The device's IndexedDB: sessions, answers, derived data, content cache, queue and meta. */
export class IndexedDBStorage extends QueueStorage {
  /** Estimates, persistence and eviction for this database. */
  readonly quota: StorageQuotaManager;

  /** Opens nothing yet; the first call opens (creating or upgrading) the database. */
  constructor(options: IndexedDBStorageOptions = {}) {
    super(options, openReviewDatabase);
    this.quota = options.quota instanceof StorageQuotaManager ? options.quota : new StorageQuotaManager(options.quota);
    this.quota.attach(() => this.db());
  }

  /** Opens the database and makes the device id. Throws 'storage-unavailable'. */
  async initialize(): Promise<void> {
    await this.db();
    await this.getDeviceId();
  }

  /** Stores `value` (structured-cloneable) in meta under `key`. Throws 'storage-full'. */
  async setMeta(key: string, value: unknown): Promise<void> {
    await this.quota.run(async () => {
      await (await this.db()).put('meta', value, key);
    });
  }

  /** The pull cursor stored for `userId`, or null before the first pull. */
  async getPullCursor(userId: string): Promise<string | null> {
    return (await this.getMeta<string>(cursorKey(userId))) ?? null;
  }

  // ---- Sessions ---------------------------------------------------------------------------

  /**
   * Stores a session as is, without a queue entry (the spec's method; for local-only state).
   * User actions go through createSession/setSessionStatus, which also queue the sync.
   */
  async saveSession(session: ReviewSession): Promise<void> {
    await this.quota.run(async () => {
      await (await this.db()).put('sessions', session);
    });
  }

  /** The session with this id, or null. */
  async getSession(sessionId: string): Promise<ReviewSession | null> {
    return (await (await this.db()).get('sessions', sessionId)) ?? null;
  }

  /** A user's sessions, oldest start first. */
  async getUserSessions(userId: string): Promise<ReviewSession[]> {
    const sessions = await (await this.db()).getAllFromIndex('sessions', 'userId', userId);
    return sessions.sort((a, b) => a.startedAt - b.startedAt);
  }

  /** The most recently active unfinished session of a user on a deck, or null. */
  async findResumableSession(userId: string, deckId: string): Promise<ReviewSession | null> {
    const sessions = await (await this.db()).getAllFromIndex('sessions', 'userDeck', [userId, deckId]);
    let best: ReviewSession | null = null;
    for (const s of sessions) if (!isTerminal(s.status) && (!best || s.lastActivityAt > best.lastActivityAt)) best = s;
    return best;
  }

  /** Creates a session and queues it, in one transaction. Throws 'invalid-input', 'storage-full'. */
  async createSession(session: NewSession): Promise<SessionWrite> {
    const deviceId = await this.getDeviceId();
    return this.quota.run(async () => createSession(await this.db(), deviceId, session, this.now()));
  }

  /**
   * Records an answer with everything it changes, in one transaction (see session-store.ts).
   * Throws 'not-found', 'invalid-input', 'storage-full' (then nothing of it was stored).
   */
  async recordAnswer(answer: AnswerRecord): Promise<AnswerWrite> {
    const deviceId = await this.getDeviceId();
    return this.quota.run(async () => recordAnswer(await this.db(), deviceId, answer, this.now()));
  }

  /** Sets a session's status and queues it, in one transaction. Throws 'not-found', 'invalid-input', 'storage-full'. */
  async setSessionStatus(sessionId: string, status: SessionStatus, now: number = this.now()): Promise<SessionWrite> {
    const deviceId = await this.getDeviceId();
    return this.quota.run(async () => setSessionStatus(await this.db(), deviceId, sessionId, status, now));
  }

  /** A session's answers in (answeredAt, id) order. */
  async getSessionAnswers(sessionId: string): Promise<AnswerRecord[]> {
    const answers = await (await this.db()).getAllFromIndex('answers', 'sessionId', sessionId);
    return answers.sort(compareAnswers);
  }

  /** A session's statistics, or null before its first answer. */
  async getStatistics(sessionId: string): Promise<SessionStatistics | null> {
    return (await (await this.db()).get('statistics', sessionId)) ?? null;
  }

  /** A user's progress, for the given items (those that have some) or all of them. */
  async getProgress(userId: string, itemIds?: readonly string[]): Promise<ProgressData[]> {
    const db = await this.db();
    if (!itemIds) return db.getAllFromIndex('progress', 'userId', userId);
    const tx = db.transaction('progress');
    const found = await Promise.all(itemIds.map((id) => tx.store.get([userId, id])));
    return found.filter((p): p is ProgressData => p !== undefined);
  }

  // ---- Content ----------------------------------------------------------------------------

  /** Caches content in one transaction; never replaces a newer version. Throws 'invalid-input', 'storage-full'. */
  async cacheContent(content: readonly ReviewableContent[]): Promise<void> {
    await this.quota.run(async () => cacheContent(await this.db(), content, this.now()));
  }

  /** Cached content for `ids`, in that order (missing ones left out); marks them used now. */
  async getContent(ids: readonly string[]): Promise<CachedContent[]> {
    return getContent(await this.db(), ids, this.now());
  }

  /** Removes synced terminal sessions and unused content older than `days` (default 30), in one transaction. */
  async cleanupOldData(days = 30): Promise<CleanupResult> {
    return cleanupOldData(await this.db(), days, this.now());
  }

  // ---- Queue (the rest is QueueStorage's) -------------------------------------------------

  /** Queues a mutation made elsewhere (SyncQueue.add). Throws 'invalid-input', 'storage-full'. */
  async enqueue(userId: string, mutation: Mutation, sessionId?: string): Promise<QueueEntry> {
    return this.quota.run(async () => queue.enqueueMutation(await this.db(), userId, mutation, this.now(), sessionId));
  }

  /** Dead letters of `userId` (or everybody), oldest failure first. */
  async listDeadLetters(userId?: string): Promise<DeadLetter[]> {
    return queue.listDeadLetters(await this.db(), userId);
  }

  /** Deletes dead letters for good. */
  async discardDeadLetters(ids: readonly string[]): Promise<void> {
    return queue.discardDeadLetters(await this.db(), ids);
  }

  /** Makes `userId`'s entries waiting out a backoff due now ("Retry" pressed). Resolves how many. */
  async expediteWaiting(userId: string, now: number = this.now()): Promise<number> {
    return expediteWaiting(await this.db(), userId, now);
  }

  /** Re-queues dead letters (same mutation ids) at the end of the queue. Resolves the new entries. */
  async requeueDeadLetters(ids: readonly string[]): Promise<QueueEntry[]> {
    return this.quota.run(async () => queue.requeueDeadLetters(await this.db(), ids, this.now()));
  }

  // ---- Pull -------------------------------------------------------------------------------

  /** Merges pulled changes and stores the cursor, in one transaction. Throws 'invalid-input', 'storage-full'. */
  async applyRemoteChanges(userId: string, changes: ChangeSet, cursor: string): Promise<RemoteApplyResult> {
    const deviceId = await this.getDeviceId();
    return this.quota.run(async () => applyRemoteChanges(await this.db(), deviceId, userId, changes, cursor, this.now()));
  }
}
