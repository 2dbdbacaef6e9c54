/**
 * The page side of the service worker: registration through workbox-window, the update flow
 * ("update available" → skip waiting → reload), Background Sync registration when answers wait
 * while offline, the fallback where there is no Background Sync, and the worker's messages.
 *
 * Nothing here holds data: the queue lives in IndexedDB, so a reload (for an update, or any
 * other reason) loses nothing that was pending.
 */
import { Workbox, messageSW } from 'workbox-window';
import { passesByItself, type SyncState } from '../src/worker.js';
import { DEFAULT_DB_NAME, SYNC_TAG } from './options.js';
import { recordSignOut } from './worker-config.js';
import { isSyncCompleteMessage, type WorkerMessage, type WorkerReply } from './worker-sync.js';

/** What the registration needs from the engine (`OfflineReview` has all of it). */
export interface RegistrableEngine extends EventTarget {
  readonly dbName: string;
  readonly userId: string;
  readonly state: SyncState;
  refresh(): Promise<void>;
  startAutoSync(intervalMs?: number): void;
  notifyUpdateAvailable(apply: () => void | Promise<void>): void;
  signOut(): Promise<void>;
}

/** Options of {@link registerServiceWorker}. */
export interface RegisterServiceWorkerOptions {
  /** The worker's scope. Default: the folder of its URL (a root file controls the site). */
  scope?: string;
  /**
   * Whether to use Background Sync. Default: whether the browser has it. Without it, the
   * queue's page triggers (online, page visible, an interval) drain the queue instead.
   */
  backgroundSync?: boolean;
  /** The interval of the page triggers when they stand in for Background Sync. Default 30 s. */
  fallbackIntervalMs?: number;
  /** Reloads the page once the accepted update controls it. Default `location.reload()`. */
  reload?: () => void;
}

/** What {@link registerServiceWorker} returns. */
export interface ServiceWorkerHandle {
  /** The workbox-window instance (for its events). */
  readonly workbox: Workbox | null;
  /** Resolves with the registration; null where there are no service workers or it failed. */
  readonly registration: Promise<ServiceWorkerRegistration | null>;
  /** True when Background Sync is used; false when the page triggers are the fallback. */
  readonly backgroundSync: boolean;
  /** Registers the Background Sync tag. Resolves false without Background Sync or a worker. */
  registerBackgroundSync(): Promise<boolean>;
  /** Asks the active worker to drain now. Resolves false when no worker is active. */
  requestSync(): Promise<boolean>;
  /**
   * Signs the engine's user out: the engine forgets the user (`engine.signOut()`), then the
   * worker deletes their API caches. Resolves with the caches the worker deleted for it,
   * including one that a read still finishing at the sign-out deleted itself on finding the
   * user forgotten.
   */
  signOut(): Promise<string[]>;
  /** Removes the listeners this registration added. */
  dispose(): void;
}

/** The waiting workers already offered to each engine. */
const offeredWorkers = new WeakMap<RegistrableEngine, WeakSet<ServiceWorker>>();

/** True where the browser has Background Sync (Chromium); false in Firefox and Safari. */
export function hasBackgroundSync(): boolean {
  return typeof ServiceWorkerRegistration !== 'undefined' && 'sync' in ServiceWorkerRegistration.prototype;
}

/** The worker URL with the engine's database named (`db`), unless it is the default one. */
export function workerUrlFor(url: string, dbName: string): string {
  if (dbName === DEFAULT_DB_NAME) return url;
  const parsed = new URL(url, location.href);
  if (parsed.searchParams.getAll('db').some((value) => value.split(',').includes(dbName))) return url;
  parsed.searchParams.append('db', dbName);
  return parsed.origin === location.origin ? parsed.pathname + parsed.search : parsed.href;
}

/**
 * True when a drain stopped because of the network or the server (a failure that passes by
 * itself, sync-failure.ts): a case for Background Sync.
 */
export function waitsForNetwork(state: SyncState): boolean {
  if (state.pending === 0 || state.paused) return false;
  if (!state.online) return true;
  return state.lastError !== null && passesByItself(state.lastError.kind);
}

/**
 * Registers the site's worker (`url`, from the site's own origin) for `engine`, and wires the
 * update flow, Background Sync and the worker's messages to it. Never throws: where service
 * workers are missing, or registration fails, the handle's `registration` resolves null and the
 * queue's page triggers keep syncing.
 */
