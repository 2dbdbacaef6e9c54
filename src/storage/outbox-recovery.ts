/**
 * Outbox recovery: two maintenance steps over the queued mutations, kept with storage because
 * only storage knows the schema (the sync layer calls them through `Outbox` and
 * `IndexedDBStorage`).
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
import { inTransaction, queued } from './transaction.js';

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

/** How many entries `expediteWaiting` reads per request. */
const EXPEDITE_PAGE = 500;

/**
 * Makes `userId`'s pending entries whose next attempt is after `now` due at `now` (retry counts
 * unchanged), in one transaction. Leased (`syncing`) entries are left to their drainer.
 * Reads the queue a page of `pageSize` entries per request, by sequence number, and issues the
 * writes without awaiting them: a "Retry" over 100,000 queued answers costs 200 reads, not
 * 100,000 cursor steps, and holds one page in memory. Resolves how many entries moved forward.
 */
export async function expediteWaiting(db: ReviewDatabase, userId: string, now: number, pageSize = EXPEDITE_PAGE): Promise<number> {
  const tx = db.transaction('syncQueue', 'readwrite');
  return inTransaction(tx, async () => {
    let moved = 0;
    let range: IDBKeyRange | undefined;
    for (;;) {
      const page = await tx.store.getAll(range, pageSize);
      for (const entry of page) {
        if (entry.userId !== userId || entry.status !== 'pending' || entry.nextAttemptAt <= now) continue;
        queued(tx.store.put({ ...entry, nextAttemptAt: now }));
        moved += 1;
      }
      if (page.length < pageSize) return moved;
      range = IDBKeyRange.lowerBound(page[page.length - 1]!.seq!, true);
    }
  });
}
