/**
 * One database's connection: opened on first use and cached, reopened after another tab's
 * upgrade closed it, and closed for good by `close()`. It also keeps the device id, which
 * every tab and the worker share through the meta store.
 */
import { OfflineReviewError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import { openExistingReviewDatabase, type OpenReviewDatabaseOptions } from './connect.js';
import { MetaKey } from './meta-keys.js';
import type { ReviewDatabase } from './schema.js';
import { inTransaction } from './transaction.js';

/** Options of a connection (and of `IndexedDBStorage`). */
export interface ConnectionOptions {
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

/** How a connection opens its database: with the upgrade steps (pages) or without (the worker). */
export type DatabaseOpener = (name: string, options: OpenReviewDatabaseOptions) => Promise<ReviewDatabase>;

/** The lazily opened, cached connection to one database. */
export class DatabaseConnection {
  /** The database name. */
  readonly dbName: string;
  /** The clock. */
  readonly now: () => number;
  private readonly options: ConnectionOptions;
  private readonly open: DatabaseOpener;
  private dbPromise: Promise<ReviewDatabase> | null = null;
  private deviceIdPromise: Promise<string> | null = null;
  private closed = false;

  /** Opens nothing yet. `open`: how the database is opened (default: never create or upgrade it). */
  constructor(options: ConnectionOptions = {}, open: DatabaseOpener = openExistingReviewDatabase) {
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

  /** This device's id: made once, stored in meta, shared by every tab and the worker. The promise is cached. */
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
}
