/**
 * Stale marks: durable notes, in the meta store, of the items and sessions whose derived data
 * (progress and card state; statistics) no longer counts every stored answer. A pulled page
 * writes its answers and marks what they touched in the same transaction; the derivation
 * comes later (derive-stale.ts), once per item however many pages touched it, and clears the
 * marks in the transaction that writes the derived records. A page cut short never leaves
 * answers without their mark, so whatever reads derived data can derive it first.
 *
 * Keys: `stale:item:` + JSON of [userId, itemId], `stale:session:` + the session id. JSON
 * strings end with an unescaped quote, so one user's item marks are exactly the keys that start
 * with `stale:item:["<user>",` and a key range reads them in order.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { ReviewDB } from './schema.js';
import { queued } from './transaction.js';

/** The meta store inside a transaction of any mode. */
type MetaStore<M extends IDBTransactionMode> = IDBPObjectStore<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'meta', M>;

/** An item whose progress and card state are stale. */
export interface StaleItem {
  userId: string;
  itemId: string;
}

/** A session whose statistics are stale. */
export interface StaleSession {
  userId: string;
  sessionId: string;
}

const ITEM = 'stale:item:';
const SESSION = 'stale:session:';

/** The meta key of an item's mark. */
export function staleItemKey(userId: string, itemId: string): string {
  return `${ITEM}${JSON.stringify([userId, itemId])}`;
}

/** The meta key of a session's mark. */
export function staleSessionKey(sessionId: string): string {
  return `${SESSION}${sessionId}`;
}

/** Every key that starts with `prefix`: up to the prefix with its last character one higher, excluded. */
function prefixRange(prefix: string): IDBKeyRange {
  const next = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return IDBKeyRange.bound(prefix, next, false, true);
}

/** The range of the item marks of `userId`, or of every user. */
export function staleItemRange(userId?: string): IDBKeyRange {
  return prefixRange(userId === undefined ? ITEM : `${ITEM}[${JSON.stringify(userId)},`);
}

/** The range of every session mark. */
export function staleSessionRange(): IDBKeyRange {
  return prefixRange(SESSION);
}

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
