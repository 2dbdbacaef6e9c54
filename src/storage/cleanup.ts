/**
 * Removing old data without losing any: only what has reached the server goes. A session is synced when no queue entry and no dead letter
 * references it; its statistics go with it. Its answers stay: card states are derived from
 * every answer of a card (a deck with other parameters, an undo or an answer pulled late derives
 * them again from the start), and a card whose old answers were gone would come back as new.
 * Cached content is server-owned.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { TERMINAL_STATUSES } from '../types.js';
import type { ReviewDB, ReviewDatabase } from './schema.js';
import { check, isFiniteNumber } from './input-checks.js';
import { inTransaction, queued } from './transaction.js';

/** A read-write transaction that includes at least the stores a cleanup touches. */
export type CleanupTx = IDBPTransaction<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'readwrite'>;

/** What `cleanupOldData` removed. */
export interface CleanupResult {
  sessions: number;
  content: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** The ids among `sessionIds` that no queue entry and no dead letter references. */
export async function syncedSessions(tx: CleanupTx, sessionIds: readonly string[]): Promise<string[]> {
  const queueIndex = tx.objectStore('syncQueue').index('sessionId');
  const deadIndex = tx.objectStore('deadLetters').index('sessionId');
  const counts = await Promise.all(
    sessionIds.map(async (id) => {
      const [queued, dead] = await Promise.all([queueIndex.count(id), deadIndex.count(id)]);
      return queued + dead;
    }),
  );
  return sessionIds.filter((_, i) => counts[i] === 0);
}

/**
 * Deletes sessions and their statistics, and with `withAnswers` their answers too, issuing
 * every delete without awaiting each. Resolves the number of answers deleted.
 */
export async function deleteSessions(tx: CleanupTx, sessionIds: readonly string[], withAnswers: boolean): Promise<number> {
  const answers = tx.objectStore('answers');
  const keys = withAnswers ? await Promise.all(sessionIds.map((id) => answers.index('sessionId').getAllKeys(id))) : [];
  let answerCount = 0;
  sessionIds.forEach((id, i) => {
    const sessionAnswers = keys[i] ?? [];
    for (const key of sessionAnswers) queued(answers.delete(key));
    answerCount += sessionAnswers.length;
    queued(tx.objectStore('statistics').delete(id));
    queued(tx.objectStore('sessions').delete(id));
  });
  return answerCount;
}

/**
 * Removes, in one transaction, terminal sessions whose last activity is older than `days`
 * and that have reached the server (with their statistics), and cached content not accessed
 * since the cutoff. Unsynced sessions stay however old they are. Answers and progress stay:
 * they are the learner's history, which card states are derived from.
 */
export async function cleanupOldData(db: ReviewDatabase, days: number, now: number): Promise<CleanupResult> {
  check(isFiniteNumber(days) && days >= 0, 'days must be a number >= 0.', { days });
  const cutoff = now - days * DAY;
  const tx = db.transaction(['sessions', 'answers', 'statistics', 'content', 'syncQueue', 'deadLetters'], 'readwrite');
  return inTransaction(tx, async () => {
    // startedAt <= lastActivityAt, so the index narrows the candidates without a full scan.
    const candidates = await tx.objectStore('sessions').index('startedAt').getAll(IDBKeyRange.upperBound(cutoff, true));
    const old = candidates.filter((s) => TERMINAL_STATUSES.includes(s.status) && s.lastActivityAt < cutoff);
    const removable = await syncedSessions(tx, old.map((s) => s.id));
    await deleteSessions(tx, removable, false);
    const contentKeys = await tx.objectStore('content').index('lastAccessed').getAllKeys(IDBKeyRange.upperBound(cutoff, true));
    for (const key of contentKeys) queued(tx.objectStore('content').delete(key));
    return { sessions: removable.length, content: contentKeys.length };
  });
}
