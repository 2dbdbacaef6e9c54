/**
 * The service worker (docs/service-worker.md), bundled with Workbox into one classic
 * script, `dist/sw/offline-review-sw.js`, that a site's one-line worker file `importScripts()`.
 *
 * This file is wiring only: what it decides lives in modules the page-side tests exercise
 * (cache names, options, API cache routing, the offline page, the drain). It runs only inside
 * the worker, which the browser runner's coverage cannot see; tests under test/sw/ drive it
 * through a real registration instead.
 */
import { registerQuotaErrorCallback, setCacheNameDetails } from 'workbox-core';
import { precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, StaleWhileRevalidate, type Strategy } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { ApiCacheRouter } from './api-cache.js';
import {
  cacheNames,
  deleteApiCaches,
  deleteOutdatedCaches,
  deletePageCaches,
  deleteSignedOutCaches,
  isSignedOutCache,
  pagesCacheName,
  workboxCacheNameDetails,
} from './cache-names.js';
import { cacheOfflinePage, offlineFallback } from './offline-page.js';
import { assetKind, parseWorkerOptions, scriptUrlFromStack, SYNC_TAG } from './options.js';
import { isReviewPageMessage, ReviewPages } from './review-pages.js';
import { CacheWrites, isOwner, isStorable, ownerOnly, storableOnly, trimPlugin } from './user-caches.js';
import { configuredUser, readSignInState, readWorkerConfig } from './worker-config.js';
import { drainDatabases, isWorkerMessage, type WorkerReply } from './worker-sync.js';

// `self.__WB_MANIFEST` (typed by workbox-precaching) is replaced at build time by the precache
// manifest: sw/build-plugins.mjs.
declare const self: ServiceWorkerGlobalScope;

/** Background Sync's event; TypeScript's WebWorker lib does not have it. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

const DAY = 24 * 60 * 60;
const options = parseWorkerOptions(self.location.href);
// The widget's files are published beside this bundle (dist/sw/ → dist/cdn/), which may be on
// a CDN while the one-line file that imports it is on the site: resolve against the bundle.
const bundleUrl = scriptUrlFromStack(new Error().stack, self.location.href);
// Every write to a user's cache is tracked, so that their deletion waits for it (user-caches.ts).
const writes = new CacheWrites();
/** Deletes a database's caches of every user but `keepUserId`, once no write is in flight. */
const forgetOthers = (dbName: string, keepUserId: string | null): Promise<string[]> =>
  writes.deleteSettled(async () => [
    ...(await deleteApiCaches(dbName, { keepUserId })),
    ...(await deletePageCaches(dbName, { keepUserId })),
  ]);
// Not awaited in the handler that noticed the change: the deletion waits for that handler's own write.
const apiCaches = new ApiCacheRouter(options.dbNames, self.location.origin, readWorkerConfig, async (dbName, keepUserId) => {
  void forgetOthers(dbName, keepUserId);
});
/** Whether `userId` is still the user of `dbName`: null when the configuration is unreadable now. */
const stillUser = async (dbName: string, userId: string | null): Promise<boolean | null> => isOwner(await configuredUser(dbName), userId);
const reviewPages = new ReviewPages(options.pages, options.dbNames[0]!, self.location.origin);
// A worker restarted after being idle does not activate again: learn the API bases now, so
// that route matching is precise from the first requests on.
void apiCaches.refresh();

/** Caches only complete same-origin or CORS answers: opaque ones cost quota and may be errors. */
const okOnly: WorkboxPlugin = { cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null) };

setCacheNameDetails(workboxCacheNameDetails);
precacheAndRoute(
  self.__WB_MANIFEST.map((entry) =>
    typeof entry === 'string' ? new URL(entry, bundleUrl).href : { ...entry, url: new URL(entry.url, bundleUrl).href },
  ),
);

