/**
 * Who is signed in on this device, as the pages say it: the tags announce their user (or
 * nobody) each time they render, and the CDN file's `signOut()` announces nobody. A change
 * deletes the other users' cached pages and API reads, so that on a shared device the next
 * person never gets the previous learner's page (nor answers as them). The previous user's
 * queued answers stay in IndexedDB, under their id, and are sent when they sign in again.
 * Runs in pages.
 */
import { cacheNames, deleteApiCaches, deletePageCaches } from '../../sw/cache-names.js';
import { DEFAULT_DB_NAME } from '../../sw/options.js';
import { pageKey, type ReviewPageMessage } from '../../sw/review-pages.js';
import { recordSignOut } from '../../sw/worker-config.js';

/** How long a page waits for the worker's answer before it deletes the caches itself. */
const WORKER_REPLY_MS = 10_000;

/** Posts `message` to `worker`; resolves its reply, or null without one within WORKER_REPLY_MS. */
function post(worker: ServiceWorker, message: ReviewPageMessage): Promise<{ deleted?: string[] } | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), WORKER_REPLY_MS);
    channel.port1.onmessage = (event: MessageEvent<{ deleted?: string[] }>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/** Resolves `worker` once it is activated, or null if it becomes redundant first. */
function whenActivated(worker: ServiceWorker): Promise<ServiceWorker | null> {
  return new Promise((resolve) => {
    const check = () => {
      if (worker.state !== 'activated' && worker.state !== 'redundant') return;
      worker.removeEventListener('statechange', check);
      resolve(worker.state === 'activated' ? worker : null);
    };
    worker.addEventListener('statechange', check);
    check();
  });
}

/**
 * Posts `message` to the worker that controls `url`; resolves its reply, or null without an
 * active one. On a first visit the worker is still installing when the tags render: the message
 * then goes to it once it is active (or, with no registration yet, to the page's worker when it
 * is ready), so the page is kept for offline use on this visit, not only after the next online
 * one. Those late replies are not awaited: the caller has already deleted the caches itself.
 */
async function askWorker(url: string, message: ReviewPageMessage): Promise<{ deleted?: string[] } | null> {
  const container = navigator.serviceWorker;
  if (!container) return null;
  const registration = await container.getRegistration(url);
  // Firefox under load was seen to give the registration without its active worker (no
  // installing or waiting one either) while that worker controlled this page: the page then
  // deleted the caches alone, as if there were no worker, and the worker's writes in flight
  // landed after. `url` is this page's: its controller is that active worker.
  const active = registration?.active ?? container.controller;
  if (active) return post(active, message);
  const pending = registration?.installing ?? registration?.waiting;
  const later = pending ? whenActivated(pending) : container.ready.then((ready) => ready.active);
  void later.then((worker) => worker && post(worker, message)).catch(() => undefined);
  return null;
}

/**
 * Tells this device that `userId` (null: nobody) is the user of `dbName` on the page `url`
 * (the tags' page, recorded as a review page; omit it for a page without the tags). The other
 * users' cached pages and API reads of the database are deleted, by the worker when one is
 * active (it waits for its own writes in flight), else here. With nobody, the sign-out is
 * recorded first (`recordSignOut`: the stored configuration forgets its user). Resolves the names of the caches deleted; never
 * rejects (a device without Cache Storage or IndexedDB has nothing to delete).
 */
export async function announceUser(dbName: string, userId: string | null, url?: string): Promise<string[]> {
  try {
    // The sign-out is recorded (the configuration forgets its user, the sign-out count goes up)
    // before any cache is deleted: a write in flight then knows not to stand. Unrecorded (the
    // database cannot be written), the caches still go.
    if (userId === null) await recordSignOut(dbName).catch(() => undefined);
    const page = pageKey(url ?? location.href);
    if (url) await (await caches.open(cacheNames.reviewPages)).put(page, new Response(JSON.stringify({ dbName })));
    const message: ReviewPageMessage = { type: 'offline-review:page', url: page, dbName, userId, record: Boolean(url) };
    const reply = await askWorker(page, message);
    if (reply?.deleted) return reply.deleted;
    const which = { keepUserId: userId };
    return [...(await deleteApiCaches(dbName, which)), ...(await deletePageCaches(dbName, which))];
  } catch {
    return [];
  }
}

/**
 * Signs the learner out of this device: what a page showing the tags with no user does, as a
 * call (for a sign-out page without the tags). Their cached pages and API reads are deleted and
 * the worker stops sending as them; their unsent answers stay for their next sign-in.
 * Resolves the names of the caches deleted.
 */
export function signOut(options: { dbName?: string } = {}): Promise<string[]> {
  return announceUser(options.dbName ?? DEFAULT_DB_NAME, null);
}
