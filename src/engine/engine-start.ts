/**
 * What an engine does before it is ready: open storage, store the configuration the service
 * worker reads (src/engine/engine-options.ts, `EngineConfig`), the start-up chores
 * (maintenance.ts), the queue's first count, and the page's sync triggers.
 */
import type { IndexedDBStorage } from '../storage/indexeddb-storage.js';
import { MetaKey } from '../storage/meta-keys.js';
import type { SyncQueue } from '../sync/sync-queue.js';
import { DEFAULT_SYNC_INTERVAL_MS, type EngineConfig, type OfflineReviewOptions } from './engine-options.js';
import { startupChores } from './maintenance.js';

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
