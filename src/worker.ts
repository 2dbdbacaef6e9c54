/**
 * The core as the service worker (and the page side of it, sw/register.ts) sees it: the one
 * entry sw/ imports, so that what the worker depends on is listed in one place and the
 * worker bundle takes only these parts — the drain, its lock and channel, the outbox, the
 * failure kinds and the state reducer — never the pages' storage, merge or upgrade code.
 */
export { clientSettings, pushTo, type ClientSettings } from './client/http-client.js';
export { OfflineReviewError } from './errors.js';
export { uuidv7 } from './ids.js';
export { Outbox } from './storage/outbox.js';
export { drain, syncedAfterDrain, type DrainContext } from './sync/drain.js';
export { drainLockName, withDrainLock } from './sync/drain-lock.js';
export { SyncChannel } from './sync/sync-channel.js';
export { isRefusal, passesByItself } from './sync/sync-failure.js';
export { resolveSyncOptions } from './sync/sync-options.js';
export { reduceSyncState } from './sync/sync-reducer.js';
export { currentlyOnline, initialSyncState, type SyncState } from './sync/sync-state.js';
