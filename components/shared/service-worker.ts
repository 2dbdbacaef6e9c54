/**
 * Registers the site's service worker for a tag's `sw` attribute. The page side of the worker
 * (sw/register.ts, workbox-window: the update flow) is a chunk of its own, imported only when a
 * tag asks for it and only once the page has loaded and the browser is idle, so that it never competes with the first
 * card for the network or the main thread (docs/design.md, "Loading").
 */
import type { OfflineReview } from '../../src/index.js';
import { pageLoadedAndIdle } from './idle.js';

/** Worker URL + database pairs already registered in this page: several tags register once. */
const registered = new Map<string, Promise<unknown>>();

/**
 * Registers `url` for `engine` (which learns about waiting updates through it), after the
 * page's `load` event, when the browser is idle. Resolves with sw/register.ts's handle once that module is loaded (its
 * `registration` says whether registering worked); rejects only when the module cannot be loaded.
 */
export function registerWorker(engine: OfflineReview, url: string): Promise<unknown> {
  const key = `${new URL(url, document.baseURI).href}\u0000${engine.dbName}`;
  let pending = registered.get(key);
  if (!pending) {
    pending = pageLoadedAndIdle()
      .then(() => import('../../sw/register.js'))
      .then((module) => module.registerServiceWorker(engine, url));
    registered.set(key, pending);
  }
  return pending;
}
