/**
 * The offline core's public entry: re-exports only. No rendering and no lit here; it runs in
 * pages and in the service worker.
 */
export * from './errors.js';
export * from './types.js';
export * from './hlc.js';
export * from './ids.js';
export * from './merge/derive.js';
export * from './merge/conflict-resolver.js';
export { parsePushResponse, parsePullResponse } from './protocol/responses.js';
export { ReviewApiClient, type ReviewApiClientOptions } from './client/http-client.js';
export { parseRetryAfter } from './client/http-errors.js';
export { IndexedDBStorage, type IndexedDBStorageOptions } from './storage/indexeddb-storage.js';
export { StorageQuotaManager, type StorageQuotaManagerOptions, type QuotaEstimate, type EvictionResult } from './storage/quota.js';
export { DB_VERSION } from './storage/connect.js';
export { MetaKey } from './storage/meta-keys.js';
export { openReviewDatabase } from './storage/upgrades.js';
export type { ReviewDB, ReviewDatabase } from './storage/schema.js';
export type { NewSession, SessionWrite, AnswerWrite } from './storage/session-store.js';
export type { LeaseOptions, ReleaseOptions, DeadLetterRequest } from './storage/outbox-entries.js';
export type { CleanupResult } from './storage/cleanup.js';
export type { RemoteApplyResult } from './storage/remote-changes.js';
export { OfflineReview, type OfflineReviewOptions, type EngineConfig, type AnswerInput } from './engine.js';
export { AnswersChangedEvent, type AnswersOrigin } from './engine/answers-changed.js';
export { SyncQueue, type SyncQueueOptions, type NewMutation } from './sync/sync-queue.js';
export { SyncStateEvent, type SyncState, type SyncError } from './sync/sync-state.js';
export { FailureKind } from './sync/sync-failure.js';
export type { SyncStorage, SyncClient, DeadLetterReason } from './sync/sync-ports.js';
export { backoffDelay, retryDelay, type BackoffOptions } from './sync/backoff.js';
export { drainLockName } from './sync/drain-lock.js';
