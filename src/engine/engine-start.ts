/**
 * How an engine is made and started: its parts (storage, the HTTP client's chunk, the sync
 * queue, wired to the engine's events), then what it does before it is ready: open storage,
 * store the configuration the service worker reads (src/engine/engine-options.ts,
 * `EngineConfig`), the start-up chores (maintenance.ts), the queue's first count, and the
 * page's sync triggers.
 */
import type { ReviewApiClient } from '../client/http-client.js';
import { IndexedDBStorage } from '../storage/indexeddb-storage.js';
import { MetaKey } from '../storage/meta-keys.js';
import type { StorageObserver } from '../storage/storage-options.js';
import type { LazyChunk } from '../sync/lazy-chunk.js';
import { SyncQueue } from '../sync/sync-queue.js';
import { SyncStateEvent, type SyncState } from '../sync/sync-state.js';
import { lazyClient } from './engine-client.js';
import { DEFAULT_SYNC_INTERVAL_MS, type EngineConfig, type OfflineReviewOptions } from './engine-options.js';
import { startupChores } from './maintenance.js';

/** An engine's private parts. */
export interface EngineParts {
  storage: IndexedDBStorage;
  client: LazyChunk<ReviewApiClient>;
  syncer: SyncQueue;
}

/**
 * The parts of the engine `engine` for `config`'s database and user: storage that tells
 * `observer` of its changes, the client (loaded on first use), and the sync queue, whose
 * `state-change`, `sync-complete` and `auth-required` the engine dispatches as its own, with
 * `state()` (the queue's state and the engine's) as their state.
 * @throws OfflineReviewError('invalid-input') for a bad `timeoutMs`.
 */
export function engineParts(
  engine: EventTarget,
  config: EngineConfig,
  options: OfflineReviewOptions,
  observer: StorageObserver,
  state: () => SyncState,
): EngineParts {
  const { dbName, apiBase, userId } = config;
  const storage = new IndexedDBStorage({ dbName, ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}), observer });
  const client = lazyClient(options, apiBase);
  const syncer = new SyncQueue({ ...options.syncTuning, storage, client: () => client.get(), userId, dbName });
  syncer.addEventListener('state-change', () => engine.dispatchEvent(new SyncStateEvent(state())));
  syncer.addEventListener('sync-complete', () => engine.dispatchEvent(new CustomEvent('sync-complete', { detail: state() })));
  syncer.addEventListener('auth-required', (e) => engine.dispatchEvent(new CustomEvent('auth-required', { detail: (e as CustomEvent).detail })));
  return { storage, client, syncer };
}

/** Opens `storage` for `config`'s user and starts `syncer`; resolves this device's id. Rejects with the storage's error. */
export async function openEngine(storage: IndexedDBStorage, syncer: SyncQueue, config: EngineConfig, options: OfflineReviewOptions): Promise<string> {
  await storage.initialize();
  const deviceId = await storage.getDeviceId();
  const stored: EngineConfig = { ...config };
  if (options.tokenUrl) stored.tokenUrl = new URL(options.tokenUrl, globalThis.location?.href).href;
  await storage.setMeta(MetaKey.Config, stored);
  // Housekeeping must never keep the learner from reviewing: a failure waits for the next start.
  await startupChores(storage, config.userId, Date.now());
  await syncer.refresh();
  if (options.autoSync ?? true) syncer.startAutoSync(options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS);
  return deviceId;
}
