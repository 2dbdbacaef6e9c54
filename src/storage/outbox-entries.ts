/**
 * The outbox: the persistent queue of mutations waiting for the server (the `syncQueue` store),
 * and its dead letters. Memory never holds more than one batch:
 * a batch is read with one bounded `getAll` on the user's index, never by loading the store.
 * Why no per-entry awaits: each awaited request is a round trip to the browser's IndexedDB
 * backend (a cursor walk cost ~0.45 ms per entry in bench b), so a batch issues all its
 * requests at once and awaits the commit.
 * An entry leaves the queue only through `ackQueueEntries` (the server confirmed it) or
 * `deadLetterQueueEntries` (it moves, with its reason, to the dead letters).
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { isUuid } from '../ids.js';
import type { DeadLetter, Mutation, QueueEntry } from '../types.js';
import type { ReviewDB, ReviewDatabase } from './schema.js';
import { newQueueEntry } from './factories.js';
import { check, isFiniteNumber } from './input-checks.js';
import { inTransaction, queued } from './transaction.js';

/** Options of `leaseBatch`. */
export interface LeaseOptions {
  userId: string;
  maxCount: number;
  maxBytes: number;
  /** How long the batch stays reserved for this drainer. */
  leaseMs: number;
  now: number;
  /**
   * The last seq of the batch this drainer has on the wire (leased from the front of the
   * user's queue, not yet settled): the lease reads the entries after it, so the next batch
   * can be leased while that push is in flight. A batch leased so may come out shorter than
   * maxCount (or empty) where other users' entries lie between: never out of order.
   */
  after?: number;
}

/** Options of `releaseQueueEntries`. */
export interface ReleaseOptions {
  /** True for failures that spend the retry budget (5xx, 429); false for offline/timeouts. */
  countRetry: boolean;
  /** Not before this time (backoff). */
  nextAttemptAt: number;
  error?: { code: string; message: string };
}

/** One entry to move to the dead letters. */
export interface DeadLetterRequest {
  seq: number;
  reason: DeadLetter['reason'];
}

/** True when a drainer may take `entry` at `now`: due and pending, or syncing under an expired lease. */
function isLeasable(entry: QueueEntry, now: number): boolean {
  return entry.status === 'pending' ? entry.nextAttemptAt <= now : entry.leaseUntil <= now;
}

/**
 * The session a mutation belongs to, read from its data when the caller did not say: a
 * session mutation is about itself; answers and statistics name theirs. Cleanup relies on it.
 */
function mutationSessionId(mutation: Mutation): string | undefined {
  const data = mutation.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[mutation.type === 'session' ? 'id' : 'sessionId'];
  return typeof value === 'string' ? value : undefined;
}

/** Adds one mutation to the queue in its own transaction; resolves the stored entry. */
export async function enqueueMutation(
  db: ReviewDatabase,
  userId: string,
  mutation: Mutation,
  now: number,
  sessionId?: string,
): Promise<QueueEntry> {
  check(typeof userId === 'string' && userId !== '', 'userId must be a non-empty string.');
  check(isUuid(mutation?.id), 'mutation.id must be a UUID.');
  const entry = newQueueEntry(userId, mutation, now, sessionId ?? mutationSessionId(mutation));
  entry.seq = await db.add('syncQueue', entry);
  return entry;
}

/**
 * Takes the next batch of one user's entries in FIFO order and marks them `syncing` until
 * `now + leaseMs`, in one transaction. Stops at the first entry that is not leasable (in
 * backoff, or leased by a live drainer): later entries must not overtake it, since a session's
 * answers must not reach the server before the session. Always takes at least one entry
 * when the first is leasable, even above maxBytes, so a large entry cannot block the queue.
 */
