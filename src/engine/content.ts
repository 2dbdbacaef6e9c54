/**
 * Items for a deck: checked before they are cached, and found again offline by the URL they
 * came from (the meta store remembers which ids a URL gave).
 */
import { OfflineReviewError } from '../errors.js';
import type { ReviewableContent } from '../types.js';

/** The meta key under which the ids a `src` URL gave are remembered. */
export function contentSourceKey(url: string): string {
  return `content-src:${url}`;
}

function isContent(value: unknown): value is ReviewableContent {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item['id'] === 'string' &&
    item['id'] !== '' &&
    typeof item['contentType'] === 'string' &&
    typeof item['prompt'] === 'string' &&
    typeof item['answer'] === 'string' &&
    typeof item['version'] === 'number' &&
    Number.isFinite(item['version']) &&
    (item['extra'] === undefined || (typeof item['extra'] === 'object' && item['extra'] !== null))
  );
}

/**
 * Checks a list of items (an array, or `{ items: [...] }`). Resolves the items; throws
 * OfflineReviewError(`code`) naming the first bad index.
 */
export function parseContentList(
  json: unknown,
  code: 'invalid-input' | 'invalid-response' = 'invalid-response',
): ReviewableContent[] {
  const list = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null && Array.isArray((json as { items?: unknown }).items)
      ? (json as { items: unknown[] }).items
      : null;
  if (!list) throw new OfflineReviewError(code, 'Expected a list of items.', { details: { received: typeof json } });
  const bad = list.findIndex((item) => !isContent(item));
  if (bad >= 0) {
    throw new OfflineReviewError(code, `Item ${bad} is not valid content (id, contentType, prompt, answer, version).`, {
      details: { index: bad },
    });
  }
  return list as ReviewableContent[];
}
