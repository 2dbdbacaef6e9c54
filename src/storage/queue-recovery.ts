/**
 * Queue recovery: two maintenance steps over the sync queue, kept with storage because only
 * storage knows the schema (the sync layer calls them through `IndexedDBStorage`).
 *
 * Orphaned leases: whoever holds the Web Lock `offline-review-sync:<dbName>` is the only
 * drainer of that database in the whole origin, and the browser releases the lock when its
 * holder dies (a closed tab, a navigation, a stopped worker). So an entry still `syncing` when
 * a drainer gets the lock was leased by a drainer that is gone: it is taken back at once
 * instead of after its lease (a minute), which would stall every answer queued behind it.
 * Without Web Locks this cannot be known, and leases alone decide.
 *
 * Expediting: entries that failed with a server error carry the time of their next attempt
 * (backoff, Retry-After), and a drain sends only due entries — right for automatic retries,
 * wrong when a person presses "Retry" and asks to send now.
 */
import type { ReviewDatabase } from './schema.js';

/**
 * Puts `userId`'s `syncing` entries back to `pending` (retry count and due time unchanged),
 * in one transaction; only ever call it while holding the drain lock. Resolves how many.
 */
export async function reclaimOrphanedLeases(db: ReviewDatabase, userId: string): Promise<number> {
  const tx = db.transaction('syncQueue', 'readwrite');
  // The status index holds only the few leased entries: no walk over the whole queue.
  let cursor = await tx.store.index('status').openCursor(IDBKeyRange.only('syncing'));
  let reclaimed = 0;
  while (cursor) {
    if (cursor.value.userId === userId) {
      void cursor.update({ ...cursor.value, status: 'pending', leaseUntil: 0 });
      reclaimed += 1;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return reclaimed;
}

/**
 * Makes `userId`'s pending entries whose next attempt is after `now` due at `now` (retry counts
 * unchanged), in one transaction. Leased (`syncing`) entries are left to their drainer.
 * Resolves how many entries were moved forward.
 */
export async function expediteWaiting(db: ReviewDatabase, userId: string, now: number): Promise<number> {
  const tx = db.transaction('syncQueue', 'readwrite');
  let cursor = await tx.store.index('userId').openCursor(IDBKeyRange.only(userId));
  let moved = 0;
  while (cursor) {
    const entry = cursor.value;
    if (entry.status === 'pending' && entry.nextAttemptAt > now) {
      void cursor.update({ ...entry, nextAttemptAt: now });
      moved += 1;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return moved;
}