export async function leaseBatch(db: ReviewDatabase, options: LeaseOptions): Promise<QueueEntry[]> {
  const { userId, maxCount, maxBytes, leaseMs, now } = options;
  check(maxCount >= 1 && maxBytes >= 1 && leaseMs >= 0 && isFiniteNumber(now), 'Invalid lease options.', { ...options });
  const tx = db.transaction('syncQueue', 'readwrite');
  return inTransaction(tx, async () => {
    // The first maxCount entries in FIFO order (equal index keys are ordered by seq), or the
    // first maxCount of the store after `after` (seqs are FIFO order; other users' are
    // skipped): a batch never takes more, so one read holds every candidate, decided in memory.
    const count = Math.min(Math.ceil(maxCount), MAX_COUNT);
    const candidates =
      options.after === undefined
        ? await tx.store.index('userId').getAll(IDBKeyRange.only(userId), count)
        : (await tx.store.getAll(IDBKeyRange.lowerBound(options.after, true), count)).filter((entry) => entry.userId === userId);
    const taken: QueueEntry[] = [];
    let bytes = 0;
    for (const entry of candidates) {
      if (!isLeasable(entry, now)) break;
      if (taken.length > 0 && bytes + entry.bytes > maxBytes) break;
      const leased: QueueEntry = { ...entry, status: 'syncing', leaseUntil: now + leaseMs };
      queued(tx.store.put(leased));
      taken.push(leased);
      bytes += entry.bytes;
    }
    return taken;
  });
}

/** The largest count IndexedDB's getAll accepts (an unsigned long). */
const MAX_COUNT = 0xffff_ffff;

/**
 * `seqs` as sorted runs of consecutive integers, so that a batch (whose seqs are mostly
 * consecutive) is read or deleted with one range request per run instead of one per entry.
 * A run [a, b] holds exactly the keys a…b: seqs come from the store's key generator, which
 * makes integers only, so no other key can lie inside it.
 */
export function seqRuns(seqs: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const seq of sorted) {
    const last = runs[runs.length - 1];
    if (last && Number.isInteger(seq) && seq === last[1] + 1) last[1] = seq;
    else runs.push([seq, seq]);
  }
  return runs;
}

/** The queue store inside some read-write transaction. */
type QueueStore = IDBPObjectStore<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'syncQueue', 'readwrite'>;

/** A run as a key or key range. */
function runKey([first, last]: [number, number]): number | IDBKeyRange {
  return first === last ? first : IDBKeyRange.bound(first, last);
}

/** Reads the entries with these seqs (one request per run, all issued at once), by seq. */
async function readEntries(store: QueueStore, seqs: readonly number[]): Promise<Map<number, QueueEntry>> {
  const lists = await Promise.all(seqRuns(seqs).map((run) => store.getAll(runKey(run))));
  const bySeq = new Map<number, QueueEntry>();
  for (const list of lists) for (const entry of list) bySeq.set(entry.seq!, entry);
  return bySeq;
}

/** Deletes entries the server confirmed (applied or duplicate), in one transaction. */
export async function ackQueueEntries(db: ReviewDatabase, seqs: readonly number[]): Promise<void> {
  const tx = db.transaction('syncQueue', 'readwrite');
  await inTransaction(tx, async () => {
    for (const run of seqRuns(seqs)) queued(tx.store.delete(runKey(run)));
  });
}

/**
 * Puts entries back to `pending`, due at `nextAttemptAt`; counts a retry only when asked.
 * Resolves the updated entries (entries no longer in the queue are skipped).
 */
export async function releaseQueueEntries(
  db: ReviewDatabase,
  seqs: readonly number[],
  options: ReleaseOptions,
): Promise<QueueEntry[]> {
  const tx = db.transaction('syncQueue', 'readwrite');
  return inTransaction(tx, async () => {
    const bySeq = await readEntries(tx.store, seqs);
    const released: QueueEntry[] = [];
    for (const seq of seqs) {
      const entry = bySeq.get(seq);
      if (!entry) continue;
      const next: QueueEntry = {
        ...entry,
        status: 'pending',
        leaseUntil: 0,
        retryCount: entry.retryCount + (options.countRetry ? 1 : 0),
        nextAttemptAt: options.nextAttemptAt,
      };
      if (options.error) next.lastError = { code: options.error.code, message: options.error.message };
      queued(tx.store.put(next));
      released.push(next);
    }
    return released;
  });
}

