/**
 * The one normaliser of review items, for inline decks and `src` decks alike: a list (or
 * `{ items: [...] }`) of objects checked against CONTENT_FIELDS, defaults filled in. A bad
 * item costs only itself: it is left out and named, and the rest of the deck stays usable.
 */
import { OfflineReviewError } from '../errors.js';
import type { ReviewableContent } from '../types.js';
import { checkRecord } from './check-record.js';
import { CONTENT_FIELDS } from './content-record.js';

/** An item that was left out, and why. */
export interface RefusedItem {
  /** Its position in the list. */
  index: number;
  /** Its id, when it has a string one. */
  id?: string;
  /** `duplicate-id`: an earlier item has the same id. `bad-item`: a field does not fit. */
  reason: 'bad-item' | 'duplicate-id';
  /** The field that does not fit ('' when the item is not an object). */
  field: string;
  problem: string;
}

/** The items that passed, and those left out. */
export interface NormalisedItems {
  items: ReviewableContent[];
  refused: RefusedItem[];
}

function listOf(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (typeof json === 'object' && json !== null && Array.isArray((json as { items?: unknown }).items)) {
    return (json as { items: unknown[] }).items;
  }
  return null;
}

/**
 * Checks every item of `json`. Resolves the good ones (normalised) and the refused ones.
 * @throws OfflineReviewError('invalid-input', details.reason 'not-array') when `json` is not a list.
 */
export function normaliseItems(json: unknown): NormalisedItems {
  const list = listOf(json);
  if (!list) {
    throw new OfflineReviewError('invalid-input', 'Review items must be a JSON array (or { "items": [...] }).', {
      details: { reason: 'not-array' },
    });
  }
  const items: ReviewableContent[] = [];
  const refused: RefusedItem[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const named = typeof rawId === 'string' ? { id: rawId } : {};
    const checked = checkRecord(CONTENT_FIELDS, raw);
    if (!checked.ok) {
      refused.push({ index, ...named, reason: 'bad-item', field: checked.field, problem: checked.problem });
    } else if (seen.has(checked.value.id)) {
      refused.push({ index, ...named, reason: 'duplicate-id', field: 'id', problem: 'appears twice' });
    } else {
      seen.add(checked.value.id);
      items.push(checked.value);
    }
  });
  return { items, refused };
}

/**
 * The `invalid-input` error that names refused items: details hold the first one's `reason`,
 * `index`, `id`, `field` and `problem`, and `refused`, all of them.
 */
export function refusedItemsError(refused: readonly RefusedItem[]): OfflineReviewError {
  const first = refused[0]!;
  const name = first.id === undefined ? `Review item ${first.index}` : `Review item "${first.id}"`;
  const more = refused.length > 1 ? ` (and ${refused.length - 1} more)` : '';
  const what = first.field ? `${first.field} ${first.problem}` : first.problem;
  return new OfflineReviewError('invalid-input', `${name}: ${what}${more}.`, {
    details: { ...first, refused: [...refused] },
  });
}

/**
 * normaliseItems for callers that give items in code: every item must pass.
 * @throws OfflineReviewError('invalid-input') naming the first refused item (refusedItemsError).
 */
export function requireItems(json: unknown): ReviewableContent[] {
  const { items, refused } = normaliseItems(json);
  if (refused.length > 0) throw refusedItemsError(refused);
  return items;
}
