/**
 * QueueStorage: the connection, the device id, meta reads and the sync queue of one database —
 * everything a drain (and the worker around it) needs, and nothing else. `IndexedDBStorage` (the pages' storage) extends
 * it with sessions, answers, content, quota and pull; the service worker uses it alone, so its
 * bundle carries neither those nor the schema's upgrade steps (connect.ts).
 */
import { OfflineReviewError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import type { DeadLetter, QueueEntry } from '../types.js';
import { openExistingReviewDatabase, type OpenReviewDatabaseOptions } from './connect.js';
import * as queue from './queue-store.js';
import { reclaimOrphanedLeases } from './queue-recovery.js';
import { MetaKey, type ReviewDatabase } from './schema.js';
import { inTransaction } from './transaction.js';

/** Options of QueueStorage (and of IndexedDBStorage). */
export interface QueueStorageOptions {
  /** Database name; default 'offline-review'. */
  dbName?: string;
  /** The IndexedDB factory, e.g. a Storage Bucket's `indexedDB`; default the global one. */
  indexedDB?: IDBFactory;
  /** The clock; tests pass their own. */
  now?: () => number;
  /** Called when this connection closed so another tab could upgrade the database. */
  onClosedByUpgrade?: () => void;
  /** Called while an open waits for another tab (on an older version) to close; the open goes on waiting. */
  onBlocked?: () => void;
}

/** How a storage opens its database. */
export type DatabaseOpener = (name: string, options: OpenReviewDatabaseOptions) => Promise<ReviewDatabase>;

/** The sync queue of one database. Alone, it opens only a database that a page already made. */
export class QueueStorage {
  /** The database name. */
  readonly dbName: string;
  /** The clock. */
  protected readonly now: () => number;
  private readonly options: QueueStorageOptions;
  private readonly open: DatabaseOpener;
  private dbPromise: Promise<ReviewDatabase> | null = null;
  private deviceIdPromise: Promise<string> | null = null;
  private closed = false;

  /** `open`: how the database is opened (default: never create or upgrade it). */
  constructor(options: QueueStorageOptions = {}, open: DatabaseOpener = openExistingReviewDatabase) {
    this.dbName = options.dbName ?? 'offline-review';
    this.now = options.now ?? Date.now;
    this.options = options;
    this.open = open;
  }

  /** The open database; the open promise is cached. Throws 'closed' after close(), 'storage-unavailable' if it cannot open. */
  db(): Promise<ReviewDatabase> {
    if (this.closed) return Promise.reject(new OfflineReviewError('closed', 'This storage was closed.', { details: { dbName: this.dbName } }));
    if (!this.dbPromise) {
      const { indexedDB, onBlocked, onClosedByUpgrade } = this.options;
      const opening = this.open(this.dbName, {
        ...(indexedDB ? { indexedDB } : {}),
        blocked: () => onBlocked?.(),
        // Another tab upgrades: forget this connection; the next call opens the new version.
        closed: () => {
          if (this.dbPromise === opening) this.dbPromise = null;
          onClosedByUpgrade?.();
        },
      });
      this.dbPromise = opening;
      // A failed open is not cached: the next call tries again.
      opening.catch(() => {
        if (this.dbPromise === opening) this.dbPromise = null;
      });
    }
    return this.dbPromise;
  }

  /** Closes the connection; later calls throw 'closed'. */
  close(): void {
    this.closed = true;
    const pending = this.dbPromise;
    this.dbPromise = null;
    pending?.then((db) => db.close(), () => undefined);
  }

  /** This device's id: made once, stored in meta, shared by every tab and the worker. */
  getDeviceId(): Promise<string> {
    this.deviceIdPromise ??= (async () => {
      const db = await this.db();
      const tx = db.transaction('meta', 'readwrite');
      return inTransaction(tx, async () => {
        const stored = await tx.store.get(MetaKey.DeviceId);
        if (typeof stored === 'string') return stored;
        const id = uuidv7(this.now());
        await tx.store.put(id, MetaKey.DeviceId);
        return id;
      });
    })();
    this.deviceIdPromise.catch(() => {
      this.deviceIdPromise = null;
    });
    return this.deviceIdPromise;
  }

  /** The value stored in meta under `key`, or undefined. */
  async getMeta<T = unknown>(key: string): Promise<T | undefined> {
    return (await (await this.db()).get('meta', key)) as T | undefined;
  }

  /** The number of queue entries of `userId`, or of everybody. */
  async countQueue(userId?: string): Promise<number> {
    return queue.countQueue(await this.db(), userId);
  }

  /** The number of dead letters of `userId`. */
  async countDeadLetters(userId: string): Promise<number> {
    return (await this.db()).countFromIndex('deadLetters', 'userId', userId);
  }

  /** Leases the next FIFO batch of a user's entries (see queue-store.ts). Throws 'invalid-input'. */
  async leaseBatch(options: queue.LeaseOptions): Promise<QueueEntry[]> {
    return queue.leaseBatch(await this.db(), options);
  }

  /** Deletes entries the server confirmed. */
  async ackQueueEntries(seqs: readonly number[]): Promise<void> {
    return queue.ackQueueEntries(await this.db(), seqs);
  }

  /** Puts leased entries back to pending; counts a retry only with `countRetry`. Resolves them. */
  async releaseQueueEntries(seqs: readonly number[], options: queue.ReleaseOptions): Promise<QueueEntry[]> {
    return queue.releaseQueueEntries(await this.db(), seqs, options);
  }

  /** Moves entries to the dead letters with their reasons. Resolves the dead letters. */
  async deadLetterQueueEntries(requests: readonly queue.DeadLetterRequest[]): Promise<DeadLetter[]> {
    return queue.deadLetterQueueEntries(await this.db(), requests, this.now());
  }

  /** When the user's queue next has something to lease; null when it is empty. */
  async nextDueAt(userId: string): Promise<number | null> {
    return queue.nextDueAt(await this.db(), userId);
  }

  /** Takes back `userId`'s entries left `syncing` by a dead drainer; call only under the drain lock. Resolves how many. */
  async reclaimOrphanedLeases(userId: string): Promise<number> {
    return reclaimOrphanedLeases(await this.db(), userId);
  }
}
