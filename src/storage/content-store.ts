/**
 * The content cache: server-owned items kept for offline review. Bulk writes are one
 * transaction whose requests are issued together, not one awaited put after another.
 */
import { isQuotaExceededError } from '../quota-error.js';
import type { CachedContent, ReviewableContent } from '../types.js';
import type { ReviewDatabase } from './schema.js';
import { CONTENT_FIELDS, requireRecord } from '../records/index.js';
import { check } from './input-checks.js';
import { inTransaction, queued } from './transaction.js';
import { isRefusedAfterQuota } from './quota-refusal.js';

/**
 * Caches `items` in one transaction, stamping lastAccessed = `now`. A stored newer version is
 * kept (content is server-owned and never goes back); the same version is refreshed.
 * Throws 'invalid-input' before writing anything if an item breaks the item table (details name it).
 */
export async function cacheContent(db: ReviewDatabase, items: readonly ReviewableContent[], now: number): Promise<void> {
  check(Array.isArray(items), 'content must be an array.');
  // The item table, as for a deck: defaults filled in, unknown fields dropped.
  const checked = items.map((item) => requireRecord(CONTENT_FIELDS, item, 'content', { id: (item as Partial<ReviewableContent> | null)?.id }));
  // Within one call the highest version of an id wins too.
  const newest = new Map<string, ReviewableContent>();
  for (const item of checked) {
    const seen = newest.get(item.id);
    if (!seen || item.version >= seen.version) newest.set(item.id, item);
  }
  const tx = db.transaction('content', 'readwrite');
  await inTransaction(tx, async () => {
    const list = [...newest.values()];
    const stored = await Promise.all(list.map((item) => tx.store.get(item.id)));
    list.forEach((item, i) => {
      const old = stored[i];
      if (old && old.version > item.version) return;
      queued(tx.store.put({ ...item, lastAccessed: now }));
    });
  });
}

/**
 * Cached content for `ids` in that order (missing ids left out), marking each as used at `now`
 * for LRU eviction. Why the fallback: lastAccessed is only a hint, so when the update cannot
 * be written (no room left, or Firefox refusing the write after a quota abort) the items are
 * still returned from a read-only transaction.
 */
export async function getContent(db: ReviewDatabase, ids: readonly string[], now: number): Promise<CachedContent[]> {
  const tx = db.transaction('content', 'readwrite');
  try {
    return await inTransaction(tx, async () => {
      const found = await Promise.all(ids.map((id) => tx.store.get(id)));
      const result: CachedContent[] = [];
      for (const item of found) {
        if (!item) continue;
        const touched = { ...item, lastAccessed: now };
        queued(tx.store.put(touched));
        result.push(touched);
      }
      return result;
    });
  } catch (error) {
    if (!isQuotaExceededError(error) && !isRefusedAfterQuota(error)) throw error;
    const found = await Promise.all(ids.map((id) => db.get('content', id)));
    return found.filter((item): item is CachedContent => item !== undefined);
  }
}
