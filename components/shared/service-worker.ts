/**
 * Registers the site's service worker for a tag's `sw` attribute. The page side of the worker
 * (sw/register.ts, workbox-window: the update flow) is a chunk of its own, imported only when a
 * tag asks for it and only once the page has loaded and the browser is idle, so that it never competes with the first
 * card for the network or the main thread (docs/design.md, "Loading").
 */
import type { OfflineReview } from '../../src/index.js';

/** Worker URL + database pairs already registered in this page: several tags register once. */
const registered = new Map<string, Promise<unknown>>();

/** Resolves once the page's `load` event has fired and the browser is next idle (a task later where it cannot say). */
function pageLoaded(): Promise<void> {
  const loaded =
    document.readyState === 'complete' ? Promise.resolve() : new Promise<void>((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
  return loaded.then(
    () => new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 2000 }) : setTimeout(resolve))),
  );
}

/**
 * Registers `url` for `engine` (which learns about waiting updates through it), after the
 * page's `load` event, when the browser is idle. Resolves with sw/register.ts's handle once that module is loaded (its
 * `registration` says whether registering worked); rejects only when the module cannot be loaded.
 */
export function registerWorker(engine: OfflineReview, url: string): Promise<unknown> {
  const key = `${new URL(url, document.baseURI).href}\u0000${engine.dbName}`;
  let pending = registered.get(key);
  if (!pending) {
    pending = pageLoaded()
      .then(() => import('../../sw/register.js'))
      .then((module) => module.registerServiceWorker(engine, url));
    registered.set(key, pending);
  }
  return pending;
}
