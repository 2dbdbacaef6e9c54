/**
 * One drainer per origin. Whoever holds the Web Lock `offline-review-sync:<dbName>` (a tab or
 * the service worker) drains; the others skip rather than queue up behind it, because the
 * holder drains everything that is due and tells them over the BroadcastChannel when it is done.
 *
 * Where `navigator.locks` is missing (old browsers, some embedded webviews), a lock held in
 * this context's memory keeps two drains of this context apart, and the queue entries' leases
 * keep two contexts apart: an entry leased by one drainer is not leased again until its lease
 * runs out.
 */

/** The name of the lock for a database. */
export function drainLockName(dbName: string): string {
  return `offline-review-sync:${dbName}`;
}

/** What `withDrainLock` did. */
export type DrainLockResult<T> = { acquired: true; value: T } | { acquired: false };

/** The part of `LockManager` used here. */
export interface DrainLockManager {
  request<T>(
    name: string,
    options: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<T> | T,
  ): Promise<T>;
}

const heldInThisContext = new Set<string>();

/** The browser's lock manager, or null where there is none (page or worker alike). */
export function defaultLockManager(): DrainLockManager | null {
  const nav = (globalThis as { navigator?: { locks?: DrainLockManager } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null;
}

/**
 * Runs `work` while holding the drain lock `name`, unless someone holds it already.
 * Resolves `{ acquired: false }` without running `work` when the lock is taken; otherwise
 * `{ acquired: true, value }`. Rejects with whatever `work` rejects with (the lock is released).
 * `locks: null` uses the in-context fallback.
 */
export async function withDrainLock<T>(
  name: string,
  work: () => Promise<T>,
  locks: DrainLockManager | null = defaultLockManager(),
): Promise<DrainLockResult<T>> {
  if (locks) {
    return locks.request<DrainLockResult<T>>(name, { ifAvailable: true }, async (lock) => {
      if (!lock) return { acquired: false };
      return { acquired: true, value: await work() };
    });
  }
  if (heldInThisContext.has(name)) return { acquired: false };
  heldInThisContext.add(name);
  try {
    return { acquired: true, value: await work() };
  } finally {
    heldInThisContext.delete(name);
  }
}
