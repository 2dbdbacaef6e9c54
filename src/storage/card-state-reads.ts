/**
 * Reading stored card states without deriving any: what a first card needs. Card states are
 * stored already derived (card-state-store.ts derives them, with ts-fsrs, in the lazily loaded
 * derivation chunk), so a deck whose states are all stored, fresh and derived with the
 * parameters it asks for is read here, in one read-only transaction, without that chunk.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { newCardState, type CardState } from '../scheduler/card-types.js';
import type { LearnerDay } from '../scheduler/learner-day.js';
import { parametersKey, type SchedulerParameters } from '../scheduler/parameters.js';
import type { ReviewDB, ReviewDatabase, StoredCardState } from './schema.js';
import { staleAmong } from './stale-marks.js';

/** A read-write transaction over at least the stores card states are derived from and kept in. */
export type CardTx = IDBPTransaction<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'readwrite'>;

/** A transaction of any mode over at least the `retractions` store. */
type ReadTx = IDBPTransaction<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, IDBTransactionMode>;

/** The ids of the user's retracted answers (retractions are few: one read serves every item). */
export async function retractedAnswerIds(tx: ReadTx, userId: string): Promise<Set<string>> {
  const all = await tx.objectStore('retractions').index('userId').getAll(userId);
  return new Set(all.map((r) => r.answerId));
}

/** Strips the storage-only field. */
export function toCardState(stored: StoredCardState): CardState {
  const { userId: _userId, ...state } = stored;
  return state;
}

/**
 * The card states of `itemIds` for `params` and `day` when none of them needs deriving: each
 * is stored with that key and not marked stale, or was never answered (then it is new, as a
 * derivation would give; nothing is stored for it). Resolves null as soon as one item needs
 * deriving: the caller loads the derivation and derives and reads in one transaction.
 */
export async function readStoredCardStates(
  db: ReviewDatabase,
  userId: string,
  itemIds: readonly string[],
  params: SchedulerParameters,
  day: LearnerDay,
): Promise<Map<string, CardState> | null> {
  const key = parametersKey(params, day);
  const tx = db.transaction(['meta', 'cardStates', 'answers']);
  const cards = tx.objectStore('cardStates');
  const [stale, stored] = await Promise.all([staleAmong(tx.objectStore('meta'), userId, itemIds), Promise.all(itemIds.map((item) => cards.get([userId, item])))]);
  if (stale.length > 0 || stored.some((found) => found !== undefined && found.parametersKey !== key)) return null;
  const missing = itemIds.filter((_item, i) => stored[i] === undefined);
  // An item with no stored state is new if it has no answer (a state is stored with every answer).
  const answers = tx.objectStore('answers').index('userItem');
  const counts = await Promise.all(missing.map((item) => answers.count([userId, item])));
  if (counts.some((count) => count > 0)) return null;
  const out = new Map<string, CardState>();
  itemIds.forEach((item, i) => {
    const found = stored[i];
    out.set(item, found ? toCardState(found) : newCardState(item, params, day));
  });
  return out;
}
