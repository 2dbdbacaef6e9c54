// Helpers for the service worker tests. The runner's own page is at `/`: a worker controlling
// `/` would intercept the runner's requests, so every test registers the real built worker
// (through the one-line fixture) for the narrow scope /test/sw/scope/ and drives pages of that
// scope in iframes. `cleanUp()` removes the frames, unregisters and deletes the caches: the
// browser profile is shared by every test file of a run.
import { waitUntil } from '../support/until.js';
import { OfflineReview, type OfflineReviewOptions } from '../../src/index.js';
import { messageSW } from 'workbox-window';
import { hasBackgroundSync, type ServiceWorkerHandle } from '../../sw/register.js';
import { api, cdp, signIn, unique } from '../support/server.js';

const engines: OfflineReview[] = [];
const handles: ServiceWorkerHandle[] = [];

/**
 * A signed-in user's engine on a fresh database (both unique unless given) that drains only
 * when told to; it has stored the configuration the worker reads. `cleanUp()` closes it.
 */
export async function pageEngine(
  options: { userId?: string; dbName?: string; syncTuning?: OfflineReviewOptions['syncTuning'] } = {},
): Promise<OfflineReview> {
  const userId = options.userId ?? unique('u');
  signIn(userId);
  const engine = OfflineReview.for({ userId, dbName: options.dbName ?? unique('db'), autoSync: false, syncTuning: options.syncTuning });
  engines.push(engine);
  await engine.ready;
  return engine;
}

/** Keeps a registration handle for `cleanUp()` to dispose; resolves it unchanged. */
export function track<T extends ServiceWorkerHandle>(handle: T): T {
  handles.push(handle);
  return handle;
}

/** The hooks of a worker suite: the reference server started once, then `cleanUp()` after each test. */
export function useWorkerSuite(): void {
  before(async function () {
    this.timeout(90_000); // the reference server's first start (PGlite) is slow on a busy machine
    // The runner gives a command 20 s; on a loaded machine PGlite's first open takes longer. The
    // server keeps opening it, so a second ask waits for the same start.
    await api.warm().catch(() => api.warm());
    // The core's chunks a page loads after its first card, loaded before a test takes the
    // device offline, as the worker's precache has them for a site's pages: Firefox keeps a
    // module that failed to load failed for the page (test/components/helpers.ts does the same
    // for the tags' tests).
    await Promise.all([
      import('../../src/storage/derivation.js'),
      import('../../src/sync/sync-runtime.js'),
      import('../../src/client/http-client.js'),
      // The engine's controller, which a review tag imports after its first card.
      import('../../components/shared/engine-controller.js'),
    ]);
  });
  afterEach(cleanUp);
}

/** The scope the tests' worker controls; its pages are files under test/sw/scope/. */
export const SCOPE = '/test/sw/scope/';

/** The site's one-line worker file (importScripts of /dist/sw/offline-review-sw.js). */
export const ONE_LINE_SW = '/test/sw/fixtures/one-line-sw.js';

const frames = new Set<HTMLIFrameElement>();

