/**
 * The upgrade steps, one per version, and `openReviewDatabase`, the pages' way in (it creates
 * or upgrades the database). No step drops data that has not reached the server. The service
 * worker never imports this file: it opens the database with connect.ts alone.
 */
import { OfflineReviewError } from '../errors.js';
import { encodeHlc } from '../hlc.js';
import { uuidv7 } from '../ids.js';
import { localLearnerDay } from '../scheduler/learner-day.js';
import { defaultSchedulerParameters } from '../scheduler/parameters.js';
import type { AnswerRecord, Mutation, MutationAction, MutationType, QueueEntry } from '../types.js';
import { connectReviewDatabase, type OpenReviewDatabaseOptions, type UpgradeSteps } from './connect.js';
import { loadDerivation, loadedDerivation, type Derivation } from './derivation-loader.js';
import { mutationBytes } from './factories.js';
import { MetaKey } from './meta-keys.js';
import type { ReviewDatabase } from './schema.js';

/** A queue record as version 1 of the schema stored it. */
interface SpecQueueItem {
  id?: number;
  type: MutationType;
  action: MutationAction;
  data: unknown;
  timestamp: number;
  retryCount: number;
  status: 'pending' | 'syncing' | 'completed' | 'failed';
  error?: string;
}

/** Version 1: the first release's stores and indexes, exactly. */
function upgradeToV1(db: IDBDatabase): void {
  const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
  sessions.createIndex('userId', 'userId', { unique: false });
  sessions.createIndex('status', 'status', { unique: false });
  sessions.createIndex('startedAt', 'startedAt', { unique: false });
  const content = db.createObjectStore('content', { keyPath: 'id' });
  content.createIndex('contentType', 'contentType', { unique: false });
  content.createIndex('lastAccessed', 'lastAccessed', { unique: false });
  const queue = db.createObjectStore('syncQueue', { keyPath: 'id', autoIncrement: true });
  queue.createIndex('timestamp', 'timestamp', { unique: false });
  queue.createIndex('type', 'type', { unique: false });
  queue.createIndex('status', 'status', { unique: false });
  const statistics = db.createObjectStore('statistics', { keyPath: 'sessionId' });
  statistics.createIndex('userId', 'userId', { unique: false });
}

/** The string field `key` of `data`, if `data` is an object that has one. */
function stringField(data: unknown, key: string): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** The session a spec queue item refers to (answers name it; a session is itself). */
function specItemSession(item: SpecQueueItem): string | undefined {
  return item.type === 'session' ? stringField(item.data, 'id') : stringField(item.data, 'sessionId');
}

/**
 * Converts one unsent spec queue item into a QueueEntry. The mutation id is made here, once,
 * and stored, so every later re-send carries the same idempotency key.
 */
function convertSpecQueueItem(item: SpecQueueItem, deviceId: string): QueueEntry {
  const at = Number.isFinite(item.timestamp) ? item.timestamp : Date.now();
  const mutation: Mutation = {
    id: uuidv7(at),
    type: item.type,
    action: item.action,
    data: item.data,
    hlc: encodeHlc({ wall: at, counter: 0, node: deviceId }),
    clientTimestamp: at,
  };
  const entry: QueueEntry = {
    userId: stringField(item.data, 'userId') ?? '',
    mutation,
    status: 'pending',
    leaseUntil: 0,
    // Why 0: version 1 spent the budget on any failure, offline ones too.
    retryCount: 0,
    nextAttemptAt: 0,
    bytes: mutationBytes(mutation),
    createdAt: at,
  };
  const sessionId = specItemSession(item);
  if (sessionId !== undefined) entry.sessionId = sessionId;
  return entry;
}

/**
 * Version 2: our stores. The queue changes its key path (id → seq), which needs the store to
 * be recreated inside this versionchange transaction: its unsent items are read first,
 * converted, and written back in their FIFO order. Completed items had reached the server.
 */
