/**
 * The content cache: server-owned items kept for offline review. Bulk writes are one
 * transaction whose requests are issued together, not one awaited put after another.
 */
import { isQuotaExceededError } from '../errors.js';
import type { CachedContent, ReviewableContent } from '../types.js';
import type { ReviewDatabase } from './schema.js';
import { check, isFiniteNumber } from './input-checks.js';
import { inTransaction, queued } from './transaction.js';

function validateContent(item: ReviewableContent): void {
  check(typeof item === 'object' && item !== null, 'Content items must be objects.');
  check(typeof item.id === 'string' && item.id !== '', 'content.id must be a non-empty string.', { id: item.id });
  check(isFiniteNumber(item.version), 'content.version must be a number.', { id: item.id });
  check(typeof item.prompt === 'string' && typeof item.answer === 'string', 'content.prompt and answer must be strings.', { id: item.id });
}

/**
 * Caches `items` in one transaction, stamping lastAccessed = `now`. A stored newer version is
 * kept (content is server-owned and never goes back); the same version is refreshed.
 * Throws 'invalid-input' before writing anything if an item is malformed.
 */
export async function cacheContent(db: ReviewDatabase, items: readonly ReviewableContent[], now: number): Promise<void> {
  check(Array.isArray(items), 'content must be an array.');
  items.forEach(validateContent);
  // Within one call the highest version of an id wins too.
  const newest = new Map<string, ReviewableContent>();
  for (const item of items) {
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
 * be written (no room left) the items are still returned from a read-only transaction.
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
    if (!isQuotaExceededError(error)) throw error;
    const found = await Promise.all(ids.map((id) => db.get('content', id)));
    return found.filter((item): item is CachedContent => item !== undefined);
  }
}
