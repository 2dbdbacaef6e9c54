/**
 * A scheduled review's card states read straight from the database, with nothing of the engine:
 * what `<review-session>` builds its first card from before the engine's chunk is fetched
 * (docs/design.md, "Loading"). Read-only: a database that does not exist is not created (a
 * fresh profile has no answers, so every card is new), and one at another schema version is
 * left for the engine to open and upgrade. It answers only when it can answer exactly as the
 * engine would (card-state-reads.ts, without deriving): otherwise it resolves null, and the
 * caller asks the engine.
 */
import { newCardState, type CardState } from '../scheduler/card-types.js';
import type { LearnerDay } from '../scheduler/learner-day.js';
import { parametersKey, type SchedulerParameters } from '../scheduler/parameters.js';
import type { StoredCardState } from './schema.js';
import { DB_VERSION } from './schema-version.js';
import { staleItemKey, staleItemRange } from './stale-mark-keys.js';
import { openExisting } from './open-existing.js';

/** The stores the read needs. */
const STORES = ['meta', 'cardStates', 'answers'] as const;

/** Resolves the result of an IndexedDB request. */
function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}


/** Whether any of `itemIds` of `userId` carries a stale mark (a key each for a few, the user's marks at once for many). */
async function staleAmong(meta: IDBObjectStore, userId: string, itemIds: readonly string[]): Promise<boolean> {
  if (itemIds.length <= 8) {
    const found = await Promise.all(itemIds.map((itemId) => result(meta.getKey(staleItemKey(userId, itemId)))));
    return found.some((key) => key !== undefined);
  }
  const marked = new Set(((await result(meta.getAll(staleItemRange(userId)))) as Array<{ itemId: string }>).map((mark) => mark.itemId));
  return itemIds.some((itemId) => marked.has(itemId));
}

/**
 * The card states of `itemIds` of `userId` in `dbName` for `params` and `day`, as the engine's
 * `cardStates` would resolve them: every item new when there is no database; else each item's
 * stored state, or new when it was never answered. Resolves null whenever it cannot say so
 * exactly: a database at another version or without these stores, an item marked stale, a
 * state derived with other parameters, an answered item without a state, or any failure.
 * Never rejects.
 */
export async function readFirstCardStates(
  dbName: string,
  userId: string,
  itemIds: readonly string[],
  params: SchedulerParameters,
  day: LearnerDay,
): Promise<Map<string, CardState> | null> {
  let db: IDBDatabase | null = null;
  try {
    db = await openExisting(dbName);
    const states = new Map<string, CardState>();
    if (!db) {
      for (const itemId of itemIds) states.set(itemId, newCardState(itemId, params, day));
      return states;
    }
    if (db.version !== DB_VERSION || !STORES.every((name) => db!.objectStoreNames.contains(name))) return null;
    const tx = db.transaction(STORES, 'readonly');
    const cards = tx.objectStore('cardStates');
    const key = parametersKey(params, day);
    const [stale, stored] = await Promise.all([
      staleAmong(tx.objectStore('meta'), userId, itemIds),
      Promise.all(itemIds.map((itemId) => result(cards.get([userId, itemId]) as IDBRequest<StoredCardState | undefined>))),
    ]);
    if (stale || stored.some((found) => found !== undefined && found.parametersKey !== key)) return null;
    const missing = itemIds.filter((_itemId, i) => stored[i] === undefined);
    // A state is stored with every answer: an item without one is new if it has no answer.
    const answers = tx.objectStore('answers').index('userItem');
    const counts = await Promise.all(missing.map((itemId) => result(answers.count([userId, itemId]))));
    if (counts.some((count) => count > 0)) return null;
    itemIds.forEach((itemId, i) => {
      const found = stored[i];
      if (!found) return void states.set(itemId, newCardState(itemId, params, day));
      const { userId: _userId, ...state } = found;
      states.set(itemId, state);
    });
    return states;
  } catch {
    // Whatever went wrong here, the engine reads (and says what is wrong, if anything is).
    return null;
  } finally {
    db?.close();
  }
}