// Pages: only review pages (they showed the tags, or the site lists them); every other
// navigation is not matched, so the browser handles it exactly as without a worker. A review
// page: the network when it answers in time, else the copy cached for the signed-in user,
// else an offline page.
const pageStrategies = new Map<string, Strategy>();
registerRoute(
  // Not a navigation to the API (a JSON answer is not a page, and is per user).
  ({ request, url }) => request.mode === 'navigate' && !apiCaches.isKnownApi(url.href) && reviewPages.mayOwn(url.href),
  async ({ request, event, url }) => {
    await reviewPages.ready;
    const dbName = reviewPages.ownerOf(url.href);
    // Only while a just-started worker was reading its list: not ours, straight to the network.
    if (!dbName) return fetch(request);
    // Unreadable now: nobody's cache, which its own check then neither writes nor deletes.
    const userId = (await configuredUser(dbName)) ?? null;
    const cacheName = pagesCacheName(dbName, userId);
    let strategy = pageStrategies.get(cacheName);
    if (!strategy) {
      strategy = new NetworkFirst({
        cacheName,
        networkTimeoutSeconds: options.navigationTimeoutSeconds,
        plugins: [
          storableOnly,
          trimPlugin(50, 30 * DAY),
          ownerOnly(cacheName, () => stillUser(dbName, userId), (name) => writes.drop(name)),
          { handlerDidError: () => offlineFallback(options.offlinePage, cacheNames.pages) },
        ],
      });
      pageStrategies.set(cacheName, strategy);
    }
    const [response, done] = strategy.handleAll({ request, event });
    void writes.track(done);
    return response;
  },
);

// Scripts and styles: answer from the cache at once, refresh behind; images and fonts: cache.
// Before the API route, whose first sieve takes same-origin fetch() calls.
// Trimmed by the worker itself (user-caches.ts), not by workbox-expiration: its IndexedDB
// bookkeeping runs partly outside any event's lifetime, and in WebKit a worker stopped in the
// middle of it left the shared store stuck, so every later worker's static files never
// finished, and an accepted update never activated behind them (docs/testing.md).
registerRoute(
  ({ request }) => assetKind(request) === 'asset',
  new StaleWhileRevalidate({ cacheName: cacheNames.assets, plugins: [okOnly, trimPlugin(100, 30 * DAY)] }),
);
registerRoute(
  ({ request }) => assetKind(request) === 'media',
  new CacheFirst({ cacheName: cacheNames.media, plugins: [okOnly, trimPlugin(200, 60 * DAY)] }),
);
// A write refused for lack of room: the static files go first (they come back from the network).
registerQuotaErrorCallback(() => Promise.all([caches.delete(cacheNames.assets), caches.delete(cacheNames.media)]));

// API reads: per-user caches; writes are never routed here (GET only) and never replayed.
const apiStrategies = new Map<string, Strategy>();
registerRoute(
  ({ request }) => apiCaches.mayMatch(request),
  async ({ request, event }) => {
    const target = await apiCaches.resolve(request.url);
    if (!target) return fetch(request);
    let strategy = apiStrategies.get(target.cacheName);
    if (!strategy) {
      strategy = new NetworkFirst({
        cacheName: target.cacheName,
        networkTimeoutSeconds: options.apiTimeoutSeconds,
        // okOnly, not storableOnly: the protocol's answers say no-store to keep them out of
        // shared HTTP caches; this cache is the user's own and goes at sign-out.
        plugins: [
          okOnly,
          trimPlugin(200, 30 * DAY),
          ownerOnly(target.cacheName, () => stillUser(target.dbName, target.userId), (name) => writes.drop(name)),
        ],
      });
      apiStrategies.set(target.cacheName, strategy);
    }
    const [response, done] = strategy.handleAll({ request, event });
    void writes.track(done);
    return response;
  },
);

/** Drains every known database and tells the pages; failures are left to the next trigger. */
function drainAll(): Promise<boolean> {
  return drainDatabases(options.dbNames, self.clients);
}

/**
 * Caches `url`, a review page of `dbName`, for `userId` (null: nobody), unless it is there
 * already. The page that named the user is newer than the configuration (the new user's engine
 * may not have stored it yet), so the configuration may still name the user before, or nobody;
 * the write stands unless it changes meanwhile to another user, or a sign-out is recorded (its
 * deletion may have run first, even when the configuration named nobody all along). When the
 * state cannot be read, nothing is written and nothing deleted.
 */
