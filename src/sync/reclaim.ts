/**
 * Orphaned leases. Whoever holds the Web Lock `offline-review-sync:<dbName>` is the only
 * drainer of that database in the whole origin, and the browser releases the lock when its
 * holder dies (a closed tab, a navigation, a stopped worker). So an entry still `syncing` when
 * a drainer gets the lock was leased by a drainer that is gone: it is taken back at once
 * instead of after its lease (a minute), which would stall every answer queued behind it.
 * Without Web Locks this cannot be known, and leases alone decide.
 */
import type { ReviewDatabase } from '../storage/schema.js';

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
