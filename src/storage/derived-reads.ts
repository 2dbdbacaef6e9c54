/**
 * Reads of derived data (card states, progress, statistics) that never serve a stale record:
 * a cheap read-only look at the stale marks first, and only when the records asked for are
 * marked, their derivation (derive-stale.ts) before the read. The derivation is a chunk of its
 * own (derivation-loader.ts): it is imported when something needs deriving, before the
 * transaction that derives is opened.
 */
import type { CardState } from '../scheduler/card-state.js';
import type { LearnerDay } from '../scheduler/learner-day.js';
import type { SchedulerParameters } from '../scheduler/parameters.js';
import type { ProgressData, SessionStatistics } from '../types.js';
import { readStoredCardStates } from './card-state-reads.js';
import { DERIVE_STORES, loadDerivation } from './derivation-loader.js';
import type { ReviewDatabase } from './schema.js';
import { staleItemRange, staleSessionKey, staleSessionRange } from './stale-marks.js';
import { inTransaction } from './transaction.js';

/** Runs one write transaction (through the quota manager). */
export type WriteRunner = <T>(run: () => Promise<T>) => Promise<T>;

/** Whether `userId` has any item marked stale. */
async function hasStaleItems(db: ReviewDatabase, userId: string): Promise<boolean> {
  return (await db.getKey('meta', staleItemRange(userId))) !== undefined;
}

/** Whether `sessionId` (or, without it, any session) is marked stale. */
async function hasStaleSession(db: ReviewDatabase, sessionId?: string): Promise<boolean> {
  return (await db.getKey('meta', sessionId === undefined ? staleSessionRange() : staleSessionKey(sessionId))) !== undefined;
}

/** Derives, in one transaction, whichever of the named items and sessions are stale. */
async function deriveAmong(db: ReviewDatabase, userId: string, itemIds: readonly string[], sessionIds: readonly string[] = []): Promise<void> {
  const { deriveStaleAmong } = await loadDerivation();
  const tx = db.transaction(DERIVE_STORES, 'readwrite');
  await inTransaction(tx, () => deriveStaleAmong(tx, userId, itemIds, sessionIds));
}

/**
 * Derives everything `userId` has marked stale and every stale session, in short transactions.
 * Resolves how many items and sessions were derived.
 */
export async function deriveStale(db: ReviewDatabase, write: WriteRunner, userId: string): Promise<{ items: number; sessions: number }> {
  if (!(await hasStaleItems(db, userId)) && !(await hasStaleSession(db))) return { items: 0, sessions: 0 };
  return (await loadDerivation()).deriveAllStale(db, userId, write);
}

/**
 * The card states of `itemIds` for `params` and `day`: read as stored when none needs deriving
 * (card-state-reads.ts), else, once the derivation is loaded, the stale ones and those derived
 * with other parameters derived first and read in one transaction (card-state-store.ts).
 */
export async function readFreshCardStates(
  db: ReviewDatabase,
  userId: string,
  itemIds: readonly string[],
  params: SchedulerParameters,
  day: LearnerDay,
): Promise<Map<string, CardState>> {
  const stored = await readStoredCardStates(db, userId, itemIds, params, day);
  if (stored) return stored;
  const { deriveStaleAmong, readCardStates } = await loadDerivation();
  const tx = db.transaction(DERIVE_STORES, 'readwrite');
  return inTransaction(tx, async () => {
    await deriveStaleAmong(tx, userId, itemIds);
    return readCardStates(tx, userId, itemIds, params, day);
  });
}

/** A session's statistics, or null before its first answer; derived first when stale. */
export async function readStatistics(db: ReviewDatabase, write: WriteRunner, sessionId: string): Promise<SessionStatistics | null> {
  if (await hasStaleSession(db, sessionId)) await write(() => deriveAmong(db, '', [], [sessionId]));
  return (await db.get('statistics', sessionId)) ?? null;
}

/** A user's progress, for the given items (those that have some) or all of them; stale ones derived first. */
export async function readProgress(db: ReviewDatabase, write: WriteRunner, userId: string, itemIds?: readonly string[]): Promise<ProgressData[]> {
  if (!itemIds) {
    await deriveStale(db, write, userId);
    return db.getAllFromIndex('progress', 'userId', userId);
  }
  if (await hasStaleItems(db, userId)) await write(() => deriveAmong(db, userId, itemIds));
  const tx = db.transaction('progress');
  const found = await Promise.all(itemIds.map((id) => tx.store.get([userId, id])));
  return found.filter((p): p is ProgressData => p !== undefined);
}
