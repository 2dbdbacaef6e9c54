/**
 * Options a tag offers for the engine of its database and user before the engine is made: its
 * `api-base` and sign-in attributes (`token-url`, `csrf-*`). `<sync-indicator>` paints before it imports the
 * engine, so a page script's `OfflineReview.for({ userId, dbName })` may come first and make
 * the engine; the registry (engine-registry.ts) then fills in what the tags offered, so that
 * engine syncs and signs in as the tags say (docs/design.md, "Loading"). An option the script gives
 * itself still wins. This module imports nothing of the engine: the indicator's first chunk
 * holds it, and the engine's chunk reads the same instance.
 */
import type { OfflineReviewOptions } from './engine-options.js';

/** What a tag can offer: where the engine syncs and how it signs in. */
export type OfferedOptions = Pick<OfflineReviewOptions, 'apiBase' | 'tokenUrl' | 'headers'>;

// The same default as engine-options.ts's DEFAULT_DB_NAME, which this module does not import
// (that module pulls in the HTTP client).
const DEFAULT_DB = 'offline-review';

const KEYS = ['apiBase', 'tokenUrl', 'headers'] as const;

/** The live offers of each database and user, the newest first. */
const offers = new Map<string, OfferedOptions[]>();

/** The key of an offer: the registry's, one per database and user. */
function offerKey(options: Pick<OfflineReviewOptions, 'dbName' | 'userId'>): string {
  return `${options.dbName ?? DEFAULT_DB}\u0000${options.userId}`;
}

/**
 * Offers `options` for the engine of `identity`'s database and user, until the returned
 * function withdraws them. Several tags may offer at once (an indicator and a review): each
 * option comes from the newest offer that gives it, and a withdrawal takes back only its own
 * offer, so the others' still stand.
 */
export function offerOptions(identity: Pick<OfflineReviewOptions, 'dbName' | 'userId'>, options: OfferedOptions): () => void {
  const key = offerKey(identity);
  const offer = { ...options };
  offers.set(key, [offer, ...(offers.get(key) ?? [])]);
  return () => offers.set(key, offers.get(key)!.filter((live) => live !== offer));
}

/** What is offered now for the engine of `identity`'s database and user: each option from the newest offer that gives it. */
export function offeredOptions(identity: Pick<OfflineReviewOptions, 'dbName' | 'userId'>): OfferedOptions {
  const offered: OfferedOptions = {};
  for (const offer of offers.get(offerKey(identity)) ?? []) for (const key of KEYS) if (offer[key] !== undefined) offered[key] ??= offer[key] as never;
  return offered;
}

/**
 * `options` with what was offered for its database and user filled in where it gives no value
 * of its own: what an engine made now is made with.
 */
export function withOfferedOptions(options: OfflineReviewOptions): OfflineReviewOptions {
  return { ...offeredOptions(options), ...options };
}