/** The worker's URL with its options (docs/service-worker.md): db, offline, timeout, v. */
export function workerUrl(query: Record<string, string> = {}, script = ONE_LINE_SW): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${script}?${search}` : script;
}

/** Resolves when `worker` reaches `state` (at once if it is there already). */
export function reachState(worker: ServiceWorker, state: ServiceWorkerState): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (worker.state === state) {
        worker.removeEventListener('statechange', check);
        resolve();
      } else if (worker.state === 'redundant') {
        worker.removeEventListener('statechange', check);
        reject(new Error(`worker became redundant before ${state}`));
      }
    };
    worker.addEventListener('statechange', check);
    check();
  });
}

/**
 * Resolves once `registration`'s newest worker is activated, on its `statechange` (installing
 * precaches every chunk, which on a loaded machine takes well over a waitUntil's default second).
 */
export async function activated(registration: ServiceWorkerRegistration | null | undefined): Promise<ServiceWorkerRegistration> {
  const worker = registration?.installing ?? registration?.waiting ?? registration?.active;
  if (!registration || !worker) throw new Error('registration has no worker');
  await reachState(worker, 'activated');
  return registration;
}

/** Registers the built worker for {@link SCOPE} and resolves once it is active. */
export async function registerWorker(query: Record<string, string> = {}, script = ONE_LINE_SW): Promise<ServiceWorkerRegistration> {
  return activated(await navigator.serviceWorker.register(workerUrl(query, script), { scope: SCOPE }));
}

/** Loads `path` (under the scope) in a new iframe; resolves when it has loaded. */
export async function openFrame(path = `${SCOPE}page.html`): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frames.add(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return frame;
}

/** Navigates an iframe to `path`; resolves when the new document has loaded. */
export async function navigate(frame: HTMLIFrameElement, path: string): Promise<Document> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  await loaded;
  return frame.contentDocument!;
}

/** The window of an iframe, typed. */
export function frameWindow(frame: HTMLIFrameElement): Window & typeof globalThis {
  return frame.contentWindow as Window & typeof globalThis;
}

/** A `fetch()` made by a page the worker controls (so it goes through the worker). */
export function frameFetch(frame: HTMLIFrameElement, path: string, init?: RequestInit): Promise<Response> {
  return frameWindow(frame).fetch(path, init);
}

/** The cache `name`'s entries, as paths with their search. */
export async function cachedPaths(name: string): Promise<string[]> {
  if (!(await caches.has(name))) return [];
  const keys = await (await caches.open(name)).keys();
  return keys.map((request) => {
    const url = new URL(request.url);
    return url.pathname + url.search;
  });
}

/** Waits until the cache `name` holds `path` (strategies write the cache after answering). */
export async function waitForCached(name: string, path: string): Promise<void> {
  await waitUntil(async () => (await cachedPaths(name)).includes(path), `${path} never reached ${name}`, { timeout: 10_000 });
}

/** Waits until the server-side log holds a request for `path` satisfying `test`. */
export async function waitForLogged(path: string, test: (entry: { fault: string | null }) => boolean = () => true): Promise<void> {
  await waitUntil(async () => (await api.log()).some((entry) => entry.path === path && test(entry)), `no request for ${path}`, {
    timeout: 10_000,
  });
}

/**
 * Disposes tracked handles, closes tracked engines, removes the frames, unregisters every registration of the scope, deletes every
 * offline-review cache and clears the faults.
 */
export async function cleanUp(): Promise<void> {
  for (const handle of handles.splice(0)) handle.dispose();
  for (const engine of engines.splice(0)) engine.close();
  for (const frame of frames) frame.remove();
  frames.clear();
  await api.clear();
  for (const registration of await navigator.serviceWorker.getRegistrations()) {
    if (new URL(registration.scope).pathname.startsWith(SCOPE)) await registration.unregister();
  }
  for (const name of await caches.keys()) if (name.startsWith('offline-review-')) await caches.delete(name);
}

/**
 * Has the worker of {@link SCOPE} drain `dbName`'s queue as the browser would: a real Background
 * Sync `sync` event where the engine has Background Sync (Chromium, fired through CDP); elsewhere
 * (Firefox, WebKit: no Background Sync, no event ever comes) the page's message that
 * `requestSync()` posts, which is how a page there hands its queue to the worker.
 */
export async function workerDrain(dbName: string): Promise<void> {
  if (hasBackgroundSync()) {
    await cdp.sync('offline-review-sync', false, SCOPE);
    return;
  }
  const registration = await navigator.serviceWorker.getRegistration(SCOPE);
  if (!registration?.active) throw new Error(`no active worker for ${SCOPE}`);
  const reply = (await messageSW(registration.active, { type: 'sync', dbName })) as { ok?: boolean } | undefined;
  if (reply?.ok !== true) throw new Error(`the worker did not drain: ${JSON.stringify(reply)}`);
}
