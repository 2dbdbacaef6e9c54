/**
 * Loading a deck from a URL: fetched, checked and cached; offline (or on a bad answer) the
 * items that URL gave last time come from the cache.
 */
import type { ReviewApiClient } from '../client/http-client.js';
import { OfflineReviewError, isOfflineReviewError } from '../errors.js';
import type { IndexedDBStorage } from '../storage/indexeddb-storage.js';
import type { ReviewableContent } from '../types.js';
import { contentSourceKey, parseContentList } from './content.js';

/**
 * Fetches items from `url` and caches them (`cache` runs the write); on failure resolves the
 * items this URL gave last time. Rejects 'storage-full' (nothing cached), 'aborted' when
 * `signal` aborts, or 'content-unavailable' when neither the URL nor the cache has items.
 */
export async function loadContentFrom(
  storage: IndexedDBStorage,
  client: ReviewApiClient,
  url: string,
  cache: (items: ReviewableContent[]) => Promise<void>,
  signal?: AbortSignal,
): Promise<ReviewableContent[]> {
  try {
    const items = parseContentList(await client.fetchJson(url, signal));
    await cache(items);
    await storage.setMeta(contentSourceKey(url), items.map((item) => item.id));
    return items;
  } catch (error) {
    if (isOfflineReviewError(error, 'storage-full') || isOfflineReviewError(error, 'aborted')) throw error;
    const ids = await storage.getMeta(contentSourceKey(url));
    const cached = Array.isArray(ids) ? await storage.getContent(ids as string[]) : [];
    if (cached.length > 0) return cached;
    throw new OfflineReviewError('content-unavailable', `Could not load items from ${url}, and none are cached.`, {
      details: { url },
      cause: error,
    });
  }
}