async function cacheReviewPage(url: string, dbName: string, userId: string | null): Promise<void> {
  const cacheName = pagesCacheName(dbName, userId);
  if (await caches.match(url, { cacheName })) return;
  const before = await readSignInState(dbName);
  const stands = async (): Promise<boolean | null> => {
    const now = await readSignInState(dbName);
    if (!before || !now) return null;
    return now.signOuts === before.signOuts && [before.userId, userId].includes(now.userId);
  };
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (isStorable(response) && (await stands()) === true) await (await caches.open(cacheName)).put(url, response);
  } catch {
    // Offline or refused: the page route caches it on its next visit.
  } finally {
    // Also after a put that failed: opening the cache by name made it again.
    if ((await stands()) === false) await caches.delete(cacheName);
  }
}

/**
 * Caches the review pages open right now. The page that registered the worker was loaded
 * before any worker could see it, so without this it would not be there offline until the
 * learner opened it a second time. Failures are ignored: it is a head start, not a requirement.
 */
async function cacheOpenPages(): Promise<void> {
  await reviewPages.ready;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  await Promise.all(
    windows.map((client) => {
      const dbName = reviewPages.ownerOf(client.url);
      // Only review pages of this worker's scope: it will never be asked for the others.
      if (!dbName || !client.url.startsWith(self.registration.scope)) return undefined;
      return readWorkerConfig(dbName).then((config) => cacheReviewPage(client.url, dbName, config?.userId ?? null));
    }),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(Promise.all([cacheOfflinePage(options.offlinePage, cacheNames.pages), writes.track(cacheOpenPages())]));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(Promise.all([deleteOutdatedCaches(), self.clients.claim(), apiCaches.refresh()]));
  // Not inside waitUntil: fetches wait for activation to finish, and a drain may take a while.
  void drainAll();
});

self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag !== SYNC_TAG) return;
  // Rejecting asks the browser to fire the event again later (until its last chance).
  event.waitUntil(
    drainAll().then((retry) => {
      if (retry && !event.lastChance) throw new Error('offline-review: entries still waiting for the network');
    }),
  );
}) as EventListener);

self.addEventListener('message', (event) => {
  const message: unknown = event.data;
  if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'SKIP_WAITING') {
    // workbox-window's messageSkipWaiting(): the user accepted the update.
    event.waitUntil(self.skipWaiting());
    return;
  }
  if (isReviewPageMessage(message)) {
    // A page says who is signed in: every other user's caches go (after the writes in flight),
    // then the page is kept for that user, from the same cookie the page was rendered with.
    const { url, dbName, userId, record } = message;
    if (record) reviewPages.add(url, dbName);
    const work = forgetOthers(dbName, userId).then(async (deleted) => {
      if (record && url.startsWith(self.registration.scope)) await writes.track(cacheReviewPage(url, dbName, userId));
      event.ports[0]?.postMessage({ ok: true, deleted });
    });
    event.waitUntil(work.catch((error: unknown) => event.ports[0]?.postMessage({ ok: false, error: String(error) })));
    return;
  }
  if (!isWorkerMessage(message)) return;
  const reply = (value: WorkerReply): void => event.ports[0]?.postMessage(value);
  apiCaches.addDatabase(message.dbName);
  if (!options.dbNames.includes(message.dbName)) options.dbNames.push(message.dbName);
  let work: Promise<WorkerReply>;
  if (message.type === 'sign-out') {
    const { dbName, userId } = message;
    work = writes
      .deleteSettled(
        () => deleteSignedOutCaches(dbName, userId),
        (name) => isSignedOutCache(name, dbName, userId),
      )
      .then((deleted) => ({ ok: true, deleted }));
  } else if (message.type === 'sync') {
    work = drainDatabases([message.dbName], self.clients).then(() => ({ ok: true }));
  } else {
    work = apiCaches.refresh().then(() => ({ ok: true }));
  }
  event.waitUntil(work.then(reply, (error: unknown) => reply({ ok: false, error: String(error) })));
});
