/**
 * "Retry" pressed by a person. Entries that failed with a server error carry the time of their
 * next attempt (backoff, Retry-After), and a drain sends only due entries — right for automatic
 * retries, wrong when the learner asks to send now. This makes the user's waiting entries due.
 */
import type { ReviewDatabase } from '../storage/schema.js';

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
