/**
 * One user action, one transaction: run a body so that it either commits whole or leaves
 * nothing behind, and issue writes without awaiting each.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { OfflineReviewError } from '../errors.js';
import type { ReviewDB } from './schema.js';

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
 * Issues a write without awaiting it. Why: a failed request aborts its transaction and the
 * commit (`inTransaction`) reports that error; the request's own rejection is silenced here
 * only so that it does not surface a second time as an unhandled rejection.
 */
export function queued(request: Promise<unknown>): void {
  request.catch(() => undefined);
}
