/**
 * The rules of the caches that hold a user's own answers (their pages and their API reads):
 * what may be stored, how many entries are kept, and how they are deleted without a write in
 * flight bringing them back. Runs in the worker; the pure parts are tested in pages.
 *
 * Why not workbox-expiration here: its `expireEntries()` always calls `caches.open(name)`,
 * which creates the cache again when a sign-out has just deleted it, and it runs unawaited
 * (when a cached answer is used, and as a re-run), so nothing can wait for it. The signed-out
 * user's cache then came back, empty, and its IndexedDB metadata kept the user's URLs. The
 * trimming below runs inside the strategy's own `cacheDidUpdate`, which the handler's `done`
 * promise covers, and keeps no metadata.
 */
import type { WorkboxPlugin } from 'workbox-core/types.js';

/**
 * True for an answer the worker may keep: a complete 200 (not opaque, not an error) that the
 * site did not mark `no-store` or `private`. Such a page is then not available offline: that
 * is the site's call.
 */
export function isStorable(response: Response): boolean {
  if (response.status !== 200) return false;
  return !/(?:^|[\s,])(?:no-store|private)(?:$|[\s,=])/i.test(response.headers.get('Cache-Control') ?? '');
}

/** Workbox plugin: stores only what {@link isStorable} allows. */
export const storableOnly: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => (isStorable(response) ? response : null),
};

/**
 * Workbox plugin: keeps the newest `maxEntries` entries of the cache it writes, and does not
 * answer from an entry whose `Date` is older than `maxAgeSeconds`.
 */
export function trimPlugin(maxEntries: number, maxAgeSeconds: number): WorkboxPlugin {
  return {
    cacheDidUpdate: async ({ cacheName }) => {
      const cache = await caches.open(cacheName);
      const keys = await cache.keys(); // in insertion order: the oldest first
      for (const request of keys.slice(0, Math.max(0, keys.length - maxEntries))) await cache.delete(request);
    },
    cachedResponseWillBeUsed: async ({ cachedResponse }) => {
      const date = Date.parse(cachedResponse?.headers.get('Date') ?? '');
      return cachedResponse && !(date < Date.now() - maxAgeSeconds * 1000) ? cachedResponse : null;
    },
  };
}

/**
 * Whether `userId` (null: nobody) owns a cache, from the user the configuration names now
 * (`configured`, as `configuredUser` reads it): true or false, or null when the configuration
 * cannot be read now (then it is not known: nothing is written, nothing deleted).
 */
export function isOwner(configured: string | null | undefined, userId: string | null): boolean | null {
  return configured === undefined ? null : configured === userId;
}

/**
 * Workbox plugin for `cacheName`, a cache of one user's: a write happens only while `stillOwner()` (the
 * stored configuration, read afresh) says that user is signed in, and once the strategy is done
 * (its writes landed or failed) the cache is deleted if they no longer are. Sign-out forgets the
 * user in the configuration before any cache is deleted, so whichever deletes them (the worker,
 * or a page that did not get its answer in time) and however long a write was in flight, a
 * write that lands after the deletion (or a put that failed after opening the cache by name,
 * which re-creates it) is undone by its own check: the signed-out user's cache never stays.
 * When `stillOwner()` cannot tell (null: the configuration is unreadable for now, e.g. a
 * blocked upgrade), the write is skipped and nothing is deleted: an unreadable configuration
 * is not a sign-out, and the signed-in user keeps their offline copies.
 */
export function ownerOnly(
  cacheName: string,
  stillOwner: () => Promise<boolean | null>,
  drop: (name: string) => Promise<unknown> = (name) => caches.delete(name),
): WorkboxPlugin {
  return {
    cacheWillUpdate: async ({ response }) => ((await stillOwner()) === true ? response : null),
    handlerDidComplete: async () => {
      if ((await stillOwner()) === false) await drop(cacheName);
    },
  };
}

/**
 * The worker's writes to the per-user caches, so that a deletion runs only when none is in
 * flight (a write that lands after `caches.delete` creates the cache again).
 */
export class CacheWrites {
  private readonly pending = new Set<Promise<unknown>>();
  /** Caches that a write's own check deleted (its user had signed out), not yet reported. */
  private readonly dropped = new Set<string>();

  constructor(private readonly storage: CacheStorage = caches) {}

  /**
   * Deletes `name`, a cache whose user a write found signed out (`ownerOnly`'s check). The
   * deletion that sign-out asks for reports it: it was deleted because of that sign-out, only
   * sooner, by the read that was still finishing when the user was forgotten.
   */
  async drop(name: string): Promise<void> {
    if (await this.storage.delete(name)) this.dropped.add(name);
  }

  /** Counts `work` as in flight until it settles; resolves (or rejects) as `work` does. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  /**
   * Runs `remove` once no write is in flight, and again while writes started during it
   * (they may have re-created what it deleted). Resolves the names deleted, each once: those
   * `remove` deleted, and those that `covers` and a write's own check deleted ({@link drop}),
   * whichever came first.
   */
  async deleteSettled(remove: () => Promise<string[]>, covers: (name: string) => boolean = () => false): Promise<string[]> {
    const deleted = new Set<string>();
    do {
      while (this.pending.size > 0) await Promise.all([...this.pending]);
      for (const name of await remove()) deleted.add(name);
    } while (this.pending.size > 0);
    for (const name of this.dropped) {
      if (!covers(name)) continue;
      deleted.add(name);
      this.dropped.delete(name);
    }
    return [...deleted];
  }
}