async function upgradeToV2(raw: IDBDatabase, rawTx: IDBTransaction): Promise<void> {
  const sessions = rawTx.objectStore('sessions');
  sessions.createIndex('userDeck', ['userId', 'deckId'], { unique: false });

  const answers = raw.createObjectStore('answers', { keyPath: 'id' });
  answers.createIndex('sessionId', 'sessionId', { unique: false });
  answers.createIndex('userItem', ['userId', 'itemId'], { unique: false });
  const progress = raw.createObjectStore('progress', { keyPath: ['userId', 'itemId'] });
  progress.createIndex('userId', 'userId', { unique: false });
  const dead = raw.createObjectStore('deadLetters', { keyPath: 'id' });
  dead.createIndex('userId', 'userId', { unique: false });
  dead.createIndex('sessionId', 'sessionId', { unique: false });
  const meta = raw.createObjectStore('meta');

  // The device id is made here so that converted entries carry it in their HLC.
  const deviceId = uuidv7();
  meta.put(deviceId, MetaKey.DeviceId);

  const oldItems = await new Promise<SpecQueueItem[]>((resolve, reject) => {
    const request = rawTx.objectStore('syncQueue').getAll();
    request.onsuccess = () => resolve(request.result as SpecQueueItem[]);
    request.onerror = () => reject(request.error);
  });
  raw.deleteObjectStore('syncQueue');
  const queue = raw.createObjectStore('syncQueue', { keyPath: 'seq', autoIncrement: true });
  queue.createIndex('userId', 'userId', { unique: false });
  queue.createIndex('sessionId', 'sessionId', { unique: false });
  queue.createIndex('status', 'status', { unique: false });
  for (const item of oldItems) {
    if (item.status === 'completed') continue;
    queue.add(convertSpecQueueItem(item, deviceId));
  }
}

/**
 * Thrown by the version 3 step when it has answers to derive and the derivation chunk is not
 * loaded: the upgrade is rolled back, the chunk loaded (it cannot be awaited inside the
 * upgrade's transaction, which would commit meanwhile) and the open tried again.
 */
const NEEDS_DERIVATION = new OfflineReviewError('storage-unavailable', 'The upgrade derives card states: the derivation is loaded first.');

/**
 * Version 3: undo and scheduling. Retractions get their store, and every card's state is
 * derived from the answers already stored (synced or not), per user, with the default
 * parameters in this device's zone; a deck with other parameters derives again on first use.
 */
async function upgradeToV3(raw: IDBDatabase, rawTx: IDBTransaction, derivation: Derivation | null): Promise<void> {
  const retractions = raw.createObjectStore('retractions', { keyPath: 'id' });
  retractions.createIndex('userId', 'userId', { unique: false });
  retractions.createIndex('userAnswer', ['userId', 'answerId'], { unique: false });
  const cards = raw.createObjectStore('cardStates', { keyPath: ['userId', 'itemId'] });
  cards.createIndex('userId', 'userId', { unique: false });
  const answers = await new Promise<AnswerRecord[]>((resolve, reject) => {
    const request = rawTx.objectStore('answers').getAll();
    request.onsuccess = () => resolve(request.result as AnswerRecord[]);
    request.onerror = () => reject(request.error);
  });
  if (answers.length === 0) return;
  if (!derivation) throw NEEDS_DERIVATION;
  const byUser = new Map<string, AnswerRecord[]>();
  for (const answer of answers) {
    const list = byUser.get(answer.userId);
    if (list) list.push(answer);
    else byUser.set(answer.userId, [answer]);
  }
  const day = localLearnerDay();
  for (const [userId, list] of byUser) {
    for (const state of derivation.deriveCardStates(list, new Set(), defaultSchedulerParameters, day).values()) {
      cards.put({ ...state, userId });
    }
  }
}

/** Version 4: the queue counts a user's entries by type ("2 answers and 1 other change") from an index. */
function upgradeToV4(rawTx: IDBTransaction): void {
  rawTx.objectStore('syncQueue').createIndex('userType', ['userId', 'mutation.type'], { unique: false });
}

/** The upgrade steps from any version, deriving with `derivation` (null: not loaded yet). */
function upgradeSteps(derivation: Derivation | null): UpgradeSteps {
  return async (database, tx, oldVersion) => {
    if (oldVersion < 1) upgradeToV1(database);
    if (oldVersion < 2) await upgradeToV2(database, tx);
    if (oldVersion < 3) await upgradeToV3(database, tx, derivation);
    if (oldVersion < 4) upgradeToV4(tx);
  };
}

/**
 * Opens (creating or upgrading) the database `name`: the pages' way in. An upgrade that has
 * answers to derive loads the derivation chunk first (then opens again).
 * Resolves the open database; rejects with OfflineReviewError('storage-unavailable') when
 * IndexedDB is missing, refuses, or an upgrade step fails (the upgrade is then rolled back).
 */
export async function openReviewDatabase(name: string, options: OpenReviewDatabaseOptions = {}): Promise<ReviewDatabase> {
  try {
    return await connectReviewDatabase(name, options, upgradeSteps(loadedDerivation()));
  } catch (error) {
    if (error !== NEEDS_DERIVATION) throw error;
  }
  const derivation = await loadDerivation().catch((cause: unknown) => {
    throw new OfflineReviewError('storage-unavailable', `Could not load what upgrading "${name}" needs.`, { details: { name }, cause });
  });
  return connectReviewDatabase(name, options, upgradeSteps(derivation));
}
