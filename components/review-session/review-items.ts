/**
 * Reading review items from what a page gives: the JSON a CMS prints into a
 * `<script type="application/json">` child, or what a `src` URL returned. Anything that is not
 * a non-empty list of items is `invalid-input`, with details that say what is wrong.
 */
import { OfflineReviewError, type ReviewableContent } from '../../src/index.js';

/** The inline items' script element, a direct child of `host`, or null. */
export function inlineItemsScript(host: Element): HTMLScriptElement | null {
  return host.querySelector<HTMLScriptElement>(':scope > script[type="application/json"]');
}

/**
 * Parses the JSON text of an inline script.
 * @throws OfflineReviewError `invalid-input` when the text is not JSON or not a list of items.
 */
export function parseItems(text: string): ReviewableContent[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw invalid('The inline review items are not valid JSON.', { source: 'inline' }, cause);
  }
  return validateItems(json);
}

/**
 * Checks a list of items and fills in optional fields (`contentType` "card", `version` 1).
 * Prompts and answers stay plain text: the element renders them as text, never as HTML.
 * @throws OfflineReviewError `invalid-input` naming the first bad item.
 */
export function validateItems(json: unknown): ReviewableContent[] {
  const items = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json['items']) ? json['items'] : null;
  if (!items) throw invalid('Review items must be a JSON array.', { reason: 'not-array' });
  if (items.length === 0) throw invalid('There are no review items.', { reason: 'empty' });
  const seen = new Set<string>();
  return items.map((item: unknown, index: number): ReviewableContent => {
    if (!isRecord(item) || !nonEmptyString(item['id']) || typeof item['prompt'] !== 'string' || typeof item['answer'] !== 'string') {
      throw invalid(`Review item ${index} needs a string id, prompt and answer.`, { reason: 'bad-item', index });
    }
    if (seen.has(item['id'])) {
      throw invalid(`Review item id "${item['id']}" appears twice.`, { reason: 'duplicate-id', index, id: item['id'] });
    }
    seen.add(item['id']);
    const content: ReviewableContent = {
      id: item['id'],
      contentType: nonEmptyString(item['contentType']) ? item['contentType'] : 'card',
      prompt: item['prompt'],
      answer: item['answer'],
      version: typeof item['version'] === 'number' && Number.isFinite(item['version']) ? item['version'] : 1,
    };
    if (isRecord(item['extra'])) content.extra = item['extra'];
    return content;
  });
}

/** An `invalid-input` error: what the page gave cannot be reviewed. */
function invalid(message: string, details: Record<string, unknown>, cause?: unknown): OfflineReviewError {
  return new OfflineReviewError('invalid-input', message, { details, cause });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The engine methods that load items. */
export interface ItemLoader {
  loadContent(items: ReviewableContent[]): Promise<void>;
  loadContentFrom(url: string): Promise<unknown>;
}

/**
 * Items from `src` (through the engine: network, else its cache) or from `host`'s inline script
 * (cached through the engine too). Resolves the items and the inline text that was read.
 * @throws OfflineReviewError `invalid-input` (no or bad items), `content-unavailable` (src unreachable, nothing cached).
 */
export async function loadItems(
  engine: ItemLoader,
  host: Element,
  src: string,
): Promise<{ items: ReviewableContent[]; inlineText: string | null }> {
  if (src) {
    const url = new URL(src, host.ownerDocument.baseURI).href;
    return { items: validateItems(await engine.loadContentFrom(url)), inlineText: null };
  }
  const inlineText = inlineItemsScript(host)?.textContent ?? null;
  if (inlineText === null) {
    throw invalid('No items: set src or add a <script type="application/json"> child.', { reason: 'no-items' });
  }
  const items = parseItems(inlineText);
  await engine.loadContent(items);
  return { items, inlineText };
}
