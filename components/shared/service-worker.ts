/**
 * Registers the site's service worker for a tag's `sw` attribute. The page side of the worker
 * (sw/register.ts, workbox-window) is imported only when a tag asks for it, so pages without a
 * worker never evaluate it.
 */
import type { OfflineReview } from '../../src/index.js';

/** Worker URL + database pairs already registered in this page: several tags register once. */
const registered = new Map<string, Promise<unknown>>();

/**
 * Registers `url` for `engine` (which learns about waiting updates through it).
 * Resolves with sw/register.ts's handle once that module is loaded (its `registration` says
 * whether registering worked); rejects only when the module cannot be loaded.
 */
export function registerWorker(engine: OfflineReview, url: string): Promise<unknown> {
  const key = `${new URL(url, document.baseURI).href}\u0000${engine.dbName}`;
  let pending = registered.get(key);
  if (!pending) {
    pending = import('../../sw/register.js').then((module) => module.registerServiceWorker(engine, url));
    registered.set(key, pending);
  }
  return pending;
}