/** Moves entries to the dead letters with their reasons, in one transaction; resolves the dead letters. */
export async function deadLetterQueueEntries(
  db: ReviewDatabase,
  requests: readonly DeadLetterRequest[],
  now: number,
): Promise<DeadLetter[]> {
  const tx = db.transaction(['syncQueue', 'deadLetters'], 'readwrite');
  return inTransaction(tx, async () => {
    const queue = tx.objectStore('syncQueue');
    const bySeq = await readEntries(queue, requests.map((request) => request.seq));
    const letters: DeadLetter[] = [];
    requests.forEach((request) => {
      const entry = bySeq.get(request.seq);
      if (!entry) return;
      const letter: DeadLetter = {
        id: entry.mutation.id,
        userId: entry.userId,
        mutation: entry.mutation,
        reason: { ...request.reason },
        retryCount: entry.retryCount,
        failedAt: now,
      };
      if (entry.sessionId !== undefined) letter.sessionId = entry.sessionId;
      queued(tx.objectStore('deadLetters').put(letter));
      queued(queue.delete(entry.seq!));
      letters.push(letter);
    });
    return letters;
  });
}

/** Dead letters of one user (or all), oldest failure first. */
export async function listDeadLetters(db: ReviewDatabase, userId?: string): Promise<DeadLetter[]> {
  const letters = userId === undefined ? await db.getAll('deadLetters') : await db.getAllFromIndex('deadLetters', 'userId', userId);
  return letters.sort((a, b) => a.failedAt - b.failedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Puts dead letters back at the end of the queue with a fresh retry budget, in one
 * transaction. The mutation keeps its id: the server applies an id once, so a re-send is safe.
 * Resolves the new queue entries.
 */
export async function requeueDeadLetters(db: ReviewDatabase, ids: readonly string[], now: number): Promise<QueueEntry[]> {
  const tx = db.transaction(['syncQueue', 'deadLetters'], 'readwrite');
  return inTransaction(tx, async () => {
    const dead = tx.objectStore('deadLetters');
    const letters = await Promise.all(ids.map((id) => dead.get(id)));
    const requeued: QueueEntry[] = [];
    const keys: Array<Promise<void>> = [];
    for (const letter of letters) {
      if (!letter) continue;
      const entry = newQueueEntry(letter.userId, letter.mutation, now, letter.sessionId);
      // Requests run in the order they were issued, so the adds get their seqs (FIFO) in
      // this order without waiting for each other; callers need the keys.
      keys.push(tx.objectStore('syncQueue').add(entry).then((seq) => void (entry.seq = seq)));
      queued(dead.delete(letter.id));
      requeued.push(entry);
    }
    await Promise.all(keys);
    return requeued;
  });
}

/** Deletes dead letters for good (the user chose to), in one transaction. */
export async function discardDeadLetters(db: ReviewDatabase, ids: readonly string[]): Promise<void> {
  const tx = db.transaction('deadLetters', 'readwrite');
  await inTransaction(tx, async () => {
    for (const id of ids) queued(tx.store.delete(id));
  });
}

/**
 * When `leaseBatch` will next find something for the user: the first entry's due time (or
 * its lease end while another drainer holds it). Resolves null when the user's queue is empty.
 */
export async function nextDueAt(db: ReviewDatabase, userId: string): Promise<number | null> {
  const cursor = await db.transaction('syncQueue').store.index('userId').openCursor(IDBKeyRange.only(userId));
  if (!cursor) return null;
  const entry = cursor.value;
  return entry.status === 'pending' ? entry.nextAttemptAt : entry.leaseUntil;
}