export function registerServiceWorker(
  engine: RegistrableEngine,
  url = '/offline-review-sw.js',
  options: RegisterServiceWorkerOptions = {},
): ServiceWorkerHandle {
  const supported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
  const backgroundSync = supported && (options.backgroundSync ?? hasBackgroundSync());
  if (!backgroundSync) engine.startAutoSync(options.fallbackIntervalMs ?? 30_000);

  const workbox = supported ? new Workbox(workerUrlFor(url, engine.dbName), options.scope ? { scope: options.scope } : {}) : null;
  const reload = options.reload ?? (() => location.reload());

  const onWaiting = (event: { sw?: ServiceWorker }): void => {
    // Every Workbox instance of the page reports the same waiting worker (another tab's
    // registration too): offer each one once per engine, or an accepted update comes back.
    const offered = offeredWorkers.get(engine) ?? new WeakSet<ServiceWorker>();
    offeredWorkers.set(engine, offered);
    if (event.sw) {
      if (offered.has(event.sw)) return;
      offered.add(event.sw);
    }
    engine.notifyUpdateAvailable(() => {
      // Reload once the new worker controls the page; the queue is in IndexedDB, so nothing
      // pending is lost, and the new page's engine picks it up.
      workbox!.addEventListener('controlling', () => reload());
      workbox!.messageSkipWaiting();
    });
  };
  workbox?.addEventListener('waiting', onWaiting);

  const registration: Promise<ServiceWorkerRegistration | null> = workbox
    ? workbox.register().then(
        (value) => value ?? null,
        () => null, // a blocked or broken worker must not break the page: the page triggers remain
      )
    : Promise.resolve(null);

  const post = async (message: WorkerMessage): Promise<WorkerReply | null> => {
    const active = (await registration)?.active;
    if (!active) return null;
    return (await messageSW(active, message)) as WorkerReply;
  };
  // Tell the worker about this database (it reads the API base and user from it).
  void registration.then(() => post({ type: 'config', dbName: engine.dbName })).catch(() => undefined);

  let syncRegistered = false;
  const registerBackgroundSync = async (): Promise<boolean> => {
    const value = await registration;
    if (!backgroundSync || !value) return false;
    await (value as ServiceWorkerRegistration & { sync: { register(tag: string): Promise<void> } }).sync.register(SYNC_TAG);
    return true;
  };
  const onState = (): void => {
    const state = engine.state;
    if (!waitsForNetwork(state)) {
      syncRegistered = false;
      return;
    }
    if (syncRegistered) return;
    syncRegistered = true;
    registerBackgroundSync().catch(() => {
      syncRegistered = false; // permission denied or no worker yet: the page triggers remain
    });
  };
  if (backgroundSync) engine.addEventListener('state-change', onState);

  // The worker drained (for a Background Sync or a page's request): recount from IndexedDB so
  // that this page's indicator is right even where BroadcastChannel did not reach it.
  const onMessage = (event: MessageEvent<unknown>): void => {
    const data = event.data;
    if (isSyncCompleteMessage(data) && data.dbName === engine.dbName && data.userId === engine.userId) {
      void engine.refresh().catch(() => undefined);
    }
  };
  if (supported) navigator.serviceWorker.addEventListener('message', onMessage);

  return {
    workbox,
    registration,
    backgroundSync,
    registerBackgroundSync,
    requestSync: async () => (await post({ type: 'sync', dbName: engine.dbName }))?.ok === true,
    signOut: async () => {
      // The stored configuration forgets the user first: the worker's writes check it, so a
      // read in flight that lands after the worker's deletion cannot keep the user's cache.
      await engine.signOut();
      // Recorded (worker-config.ts) before the worker deletes anything: a page write begun
      // while the configuration already named nobody then does not stand either.
      await recordSignOut(engine.dbName).catch(() => undefined);
      const reply = await post({ type: 'sign-out', dbName: engine.dbName, userId: engine.userId });
      return reply?.deleted ?? [];
    },
    dispose: () => {
      workbox?.removeEventListener('waiting', onWaiting);
      engine.removeEventListener('state-change', onState);
      if (supported) navigator.serviceWorker.removeEventListener('message', onMessage);
    },
  };
}
