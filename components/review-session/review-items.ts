/**
 * Reading review items from what a page gives: the JSON a CMS prints into a
 * `<script type="application/json">` child, or what a `src` URL returned. Both go through the
 * core's one item normaliser: a bad item is left out and named in an `invalid-input` error,
 * and the rest of the deck stays usable. A deck with no usable item is `invalid-input`.
 */
import { OfflineReviewError } from '../../src/errors.js';
import type { ReviewableContent } from '../../src/types.js';
// From their own modules, not the records' index: the index names the answer and session
// tables too, which only the engine checks.
import { isRecordId } from '../../src/records/record-id.js';
import { normaliseItems, refusedItemsError } from '../../src/records/normalise-items.js';

/** The inline items' script element, a direct child of `host`, or null. */
export function inlineItemsScript(host: Element): HTMLScriptElement | null {
  return host.querySelector<HTMLScriptElement>(':scope > script[type="application/json"]');
}

/**
 * Parses the JSON text of an inline script.
 * @throws OfflineReviewError `invalid-input` when the text is not JSON.
 */
export function parseItemsJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw invalid('The inline review items are not valid JSON.', { source: 'inline' }, cause);
  }
}

/** An `invalid-input` error: what the page gave cannot be reviewed. */
function invalid(message: string, details: Record<string, unknown>, cause?: unknown): OfflineReviewError {
  return new OfflineReviewError('invalid-input', message, { details, cause });
}

/** The engine methods that load items. */
export interface ItemLoader {
  loadContent(items: ReviewableContent[]): Promise<void>;
  loadContentFrom(
    url: string,
    options?: { signal?: AbortSignal; onRefused?: (error: OfflineReviewError) => void },
  ): Promise<ReviewableContent[]>;
}

/** What loadItems resolves. */
export interface LoadedItems {
  /** The usable items, normalised (`contentType` and `version` filled in). */
  items: ReviewableContent[];
  /** The inline text that was read (null for `src`). */
  inlineText: string | null;
  /** Items left out, named in one `invalid-input` error; null when none was. */
  refused: OfflineReviewError | null;
}

/**
 * Items from `src` (through the engine: network, else its cache) or from `host`'s inline script
 * (cached through the engine too; with no engine, a first card read without it, not cached
 * here: the engine caches them when it arrives). `signal` cancels the fetch of `src`.
 * @throws OfflineReviewError `invalid-input` (no items, not a list, no usable item),
 * `content-unavailable` (src unreachable, nothing cached), `aborted`.
 */
export async function loadItems(engine: ItemLoader | null, host: Element, src: string, signal?: AbortSignal): Promise<LoadedItems> {
  let refused: OfflineReviewError | null = null;
  let items: ReviewableContent[];
  let inlineText: string | null = null;
  if (src) {
    const url = new URL(src, host.ownerDocument.baseURI).href;
    // Never without an engine: a `src` deck loads the engine before its first card.
    items = await engine!.loadContentFrom(url, { ...(signal ? { signal } : {}), onRefused: (error) => (refused = error) });
  } else {
    inlineText = inlineItemsScript(host)?.textContent ?? null;
    if (inlineText === null) {
      throw invalid('No items: set src or add a <script type="application/json"> child.', { reason: 'no-items' });
    }
    const deck = normaliseItems(parseItemsJson(inlineText));
    if (deck.refused.length > 0) {
      refused = refusedItemsError(deck.refused);
      if (deck.items.length === 0) throw refused;
    }
    items = deck.items;
  }
  if (items.length === 0) throw invalid('There are no review items.', { reason: 'empty' });
  if (!src) await engine?.loadContent(items);
  return { items, inlineText, refused };
}

/** Why there is no engine: no `user`, or a user id a server would refuse (named as `userId`). */
export function userError(user: string): OfflineReviewError {
  if (!user) return invalid('The user attribute is required.', { attribute: 'user' });
  return invalid(`The user id "${user}" is not an id.`, { attribute: 'user', key: 'userId', value: user });
}

/**
 * Refuses a `mode` or `schedule` attribute the element does not know; returns the mode.
 * @throws OfflineReviewError `invalid-input` naming the attribute.
 */
export function checkModes(mode: string, schedule: string): 'grade' | 'typed' {
  if (mode !== 'grade' && mode !== 'typed') throw invalid(`Unknown mode "${mode}".`, { attribute: 'mode', value: mode });
  if (schedule !== 'review' && schedule !== 'drill') throw invalid(`Unknown schedule "${schedule}".`, { attribute: 'schedule', value: schedule });
  return mode;
}

/**
 * Refuses a `deck` attribute a server would refuse as a session's deckId.
 * @throws OfflineReviewError `invalid-input` naming the attribute.
 */
export function checkDeckId(deck: string): void {
  if (!isRecordId(deck)) throw invalid(`The deck id "${deck}" is not an id.`, { attribute: 'deck', key: 'deckId', value: deck });
}
