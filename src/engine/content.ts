/**
 * A `src` deck: fetched, checked by the one item normaliser (the same as for inline decks),
 * cached, and found again offline by the URL it came from (the meta store remembers which ids
 * a URL gave).
 */
import { OfflineReviewError, isOfflineReviewError } from '../errors.js';
import { normaliseItems, refusedItemsError, type NormalisedItems } from '../records/index.js';
import type { ReviewableContent } from '../types.js';

/** The meta key under which the ids a `src` URL gave are remembered. */
export function contentSourceKey(url: string): string {
  return `content-src:${url}`;
}

/** What loadDeck needs from the engine, for one URL. */
export interface DeckSource {
  /** The URL's JSON; rejects when it cannot be fetched. */
  fetch(): Promise<unknown>;
  /** Caches items (rejects 'storage-full'). */
  cache(items: ReviewableContent[]): Promise<void>;
  /** Remembers which ids the URL gave. */
  remember(ids: string[]): Promise<void>;
  /** The items the URL gave last time, from the cache. */
  cached(): Promise<ReviewableContent[]>;
}

/**
 * Loads the deck at `url`: the good items are cached and resolved with the refused ones (see
 * normaliseItems). When the URL cannot be fetched, or gives no usable item, the items it gave
 * last time are resolved instead.
 * @throws OfflineReviewError 'storage-full', 'aborted' (from `fetch`); 'invalid-input' when the URL answered something
 * that is not a usable deck and nothing is cached (the server is reachable: saying "connect to
 * the internet" would be wrong); 'content-unavailable' when it could not be fetched and nothing
 * is cached.
 */
export async function loadDeck(url: string, source: DeckSource): Promise<NormalisedItems> {
  let deck: NormalisedItems;
  let failure: unknown = null;
  try {
    deck = normaliseItems(await source.fetch());
    if (deck.items.length > 0 || deck.refused.length === 0) {
      await source.cache(deck.items);
      await source.remember(deck.items.map((item) => item.id));
      return deck;
    }
    failure = refusedItemsError(deck.refused);
  } catch (error) {
    if (isOfflineReviewError(error, 'storage-full') || isOfflineReviewError(error, 'aborted')) throw error;
    failure = error;
  }
  const cached = await source.cached();
  if (cached.length > 0) return { items: cached, refused: [] };
  if (isOfflineReviewError(failure, 'invalid-input')) throw failure;
  throw new OfflineReviewError('content-unavailable', `Could not load items from ${url}, and none are cached.`, {
    details: { url },
    cause: failure,
  });
}
