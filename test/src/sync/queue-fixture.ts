// Shared setup of the sync queue tests: a fresh user and database per test, the real storage,
// the real HTTP client and the real reference server behind the test middleware.
import { ReviewApiClient } from '../../../src/client/http-client.js';
import { IndexedDBStorage } from '../../../src/storage/indexeddb-storage.js';
import { openReviewDatabase } from '../../../src/storage/upgrades.js';
import { SyncQueue, type SyncQueueOptions } from '../../../src/sync/sync-queue.js';
import type { SyncState } from '../../../src/sync/sync-state.js';
import type { AnswerRecord, QueueEntry, ReviewSession } from '../../../src/types.js';
import { uuidv7 } from '../../../src/ids.js';
import { api, signIn, unique } from '../../support/server.js';

export { pushedIds, pushes } from '../../support/server.js';

/** What every queue test starts from. */
export interface QueueFixture {
  user: string;
  dbName: string;
  storage: IndexedDBStorage;
  client: ReviewApiClient;
  queue: SyncQueue;
}

const opened: Array<{ storage: IndexedDBStorage; queue?: SyncQueue }> = [];

/** Small delays so that retries happen within a test; no sleeping in the tests themselves. */
export const FAST = { backoffBaseMs: 5, backoffCapMs: 40, writeDebounceMs: 0 } as const;

/** A signed-in user with an empty database and a queue (not started). */
export async function queueFixture(options: Partial<SyncQueueOptions> = {}, timeoutMs = 5000): Promise<QueueFixture> {
  const user = unique('u');
  const dbName = unique('db');
  signIn(user);
  const storage = new IndexedDBStorage({ dbName });
  await storage.initialize();
  const client = new ReviewApiClient({ timeoutMs });
  const queue = new SyncQueue({ storage, client, userId: user, dbName, ...FAST, ...options });
  opened.push({ storage, queue });
  return { user, dbName, storage, client, queue };
}

/** Another queue (and storage connection) on the same database and user: a second tab. */
export async function secondQueue(fixture: QueueFixture, options: Partial<SyncQueueOptions> = {}): Promise<SyncQueue> {
  const storage = new IndexedDBStorage({ dbName: fixture.dbName });
  await storage.initialize();
  const queue = new SyncQueue({ storage, client: fixture.client, userId: fixture.user, dbName: fixture.dbName, ...FAST, ...options });
  opened.push({ storage, queue });
  return queue;
}

/** The same user on another device: a fresh database with a queue for `userId`. */
export async function secondDevice(userId: string, options: Partial<SyncQueueOptions> = {}): Promise<QueueFixture> {
  const dbName = unique('db');
  const storage = new IndexedDBStorage({ dbName });
  await storage.initialize();
  const client = new ReviewApiClient({ timeoutMs: 5000 });
  const queue = new SyncQueue({ storage, client, userId, dbName, ...FAST, ...options });
  opened.push({ storage, queue });
  return { user: userId, dbName, storage, client, queue };
}

/** Closes every queue and storage the test made. */
export async function closeFixtures(): Promise<void> {
  for (const { storage, queue } of opened.splice(0)) {
    queue?.close();
    storage.close();
  }
}

/** Records a session and `count` answers through the storage user actions (each queues itself). */
export async function recordAnswers(
  fixture: Pick<QueueFixture, 'storage' | 'user'>,
  count: number,
  extra: Partial<AnswerRecord> = {},
): Promise<{ session: ReviewSession; answers: AnswerRecord[] }> {
  const now = Date.now();
  const { session } = await fixture.storage.createSession({
    id: uuidv7(now),
    userId: fixture.user,
    deckId: unique('deck'),
    itemIds: Array.from({ length: count }, (_, i) => `item-${i}`),
    mode: 'grade',
    status: 'active',
    startedAt: now,
    lastActivityAt: now,
    endedAt: null,
  });
  const deviceId = await fixture.storage.getDeviceId();
  const answers: AnswerRecord[] = [];
  for (let i = 0; i < count; i++) {
    const answer: AnswerRecord = {
      id: uuidv7(),
      sessionId: session.id,
      userId: fixture.user,
      itemId: `item-${i}`,
      deviceId,
      answeredAt: now + i,
      rating: 3,
      correct: true,
      responseTimeMs: 1000,
      ...extra,
    };
    answers.push((await fixture.storage.recordAnswer(answer)).answer);
  }
  return { session, answers };
}

/** Every queue entry of the database, read straight from IndexedDB. */
export async function queueEntries(dbName: string): Promise<QueueEntry[]> {
  const db = await openReviewDatabase(dbName);
  try {
    return await db.getAll('syncQueue');
  } finally {
    db.close();
  }
}

/** Resolves the state once `predicate` holds (at once if it holds now); waits on `state-change`. */
export function stateWhere(
  target: EventTarget & { readonly state: SyncState },
  predicate: (state: SyncState) => boolean,
): Promise<SyncState> {
  if (predicate(target.state)) return Promise.resolve(target.state);
  return new Promise((resolve) => {
    const listener = (event: Event): void => {
      const state = (event as CustomEvent<SyncState>).detail;
      if (!predicate(state)) return;
      target.removeEventListener('state-change', listener);
      resolve(state);
    };
    target.addEventListener('state-change', listener);
  });
}

/**
 * The hooks every queue suite needs: the reference server started once (PGlite's first open
 * is slow on a busy machine), the request log cleared before each test, and fixtures closed
 * and faults cleared after it.
 */
export function useQueueSuite(): void {
  before(async function () {
    this.timeout(90_000);
    await api.warm();
  });
  beforeEach(() => api.log({ clear: true }));
  afterEach(async () => {
    await closeFixtures();
    await api.clear();
  });
}
