/**
 * Which pages the worker may answer from its cache: those that showed the tags, and those the
 * site lists (the `pages` option). A worker at `/` sees every navigation of the site; any
 * other page (an account balance, a checkout) must reach the network exactly as it would
 * without a worker. Runs in the worker and in pages: the tags record their page
 * (components/shared/device-user.ts: a cache entry, so the worker still knows after a restart, and a
 * message, so a running worker knows at once).
 */
import { cacheNames } from './cache-names.js';

/**
 * The message a page posts its worker when it learns who is signed in (components/shared/device-user.ts):
 * the tags on every render, and a sign-out call.
 */
export interface ReviewPageMessage {
  type: 'offline-review:page';
  /** The page's URL (without its fragment). */
  url: string;
  /** The database of the page's tags: its signed-in user owns the cached copy. */
  dbName: string;
  /** The user the page shows (null: nobody); the caches of every other user go. */
  userId: string | null;
  /** True when the page showed the tags: a review page to keep for offline use. */
  record: boolean;
}

/** True for a {@link ReviewPageMessage} (a page may post anything). */
export function isReviewPageMessage(value: unknown): value is ReviewPageMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type, url, dbName, userId, record } = value as Partial<ReviewPageMessage>;
  return (
    type === 'offline-review:page' &&
    typeof url === 'string' &&
    typeof dbName === 'string' &&
    dbName !== '' &&
    (userId === null || (typeof userId === 'string' && userId !== '')) &&
    typeof record === 'boolean'
  );
}

/** The key of a page: its URL without the fragment (`#card-3` is the same page). */
export function pageKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/**
 * True when `url` matches one of the site's `patterns`: a path (`/decks/jp`), or a prefix
 * ending in `*` (`/decks/*`), on `origin`. The query is ignored for paths, kept for prefixes.
 */
export function matchesPagePattern(url: string, patterns: readonly string[], origin: string): boolean {
  const target = new URL(url);
  if (target.origin !== origin) return false;
  const path = target.pathname + target.search;
  return patterns.some((pattern) => (pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : target.pathname === pattern));
}

/** The worker's view of the review pages. */
export class ReviewPages {
  /** Resolves once the recorded list has been read (it never rejects). */
  readonly ready: Promise<void>;
  private readonly pages = new Map<string, string>();
  private readonly patterns: readonly string[];
  private readonly defaultDb: string;
  private readonly origin: string;
  private loaded = false;

  /** `patterns`: the site's list; `defaultDb`: the database of listed pages; `origin`: the worker's. */
  constructor(patterns: readonly string[], defaultDb: string, origin: string, storage: CacheStorage = caches) {
    this.patterns = patterns;
    this.defaultDb = defaultDb;
    this.origin = origin;
    this.ready = this.load(storage);
  }

  /**
   * For Workbox's synchronous route matching: false only when `url` is known not to be a
   * review page. Before the list is read (a worker just started for this very navigation)
   * the handler must wait for it, so true.
   */
  mayOwn(url: string): boolean {
    return !this.loaded || this.ownerOf(url) !== null;
  }

  /** The database whose user owns the cached copy of `url`, or null for a page not ours. */
  ownerOf(url: string): string | null {
    const key = pageKey(url);
    const recorded = this.pages.get(key);
    if (recorded) return recorded;
    return matchesPagePattern(key, this.patterns, this.origin) ? this.defaultDb : null;
  }

  /** Adds a page a running page told about. */
  add(url: string, dbName: string): void {
    this.pages.set(pageKey(url), dbName);
  }

  private async load(storage: CacheStorage): Promise<void> {
    try {
      const cache = await storage.open(cacheNames.reviewPages);
      for (const request of await cache.keys()) {
        const entry = (await (await cache.match(request))?.json()) as { dbName?: unknown } | undefined;
        if (typeof entry?.dbName === 'string' && !this.pages.has(request.url)) this.pages.set(request.url, entry.dbName);
      }
    } catch {
      // Unreadable: only the site's list applies until pages record themselves again.
    } finally {
      this.loaded = true;
    }
  }
}
