/**
 * IndexedDBStorage: the pages' storage of one database. It is made of parts — the connection
 * (database-connection.ts), the outbox a drain uses (outbox.ts) and the quota manager — and
 * adds sessions, answers, derived data, content and pull. Each user action is one
 * transaction; the work lives in the files beside this one. What derives (ts-fsrs, the merge
 * rules) is a chunk loaded before the transaction that needs it (derivation-loader.ts).
 */
import { isOfflineReviewError } from '../errors.js';
import type { CardState } from '../scheduler/card-types.js';
import { localLearnerDay, type LearnerDay } from '../scheduler/learner-day.js';
import { defaultSchedulerParameters, type SchedulerParameters } from '../scheduler/parameters.js';
import type { AnswerWrite, DeriveWith } from './answer-store.js';
import { keptSessionAnswers } from './answer-history.js';
import type { AnswerRecord, CachedContent, ChangeSet, DeadLetter, Mutation, ProgressData, QueueEntry } from '../types.js';
import type { ReviewSession, ReviewableContent, SessionStatistics, SessionStatus } from '../types.js';
import { answerRecorder, type AnswerRecorder } from './answer-worker-client.js';
import { cleanupOldData, type CleanupResult } from './cleanup.js';
import { cacheContent, getContent } from './content-store.js';
import { DatabaseConnection } from './database-connection.js';
import { cursorKey } from './meta-keys.js';
import { Outbox } from './outbox.js';
import { OutboxMethods } from './outbox-methods.js';
import * as entries from './outbox-entries.js';
import { expediteWaiting } from './outbox-recovery.js';
import { StorageQuotaManager } from './quota.js';
import { deriveStale, readFreshCardStates, readProgress, readStatistics } from './derived-reads.js';
import { loadDerivation } from './derivation-loader.js';
import type { RemoteApplyResult } from './remote-changes.js';
import type { RetractionWrite } from './retraction-store.js';
import type { ReviewDatabase } from './schema.js';
import type { IndexedDBStorageOptions, StorageObserver } from './storage-options.js';
import { createSession, isTerminal, setSessionStatus, type NewSession, type SessionWrite } from './session-store.js';
import { openReviewDatabase } from './upgrades.js';

export type { AnswersChange, IndexedDBStorageOptions, StorageObserver } from './storage-options.js';

/** A pulled page with no record in it. */
const emptyPage = (c: ChangeSet): boolean => [c?.answers, c?.sessions, c?.progress, c?.retractions ?? []].every((list) => Array.isArray(list) && list.length === 0);

/** The device's IndexedDB: sessions, answers, derived data, content cache, outbox and meta. */
export class IndexedDBStorage extends OutboxMethods {
  /** Estimates, persistence and eviction for this database. */
  readonly quota: StorageQuotaManager;
  private readonly connection: DatabaseConnection;
  private readonly observer: StorageObserver;
  /** Records answers in a worker (answer-worker.ts), or on the page (`answerWorker: false`, a custom factory, no Worker). */
  private readonly answers: AnswerRecorder;
  /** The answers given and not yet settled: a session's status change or an undo waits for them. */
  private answering: Promise<unknown> = Promise.resolve();

  /** Opens nothing yet; the first call opens (creating or upgrading) the database. */
  constructor(options: IndexedDBStorageOptions = {}) {
    const connection = new DatabaseConnection(options, openReviewDatabase);
    super(new Outbox(connection));
    this.connection = connection;
    this.quota = options.quota instanceof StorageQuotaManager ? options.quota : new StorageQuotaManager(options.quota);
    this.quota.attach(() => this.db());
    this.observer = options.observer ?? {};
    this.answers = answerRecorder(options.answerWorker !== false && !options.indexedDB, () => this.db());
  }

  /** The database name. */
  get dbName(): string {
    return this.connection.dbName;
  }

  /** The open database (opened, created or upgraded on first use). Throws 'closed', 'storage-unavailable'. */
  db(): Promise<ReviewDatabase> {
    return this.connection.db();
  }

  /** Starts what records the answers (the answer worker) ahead of the first one. */
  prepareAnswers(): void {
    this.answers.prepare();
  }

