/**
 * Opening the database, without the upgrade steps: pages open it through `openReviewDatabase`
 * (upgrades.ts), which brings the steps; the service worker opens it with
 * `openExistingReviewDatabase`, which never creates or upgrades it. The worker only drains what
 * pages queued, and a page always opens the database (at the current version) before it queues
 * anything, so the worker has no use for the upgrade code — and leaving it out keeps the
 * worker bundle small.
 */
import { wrap } from 'idb';
import { OfflineReviewError } from '../errors.js';
import type { ReviewDatabase } from './schema.js';
import { DB_VERSION } from './schema-version.js';

export { DB_VERSION };

/** Options of `openReviewDatabase` and `openExistingReviewDatabase`. */
export interface OpenReviewDatabaseOptions {
  /**
   * The IndexedDB factory; default the global `indexedDB`. A Storage Bucket's
   * (`(await navigator.storageBuckets.open(name)).indexedDB`) keeps the data in its own bucket.
   */
  indexedDB?: IDBFactory;
  /** Another connection (a tab on an older version) keeps this upgrade waiting. */
  blocked?: () => void;
  /** This connection was closed so that another tab could upgrade, or the browser closed it. */
  closed?: () => void;
}

/** Runs the upgrade from `oldVersion` to DB_VERSION inside the versionchange transaction. */
export type UpgradeSteps = (database: IDBDatabase, tx: IDBTransaction, oldVersion: number) => void | Promise<void>;

/**
 * Opens `name` at DB_VERSION, running `upgrade` when the database is older (or new).
 * Rejects with OfflineReviewError('storage-unavailable') when IndexedDB is missing, refuses, or
 * the upgrade fails or aborts (the database then stays exactly as it was).
 */
export async function connectReviewDatabase(
  name: string,
  options: OpenReviewDatabaseOptions,
  upgrade: UpgradeSteps,
): Promise<ReviewDatabase> {
  const factory = options.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  if (!factory) {
    throw new OfflineReviewError('storage-unavailable', 'IndexedDB is not available here.', { details: { name } });
  }
  let upgradeError: unknown;
  let raw: IDBDatabase;
  try {
    // idb's openDB always uses the global factory, so the request is made here and wrapped.
    const request = factory.open(name, DB_VERSION);
    request.addEventListener('upgradeneeded', (event) => {
      const tx = request.transaction!;
      // A failed step aborts the versionchange transaction, so the open fails and the data
      // stays exactly as it was at the old version.
      void (async () => upgrade(request.result, tx, event.oldVersion))().catch((error: unknown) => {
        upgradeError = error;
        try {
          tx.abort();
        } catch {
          // Already aborted by the failed request itself.
        }
      });
    });
    request.addEventListener('blocked', () => options.blocked?.());
    raw = await new Promise<IDBDatabase>((resolve, reject) => {
      request.addEventListener('success', () => resolve(request.result));
      request.addEventListener('error', () => reject(request.error));
    });
  } catch (error) {
    if (upgradeError instanceof OfflineReviewError) throw upgradeError;
    throw new OfflineReviewError('storage-unavailable', `Could not open IndexedDB database "${name}".`, {
      details: { name },
      cause: upgradeError ?? error,
    });
  }
  // Why: a tab that keeps an old connection open blocks every other tab's upgrade.
  raw.addEventListener('versionchange', () => {
    raw.close();
    options.closed?.();
  });
  raw.addEventListener('close', () => options.closed?.());
  return wrap(raw) as unknown as ReviewDatabase;
}

/**
 * Opens `name` only if a page already made it at DB_VERSION: a database that is missing or
 * older is left alone (not created, not upgraded) and the open rejects with
 * OfflineReviewError('storage-unavailable', details.missing). The service worker's way in.
 */
export async function openExistingReviewDatabase(name: string, options: OpenReviewDatabaseOptions = {}): Promise<ReviewDatabase> {
  const missing = (): OfflineReviewError =>
    new OfflineReviewError('storage-unavailable', `The database "${name}" does not exist at version ${DB_VERSION} yet.`, {
      details: { name, missing: true },
    });
  // Why ask first: WebKit keeps a database whose creating open was aborted (empty, at version
  // 0), so opening a missing one to refuse it would leave one behind. Where the factory lists
  // its databases, one not there at DB_VERSION is not opened at all.
  const factory = options.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  const listed = typeof factory?.databases === 'function' ? await factory.databases().catch(() => null) : null;
  if (listed && !listed.some((info) => info.name === name && (info.version ?? 0) >= DB_VERSION)) throw missing();
  return connectReviewDatabase(name, options, () => {
    throw missing();
  });
}
