/**
 * Stale marks: durable notes, in the meta store, of the items and sessions whose derived data
 * (progress and card state; statistics) no longer counts every stored answer. A pulled page
 * writes its answers and marks what they touched in the same transaction; the derivation
 * comes later (derive-stale.ts), once per item however many pages touched it, and clears the
 * marks in the transaction that writes the derived records. A page cut short never leaves
 * answers without their mark, so whatever reads derived data can derive it first.
 *
 * The keys and their ranges are in stale-mark-keys.ts.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { ReviewDB } from './schema.js';
import { queued } from './transaction.js';
import { staleItemKey, staleItemRange, staleSessionKey, staleSessionRange, type StaleItem, type StaleSession } from './stale-mark-keys.js';

export { staleItemKey, staleItemRange, staleSessionKey, staleSessionRange, type StaleItem, type StaleSession } from './stale-mark-keys.js';

/** The meta store inside a transaction of any mode. */
type MetaStore<M extends IDBTransactionMode> = IDBPObjectStore<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'meta', M>;

/**
 * Marks `itemIds` of `userId` and `sessions` stale: the writes are issued (failures silenced,
 * see `queued`), and returned in order, items first, for a caller that paces them.
 */
export function markStale(meta: MetaStore<'readwrite'>, userId: string, itemIds: Iterable<string>, sessionIds: Iterable<string>): Array<Promise<unknown>> {
  const writes: Array<Promise<unknown>> = [];
  for (const itemId of itemIds) writes.push(meta.put({ userId, itemId } satisfies StaleItem, staleItemKey(userId, itemId)));
  for (const sessionId of sessionIds) writes.push(meta.put({ userId, sessionId } satisfies StaleSession, staleSessionKey(sessionId)));
  writes.forEach(queued);
  return writes;
}

/** Clears the marks of `items` and `sessions` (writes issued, not awaited). */
export function clearStale(meta: MetaStore<'readwrite'>, items: readonly StaleItem[], sessions: readonly StaleSession[]): void {
  for (const { userId, itemId } of items) queued(meta.delete(staleItemKey(userId, itemId)));
  for (const { sessionId } of sessions) queued(meta.delete(staleSessionKey(sessionId)));
}

/** Up to `limit` item marks of `userId` (or of everybody), in key order. */
export async function staleItems<M extends IDBTransactionMode>(meta: MetaStore<M>, userId?: string, limit?: number): Promise<StaleItem[]> {
  return (await meta.getAll(staleItemRange(userId), limit)) as StaleItem[];
}

/** Up to `limit` session marks, in key order. */
export async function staleSessions<M extends IDBTransactionMode>(meta: MetaStore<M>, limit?: number): Promise<StaleSession[]> {
  return (await meta.getAll(staleSessionRange(), limit)) as StaleSession[];
}

/** Which of `itemIds` of `userId` are marked stale (all of the user's marks read at once). */
export async function staleAmong<M extends IDBTransactionMode>(meta: MetaStore<M>, userId: string, itemIds: readonly string[]): Promise<string[]> {
  if (itemIds.length === 0) return [];
  // Few items asked for: one key read each; many: the user's marks, usually none, read once.
  if (itemIds.length <= 8) {
    const found = await Promise.all(itemIds.map((itemId) => meta.getKey(staleItemKey(userId, itemId))));
    return itemIds.filter((_itemId, i) => found[i] !== undefined);
  }
  const marked = new Set((await staleItems(meta, userId)).map((mark) => mark.itemId));
  return itemIds.filter((itemId) => marked.has(itemId));
}