  /** Closes the connection (and the answer worker, once it stored what it holds); later calls throw 'closed'. */
  close(): void {
    this.connection.close();
    this.answers.close();
  }

  /** This device's id: made once, stored in meta, shared by every tab and the worker. */
  getDeviceId(): Promise<string> {
    return this.connection.getDeviceId();
  }

  /** The value stored in meta under `key`, or undefined. */
  getMeta<T = unknown>(key: string): Promise<T | undefined> {
    return this.connection.getMeta<T>(key);
  }

  private now(): number {
    return this.connection.now();
  }

  /** Runs one write transaction through the quota manager (evict, retry once); reports 'storage-full'. */
  private async write<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await this.quota.run(run);
    } catch (error) {
      if (isOfflineReviewError(error, 'storage-full')) this.observer.storageFull?.(error);
      throw error;
    }
  }

  /** Opens the database and makes the device id. Throws 'storage-unavailable'. */
  async initialize(): Promise<void> {
    await this.db();
    await this.getDeviceId();
  }

  /** Stores `value` (structured-cloneable) in meta under `key`. Throws 'storage-full'. */
  async setMeta(key: string, value: unknown): Promise<void> {
    await this.write(async () => {
      await (await this.db()).put('meta', value, key);
    });
  }

  /** The pull cursor stored for `userId`, or null before the first pull. */
  async getPullCursor(userId: string): Promise<string | null> {
    return (await this.getMeta<string>(cursorKey(userId))) ?? null;
  }

  // ---- Sessions ---------------------------------------------------------------------------
  /**
   * Stores a session as is, without a queue entry (for local-only state).
   * User actions go through createSession/setSessionStatus, which also queue the sync.
   */
  async saveSession(session: ReviewSession): Promise<void> {
    await this.write(async () => {
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
    return this.write(async () => createSession(await this.db(), deviceId, session, this.now()));
  }

  /**
   * Records an answer with everything it changes, in one transaction (answer-store.ts); the
   * card's state is derived with `derive` when given. Throws 'not-found', 'invalid-input', 'storage-full' (then nothing of it was stored).
   */
  async recordAnswer(answer: AnswerRecord, derive?: DeriveWith): Promise<AnswerWrite> {
    const writing = this.getDeviceId().then((deviceId) =>
      this.write(async () => {
        await this.db(); // 'closed' after close(); the database made or upgraded here first
        return this.answers.record({ dbName: this.dbName, deviceId, answer, now: this.now(), derive });
      }),
    );
    this.answering = Promise.allSettled([this.answering, writing]);
    const written = await writing;
    if (!written.duplicate) this.observer.answersChanged?.({ sessionIds: [answer.sessionId], origin: 'local', answers: [written.answer] });
    return written;
  }

  /** Retracts (undoes) an answer, by id or the latest of a session, in one transaction (retraction-store.ts); null when none is left. */
  async retractAnswer(userId: string, target: { answerId: string } | { sessionId: string }): Promise<RetractionWrite | null> {
    await this.answering;
    const deviceId = await this.getDeviceId();
    const { retractAnswer } = await loadDerivation();
    const written = await this.write(async () => retractAnswer(await this.db(), deviceId, userId, target, this.now()));
    if (written?.mutation) this.observer.answersChanged?.({ sessionIds: [written.answer.sessionId], origin: 'local' });
    return written;
  }

  /** The user's card states of `itemIds` for `params` and `day`, derived where stale (card-state-store.ts). */
  async cardStates(userId: string, itemIds: readonly string[], params?: SchedulerParameters, day?: LearnerDay): Promise<Map<string, CardState>> {
    return readFreshCardStates(await this.db(), userId, itemIds, params ?? defaultSchedulerParameters, day ?? localLearnerDay());
  }

  /** Sets a session's status and queues it, in one transaction. Throws 'not-found', 'invalid-input', 'storage-full'. */
  async setSessionStatus(sessionId: string, status: SessionStatus, now: number = this.now()): Promise<SessionWrite> {
    await this.answering; // the answers given before it are in first (each its own connection's)
    const deviceId = await this.getDeviceId();
    return this.write(async () => setSessionStatus(await this.db(), deviceId, sessionId, status, now));
  }

  /** A session's answers in (answeredAt, id) order, without the undone ones. */
  async getSessionAnswers(sessionId: string): Promise<AnswerRecord[]> {
    return keptSessionAnswers(await this.db(), sessionId);
  }

  /** A session's statistics, or null before its first answer; derived first when stale. */
  async getStatistics(sessionId: string): Promise<SessionStatistics | null> {
    return readStatistics(await this.db(), (run) => this.write(run), sessionId);
  }

  /** A user's progress, for the given items (those that have some) or all of them; stale ones derived first. */
  async getProgress(userId: string, itemIds?: readonly string[]): Promise<ProgressData[]> {
    return readProgress(await this.db(), (run) => this.write(run), userId, itemIds);
  }

  // ---- Content ----------------------------------------------------------------------------
  /** Caches content in one transaction; never replaces a newer version. Throws 'invalid-input', 'storage-full'. */
  async cacheContent(content: readonly ReviewableContent[]): Promise<void> {
    await this.write(async () => cacheContent(await this.db(), content, this.now()));
  }

  /** Cached content for `ids`, in that order (missing ones left out); marks them used now. */
  async getContent(ids: readonly string[]): Promise<CachedContent[]> {
    return getContent(await this.db(), ids, this.now());
  }

  /** Removes synced terminal sessions and unused content older than `days` (default 30), in one transaction. */
  async cleanupOldData(days = 30): Promise<CleanupResult> {
    return cleanupOldData(await this.db(), days, this.now());
  }

  // ---- Outbox: the drain's side is OutboxMethods' (outbox-methods.ts); pages also queue, retry and fix

  /** Queues a mutation made elsewhere (SyncQueue.add). Throws 'invalid-input', 'storage-full'. */
  async enqueue(userId: string, mutation: Mutation, sessionId?: string): Promise<QueueEntry> {
    return this.write(async () => entries.enqueueMutation(await this.db(), userId, mutation, this.now(), sessionId));
  }

  /** Dead letters of `userId` (or everybody), oldest failure first. */
  async listDeadLetters(userId?: string): Promise<DeadLetter[]> {
    return entries.listDeadLetters(await this.db(), userId);
  }

  /** Deletes dead letters for good. */
  async discardDeadLetters(ids: readonly string[]): Promise<void> {
    return entries.discardDeadLetters(await this.db(), ids);
  }

  /** Makes `userId`'s entries waiting out a backoff due now ("Retry" pressed). Resolves how many. */
  async expediteWaiting(userId: string, now: number = this.now()): Promise<number> {
    return expediteWaiting(await this.db(), userId, now);
  }

  /** Re-queues dead letters (same mutation ids) at the end of the queue. Resolves the new entries. */
  async requeueDeadLetters(ids: readonly string[]): Promise<QueueEntry[]> {
    return this.write(async () => entries.requeueDeadLetters(await this.db(), ids, this.now()));
  }

  // ---- Pull -------------------------------------------------------------------------------
  /** Derives what `userId` marked stale, and stale sessions, in short transactions (derived-reads.ts). Throws 'storage-full'. */
  async deriveStale(userId: string): Promise<{ items: number; sessions: number }> {
    return deriveStale(await this.db(), (run) => this.write(run), userId);
  }

  /** Merges pulled changes and the cursor in one transaction, marking what they touched stale. Throws 'invalid-input', 'storage-full'. */
  async applyRemoteChanges(userId: string, changes: ChangeSet, cursor: string): Promise<RemoteApplyResult> {
    // Nothing changed (a pull's usual answer): the cursor alone, without loading the merge rules.
    if (emptyPage(changes) && typeof cursor === 'string') {
      await this.setMeta(cursorKey(userId), cursor);
      return { answersAdded: 0, sessionsChanged: 0, sessionIds: [] };
    }
    const deviceId = await this.getDeviceId();
    const { applyRemoteChanges } = await loadDerivation();
    const applied = await this.write(async () => applyRemoteChanges(await this.db(), deviceId, userId, changes, cursor, this.now()));
    if (applied.sessionIds.length > 0) this.observer.answersChanged?.({ sessionIds: applied.sessionIds, origin: 'pull' });
    return applied;
  }
}
