/**
 * The derivation chunk (derivation.ts) on demand: ts-fsrs, the merge rules and the
 * transactions that derive. A first card is read from stored states without it
 * (card-state-reads.ts); storage loads it BEFORE it opens a transaction that derives, since
 * an IndexedDB transaction commits by itself while a chunk is fetched, and the review tag
 * loads it once its first card shows, for the interval labels and the next state of a graded card.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { OfflineReviewError } from '../errors.js';
import type { ReviewDB } from './schema.js';

/** What the derivation chunk exports. */
export type Derivation = typeof import('./derivation.js');

/** The stores a derivation reads and writes. */
export const DERIVE_STORES = ['answers', 'retractions', 'statistics', 'progress', 'cardStates', 'meta'] as const;

/** A read-write transaction over at least DERIVE_STORES. */
export type DeriveTx = IDBPTransaction<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'readwrite'>;

let loaded: Derivation | null = null;
let loading: Promise<Derivation> | null = null;

/**
 * Resolves the derivation chunk, importing it on the first call (one import for every caller).
 * Rejects with `content-unavailable` (`details.chunk` is 'derivation', the import's error its
 * cause) when it cannot be loaded: offline before the worker cached it, or deleted by a newer
 * build. Nothing was written then; the next call imports again (Firefox keeps a module whose
 * fetch failed failed for the page: there only a reload brings it).
 */
export function loadDerivation(): Promise<Derivation> {
  loading ??= import('./derivation.js').then(
    (module) => (loaded = module),
    (cause: unknown) => {
      loading = null;
      throw new OfflineReviewError('content-unavailable', 'The scheduler could not be loaded.', { details: { chunk: 'derivation' }, cause });
    },
  );
  return loading;
}

/** The derivation chunk if it has been loaded, else null (nothing is imported). */
export function loadedDerivation(): Derivation | null {
  return loaded;
}
