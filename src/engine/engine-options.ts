/**
 * The options of `OfflineReview.for` and the rule that decides whether a second `for()` may
 * share the engine the first one made: every option the second call gives must be the one the
 * engine runs with. An option it leaves out is "whatever the engine has", so the tags (which
 * give only the user, API base and database) share an engine that a site made with headers.
 */
import { DEFAULT_TIMEOUT_MS } from '../client/timeout.js';
import type { SyncQueueOptions } from '../sync/sync-queue.js';

/** Options of `OfflineReview.for`. */
export interface OfflineReviewOptions {
  /** The signed-in user. */
  userId: string;
  /** IndexedDB database name. Default 'offline-review'. */
  dbName?: string;
  /** The IndexedDB factory, e.g. a Storage Bucket's `indexedDB`; default the global one. */
  indexedDB?: IDBFactory;
  /** Protocol base URL. Default '/api/review'. */
  apiBase?: string;
  /** Drain on writes, `online`, page visible, an interval and startup. Default true. */
  autoSync?: boolean;
  /** The auto-sync interval. Default 30 s. */
  syncIntervalMs?: number;
  /** Request timeout. Default 15 s. */
  timeoutMs?: number;
  /**
   * Extra request headers (a CSRF token, say), read before each request. A second `for()`
   * shares the engine only with the same function (not a copy of it).
   */
  headers?: () => HeadersInit | Promise<HeadersInit>;
  /**
   * The host site's token URL (`token-url` on the tags): the engine, and the worker, fetch a
   * JWT for the learner from it with the site's cookies and send it as `Authorization: Bearer`.
   */
  tokenUrl?: string;
  /** Sync tuning (batch sizes, retries, delays); tests make the delays small. */
  syncTuning?: Omit<SyncQueueOptions, 'storage' | 'client' | 'userId' | 'dbName'>;
}

/** What the worker reads from meta 'config' to drain the same queue. */
export interface EngineConfig {
  apiBase: string;
  userId: string;
  dbName: string;
  /** The site's token URL, when it signs in with tokens: the worker fetches tokens too. */
  tokenUrl?: string;
}

/** The default database name. */
export const DEFAULT_DB_NAME = 'offline-review';
/** The default protocol base URL. */
export const DEFAULT_API_BASE = '/api/review';
/** The default auto-sync interval. */
export const DEFAULT_SYNC_INTERVAL_MS = 30_000;

/** The key of the engine registry: one engine per database and user. */
export function engineKey(options: Pick<OfflineReviewOptions, 'dbName' | 'userId'>): string {
  return `${options.dbName ?? DEFAULT_DB_NAME}\u0000${options.userId}`;
}

/** Options with the defaults that identify an engine filled in. */
function identity(options: OfflineReviewOptions): OfflineReviewOptions {
  return {
    ...options,
    dbName: options.dbName ?? DEFAULT_DB_NAME,
    apiBase: options.apiBase ?? DEFAULT_API_BASE,
    autoSync: options.autoSync ?? true,
    syncIntervalMs: options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/**
 * The first option that `next` gives with another value than the engine made with `made` has,
 * or null when the engine can serve `next` as it is. Functions and factories compare by
 * identity, tuning key by key.
 */
export function conflictingOption(made: OfflineReviewOptions, next: OfflineReviewOptions): string | null {
  const had = identity(made);
  for (const key of Object.keys(next) as Array<keyof OfflineReviewOptions>) {
    const value = next[key];
    if (value === undefined) continue;
    if (key === 'syncTuning') {
      const tuning = had.syncTuning ?? {};
      const given = value as NonNullable<OfflineReviewOptions['syncTuning']>;
      for (const name of Object.keys(given) as Array<keyof typeof given>) {
        if (given[name] !== undefined && given[name] !== tuning[name]) return `syncTuning.${name}`;
      }
      continue;
    }
    if (value !== had[key]) return key;
  }
  return null;
}
