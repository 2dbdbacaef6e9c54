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

const offers = new Map<string, OfferedOptions>();

/** The key of an offer: the registry's, one per database and user. */
function offerKey(options: Pick<OfflineReviewOptions, 'dbName' | 'userId'>): string {
  return `${options.dbName ?? DEFAULT_DB}\u0000${options.userId}`;
}

/**
 * Offers `options` for the engine of `identity`'s database and user, until the returned
 * function withdraws them (a later offer for the same pair replaces this one; withdrawing then
 * leaves the later one).
 */
export function offerOptions(identity: Pick<OfflineReviewOptions, 'dbName' | 'userId'>, options: OfferedOptions): () => void {
  const key = offerKey(identity);
  const offer = { ...options };
  offers.set(key, offer);
  return () => {
    if (offers.get(key) === offer) offers.delete(key);
  };
}

/** What is offered now for the engine of `identity`'s database and user, if anything. */
export function offeredOptions(identity: Pick<OfflineReviewOptions, 'dbName' | 'userId'>): OfferedOptions | undefined {
  return offers.get(offerKey(identity));
}

/**
 * `options` with what was offered for its database and user filled in where it gives no value
 * of its own: what an engine made now is made with.
 */
export function withOfferedOptions(options: OfflineReviewOptions): OfflineReviewOptions {
  const offer = offers.get(offerKey(options));
  if (!offer) return options;
  const filled: OfflineReviewOptions = { ...options };
  for (const key of ['apiBase', 'tokenUrl', 'headers'] as const) {
    if (filled[key] === undefined && offer[key] !== undefined) Object.assign(filled, { [key]: offer[key] });
  }
  return filled;
}
