/**
 * What the sync state counts, read straight from the database with nothing of the engine: the
 * user's queued entries and dead letters. `<sync-indicator>` shows these while the engine's
 * chunk is still to come (docs/design.md, "Loading"), so a page with only the indicator shows
 * the learner's waiting answers without loading storage, merge rules or the drain. Read-only:
 * a database that does not exist yet is not created, and one at an older version is read as
 * it is (the engine upgrades it when it opens it; this connection closes at once).
 */
import type { DeadLetter, MutationType } from '../types.js';
import type { SyncState } from './sync-state.js';
import { openExisting } from '../storage/open-existing.js';

// The type's value, not types.ts's constant object: the indicator's first paint does without that module.
const ANSWER: MutationType = 'answer';

/** The fields of the sync state that the stored records give. */
export type StoredCounts = Pick<SyncState, 'counted' | 'pending' | 'pendingAnswers' | 'deadLetters' | 'deadLetterAnswers' | 'refusal'>;

/** Resolves the result of an IndexedDB request. */
function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}


/**
 * Resolves the counts of `userId`'s queue entries and dead letters in `dbName` as the engine's
 * first count would give them: all zero, and no refusal, when there is no database yet (nothing
 * waits); `counted` false for a database from before these indexes, which the engine counts
 * after its upgrade. Rejects only when IndexedDB itself fails.
 */
export async function readStoredCounts(dbName: string, userId: string): Promise<StoredCounts> {
  const none: StoredCounts = { counted: true, pending: 0, pendingAnswers: 0, deadLetters: 0, deadLetterAnswers: 0, refusal: null };
  const db = await openExisting(dbName);
  if (!db) return none;
  try {
    // The user/type index came with version 4; an older database is counted by the engine after its upgrade.
    const unknown: StoredCounts = { ...none, counted: false };
    if (!db.objectStoreNames.contains('syncQueue') || !db.objectStoreNames.contains('deadLetters')) return unknown;
    const tx = db.transaction(['syncQueue', 'deadLetters'], 'readonly');
    const queue = tx.objectStore('syncQueue');
    if (!queue.indexNames.contains('userType')) return unknown;
    const [pending, pendingAnswers, letters] = await Promise.all([
      result(queue.index('userId').count(userId)),
      result(queue.index('userType').count([userId, ANSWER])),
      result(tx.objectStore('deadLetters').index('userId').getAll(userId) as IDBRequest<DeadLetter[]>),
    ]);
    // Oldest first, as storage lists them: the refusal shown is the newest one's.
    letters.sort((a, b) => a.failedAt - b.failedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const deadLetterAnswers = letters.filter((letter) => letter.mutation.type === ANSWER).length;
    return { counted: true, pending, pendingAnswers, deadLetters: letters.length, deadLetterAnswers, refusal: letters.at(-1)?.reason ?? null };
  } finally {
    db.close();
  }
}
