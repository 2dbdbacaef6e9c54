// Shared fixtures for the storage tests: a fresh database per test, deleted afterwards.
import { deleteDB } from 'idb';
import { uuidv7 } from '../../../src/ids.js';
import { IndexedDBStorage, type IndexedDBStorageOptions } from '../../../src/storage/indexeddb-storage.js';
import type { NewSession } from '../../../src/storage/session-store.js';
import type { AnswerRecord, ReviewableContent } from '../../../src/types.js';
import { unique } from '../../support/server.js';

const opened: IndexedDBStorage[] = [];

/** A storage on a database no other test uses; `cleanupStorages` closes and deletes it. */
export function makeStorage(options: IndexedDBStorageOptions = {}): IndexedDBStorage {
  const storage = new IndexedDBStorage({ dbName: unique('db'), ...options });
  opened.push(storage);
  return storage;
}

/** Closes every storage made by `makeStorage` and deletes its database. */
export async function cleanupStorages(): Promise<void> {
  const list = opened.splice(0);
  for (const storage of list) {
    storage.close();
    await deleteDB(storage.dbName);
  }
}

/** A new active session. */
export function newSession(userId: string, overrides: Partial<NewSession> = {}): NewSession {
  const now = overrides.startedAt ?? Date.now();
  return {
    id: uuidv7(),
    userId,
    deckId: 'deck-1',
    itemIds: ['i1', 'i2', 'i3'],
    mode: 'grade',
    status: 'active',
    startedAt: now,
    lastActivityAt: now,
    endedAt: null,
    ...overrides,
  };
}

/** A new answer in `session`. */
export function newAnswer(
  session: { id: string; userId: string },
  overrides: Partial<AnswerRecord> = {},
): AnswerRecord {
  return {
    id: uuidv7(),
    sessionId: session.id,
    userId: session.userId,
    itemId: 'i1',
    deviceId: 'dev-a',
    answeredAt: Date.now(),
    rating: 3,
    correct: true,
    responseTimeMs: 1200,
    ...overrides,
  };
}

/** A content item. */
export function item(id: string, version = 1, extra: Partial<ReviewableContent> = {}): ReviewableContent {
  return { id, contentType: 'vocab', prompt: `prompt ${id}`, answer: `answer ${id}`, version, ...extra };
}
