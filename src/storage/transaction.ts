/**
 * Small helpers shared by the storage files: run a body inside one transaction so that it
 * either commits whole or leaves nothing behind, and tick the HLC stored in meta.
 */
import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import { OfflineReviewError } from '../errors.js';
import { decodeHlc, encodeHlc, hlcZero, isHlc, receiveHlc, tickHlc, type HlcState } from '../hlc.js';
import { uuidv7 } from '../ids.js';
import type { Mutation, MutationAction, MutationType, QueueEntry } from '../types.js';
import { MetaKey, mutationBytes, type ReviewDB } from './schema.js';

/** The meta store inside some read-write transaction. */
export type MetaStore = IDBPObjectStore<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'meta', 'readwrite'>;

/**
 * Runs `body`, then waits for the transaction to commit. If the body throws, the
 * transaction is aborted first, so none of its writes stay (one user action = one commit).
 * Rejects with the body's error, or with the transaction's own error (a QuotaExceededError
 * arrives this way, on commit).
 */
export async function inTransaction<T, S extends StoreNames<ReviewDB>[], M extends IDBTransactionMode>(
  tx: IDBPTransaction<ReviewDB, S, M>,
  body: () => Promise<T>,
): Promise<T> {
  // Attach a handler at once: an abort must never become an unhandled rejection.
  const done = tx.done.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error: error ?? tx.error }),
  );
  let result: T;
  try {
    result = await body();
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted (a failed request aborts it): nothing left to undo.
    }
    await done;
    // A value IndexedDB cannot store (a function, say) is the caller's mistake, not ours.
    if (error instanceof DOMException && error.name === 'DataCloneError') {
      throw new OfflineReviewError('invalid-input', 'A value cannot be stored in IndexedDB.', { cause: error });
    }
    throw error;
  }
  const outcome = await done;
  if (!outcome.ok) throw outcome.error ?? new DOMException('Transaction aborted', 'AbortError');
  return result;
}

/**
 * Reads the HLC from meta, ticks it for a local event at `now`, stores it; resolves the new
 * encoded clock. `read` lets a caller issue the read together with its other reads, so the
 * action waits for one round of requests instead of two.
 */
export async function tickStoredHlc(
  meta: MetaStore,
  deviceId: string,
  now: number,
  read: Promise<unknown> = readStoredHlc(meta),
): Promise<string> {
  const next = tickHlc(readHlc(await read, deviceId), now);
  const encoded = encodeHlc(next);
  queued(meta.put(encoded, MetaKey.Hlc));
  return encoded;
}

/** Moves the stored HLC past remote clocks seen in pulled data. */
export async function receiveStoredHlc(
  meta: MetaStore,
  deviceId: string,
  remote: readonly string[],
  now: number,
): Promise<void> {
  let clock = readHlc(await meta.get(MetaKey.Hlc), deviceId);
  for (const text of remote) if (isHlc(text)) clock = receiveHlc(clock, decodeHlc(text), now);
  queued(meta.put(encodeHlc(clock), MetaKey.Hlc));
}

/** Issues the read of the stored HLC. */
export function readStoredHlc(meta: MetaStore): Promise<unknown> {
  return meta.get(MetaKey.Hlc);
}

function readHlc(stored: unknown, deviceId: string): HlcState {
  // The node is always this device, even if an old clock was stored under another id.
  return isHlc(stored) ? { ...decodeHlc(stored), node: deviceId } : hlcZero(deviceId);
}

/** A new mutation made on this device. */
export function newMutation(type: MutationType, action: MutationAction, data: unknown, hlc: string, now: number): Mutation {
  return { id: uuidv7(now), type, action, data, hlc, clientTimestamp: now };
}

/** A pending queue entry for `mutation`, due at once. */
export function newQueueEntry(userId: string, mutation: Mutation, now: number, sessionId?: string): QueueEntry {
  const entry: QueueEntry = {
    userId,
    mutation,
    status: 'pending',
    leaseUntil: 0,
    retryCount: 0,
    nextAttemptAt: now,
    bytes: mutationBytes(mutation),
    createdAt: now,
  };
  if (sessionId !== undefined) entry.sessionId = sessionId;
  return entry;
}

/** Throws OfflineReviewError('invalid-input') unless `ok`. */
export function check(ok: boolean, message: string, details: Record<string, unknown> = {}): asserts ok {
  if (!ok) throw new OfflineReviewError('invalid-input', message, { details });
}

/** A finite number check for inputs. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Issues a write without awaiting it. Why: a failed request aborts its transaction and the
 * commit (`inTransaction`) reports that error; the request's own rejection is silenced here
 * only so that it does not surface a second time as an unhandled rejection.
 */
export function queued(request: Promise<unknown>): void {
  request.catch(() => undefined);
}
