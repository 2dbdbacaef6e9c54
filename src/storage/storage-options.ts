/**
 * The options of `IndexedDBStorage`, and how it tells its owner about writes: the storage is
 * the one place every write passes, so it is where "answers changed" and "storage full" are
 * noticed, once each.
 */
import type { OfflineReviewError } from '../errors.js';
import type { AnswerRecord } from '../types.js';
import type { ConnectionOptions } from './database-connection.js';
import type { StorageQuotaManager, StorageQuotaManagerOptions } from './quota.js';

/** Answers of some sessions were stored. */
export interface AnswersChange {
  /** The sessions whose answers changed. */
  sessionIds: string[];
  /** `local`: a user action here; `pull`: other devices' answers merged in. */
  origin: 'local' | 'pull';
  /** The new answers, when the write had them at hand (a local answer); else read them. */
  answers?: AnswerRecord[];
}

/** What the storage reports about its writes. */
export interface StorageObserver {
  /** Called after a committed write that added answers. */
  answersChanged?(change: AnswersChange): void;
  /** Called when a write failed with 'storage-full' (nothing of it was stored). */
  storageFull?(error: OfflineReviewError): void;
}

/** Options of IndexedDBStorage. */
export interface IndexedDBStorageOptions extends ConnectionOptions {
  /** A quota manager, or options for the one the storage makes. */
  quota?: StorageQuotaManager | StorageQuotaManagerOptions;
  /** Told about answers stored and writes refused for lack of room. */
  observer?: StorageObserver;
  /**
   * Record answers in a dedicated worker (src/storage/answer-worker.ts), so that the garbage
   * their IndexedDB requests leave is collected off the page's thread; default true. Answers
   * are recorded on the page with `false`, with a custom `indexedDB`, where there is no
   * `Worker`, and when the worker cannot start.
   */
  answerWorker?: boolean;
}
