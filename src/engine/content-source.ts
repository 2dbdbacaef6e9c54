/**
 * Loading a deck from a URL: fetched, checked by the one item normaliser, and cached; offline
 * (or on an answer with no usable item) the items that URL gave last time come from the cache.
 */
import type { ReviewApiClient } from '../client/http-client.js';
import type { OfflineReviewError } from '../errors.js';
import { refusedItemsError } from '../records/index.js';
import type { IndexedDBStorage } from '../storage/indexeddb-storage.js';
import type { ReviewableContent } from '../types.js';
import { contentSourceKey, loadDeck } from './content.js';

/** Options of a deck load. */
export interface ContentSourceOptions {
  /** Cancels the fetch (the load then rejects 'aborted'). */
  signal?: AbortSignal;
  /** Called with one 'invalid-input' error naming the items that were left out, if any were. */
  onRefused?: (error: OfflineReviewError) => void;
}

/**
 * Fetches the deck at `url` and caches its good items (`cache` runs the write); on failure
 * resolves the items this URL gave last time. Rejects as loadDeck does, and 'aborted' when
 * `signal` aborts.
 */
export async function loadContentFrom(
  storage: IndexedDBStorage,
  client: Pick<ReviewApiClient, 'fetchJson'>,
  url: string,
  cache: (items: ReviewableContent[]) => Promise<void>,
  options: ContentSourceOptions = {},
): Promise<ReviewableContent[]> {
  const key = contentSourceKey(url);
  const { items, refused } = await loadDeck(url, {
    fetch: () => client.fetchJson(url, options.signal),
    cache,
    remember: (ids) => storage.setMeta(key, ids),
    cached: async () => {
      const ids = await storage.getMeta(key);
      return Array.isArray(ids) ? storage.getContent(ids as string[]) : [];
    },
  });
  if (refused.length > 0) options.onRefused?.(refusedItemsError(refused));
  return items;
}
