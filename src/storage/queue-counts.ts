/**
 * Counts of the outbox (outbox-entries.ts): a user's queue entries and the answers among them
 * (the sync state's `pending`), everybody's, and the dead letters. Index counts: no entry is
 * read, except dead letters counted by type (they are few).
 */
import { unwrap } from 'idb';
import { MutationType, type PendingCounts } from '../types.js';
import { check } from './input-checks.js';
import { settled } from './requests.js';
import type { ReviewDatabase } from './schema.js';

/**
 * The number of queue entries, of one user or of everybody; with `type`, of that user's
 * mutations of that type only (an index count: "2 answers and 1 other change" reads no entry).
 * Throws 'invalid-input' for a type without a user.
 */
export async function countQueue(db: ReviewDatabase, userId?: string, type?: MutationType): Promise<number> {
  if (type !== undefined) {
    check(userId !== undefined, 'A count by type needs a userId.');
    return db.countFromIndex('syncQueue', 'userType', [userId, type]);
  }
  return userId === undefined ? db.count('syncQueue') : db.countFromIndex('syncQueue', 'userId', userId);
}

/**
 * `userId`'s queue entries and the answers among them, counted in ONE transaction (each
 * transaction a page opens is also work for the garbage collector's pause, see requests.ts).
 */
export function countPending(db: ReviewDatabase, userId: string): Promise<PendingCounts> {
  return countPendingIn(unwrap(db).transaction('syncQueue').objectStore('syncQueue'), userId);
}

/** The same counts, in the transaction `queue` belongs to (the answer's counts its queue so). */
export async function countPendingIn(queue: IDBObjectStore, userId: string): Promise<PendingCounts> {
  const [pending, answers] = await Promise.all([settled(queue.index('userId').count(userId)), settled(queue.index('userType').count([userId, MutationType.Answer]))]);
  return { pending, answers };
}

/** The number of dead letters of `userId`; with `type`, of its mutations of that type (dead letters are few: read). */
export async function countDeadLetters(db: ReviewDatabase, userId: string, type?: MutationType): Promise<number> {
  if (type === undefined) return db.countFromIndex('deadLetters', 'userId', userId);
  return (await db.getAllFromIndex('deadLetters', 'userId', userId)).filter((letter) => letter.mutation.type === type).length;
}
