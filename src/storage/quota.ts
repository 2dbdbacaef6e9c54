/**
 * Storage quota: estimate, persistence, eviction, and the retry around writes (docs/design.md,
 * "The engine and storage"). Eviction order: cached content the learner is not using (least
 * recently used first), then old sessions that have fully reached the server. Unsynced data
 * (anything a queue entry or a dead letter references) is never evicted.
 *
 * Why a retry can still fail: on Chromium's LevelDB backend, deleting small records frees disk
 * space only at the next compaction; big values (> 64 KB, kept as blob files) free it at once.
 * So the retry is tried once, and then the caller gets 'storage-full', never a silent loss.
 */
import { OfflineReviewError } from '../errors.js';
import { isQuotaExceededError } from '../quota-error.js';
import { TERMINAL_STATUSES } from '../types.js';
import type { ReviewDatabase } from './schema.js';
import { deleteSessions, syncedSessions } from './cleanup.js';
import { inTransaction, queued } from './transaction.js';
import { againIfRefusedAfterQuota } from './quota-refusal.js';

/** What `estimate()` resolves; zeros where the browser does not tell. */
export interface QuotaEstimate {
  usage: number;
  quota: number;
}

/** What one eviction removed. */
export interface EvictionResult {
  content: number;
  sessions: number;
}

/** Options of StorageQuotaManager. */
export interface StorageQuotaManagerOptions {
  /** Opens (or returns) the database to evict from. */
  open?: () => Promise<ReviewDatabase>;
  /** Defaults to `navigator.storage` where it exists. */
  storageManager?: StorageManager;
  /** Share of evictable cached content removed per eviction (0..1]; default 0.5. */
  contentShare?: number;
  /** Synced terminal sessions older than this (by last activity) may be evicted; default 7 days. */
  sessionMinAgeMs?: number;
  now?: () => number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Quota management for one database. */
export class StorageQuotaManager {
  private readonly options: StorageQuotaManagerOptions;
  private openDb: (() => Promise<ReviewDatabase>) | undefined;
  private persisting: Promise<boolean> | undefined;

  constructor(options: StorageQuotaManagerOptions = {}) {
    this.options = options;
    this.openDb = options.open;
  }

  /** Binds the database to evict from (the storage does it when it creates its manager). */
  attach(open: () => Promise<ReviewDatabase>): void {
    this.openDb ??= open;
  }

  private get storageManager(): StorageManager | undefined {
    return this.options.storageManager ?? (typeof navigator === 'undefined' ? undefined : navigator.storage);
  }

  /** Resolves usage and quota from `navigator.storage.estimate()` (zeros where unsupported). */
  async estimate(): Promise<QuotaEstimate> {
    const manager = this.storageManager;
    if (!manager?.estimate) return { usage: 0, quota: 0 };
    const { usage = 0, quota = 0 } = await manager.estimate();
    return { usage, quota };
  }

  /**
   * Asks the browser to keep this origin's data under storage pressure. Resolves whether
   * storage is persistent (false where unsupported or refused). Firefox may show a permission
   * prompt: see `persistOnce()` for when the engine asks.
   */
  async persist(): Promise<boolean> {
    const manager = this.storageManager;
    if (!manager?.persist) return false;
    if (manager.persisted && (await manager.persisted())) return true;
    return manager.persist();
  }

  /**
   * `persist()` once for this manager, best-effort: the engine calls it when the learner's
   * first answer is stored, so a prompt (Firefox asks the user) follows something they just
   * did rather than the page load. Later calls resolve the first call's result. Never rejects:
   * a browser that throws counts as a refusal (false).
   */
  persistOnce(): Promise<boolean> {
    this.persisting ??= this.persist().catch(() => false);
    return this.persisting;
  }

  /**
   * Evicts, in one transaction: the least recently used share of cached content that no
   * unfinished session needs; if there was none, synced terminal sessions older than
   * `sessionMinAgeMs` with their answers and statistics: the last resort before an answer is
   * refused, so those cards' states are derived later from the answers left (the daily cleanup,
   * cleanup.ts, keeps answers). Resolves what was removed.
   */
  async evict(): Promise<EvictionResult> {
    if (!this.openDb) return { content: 0, sessions: 0 };
    const db = await this.openDb();
    const now = (this.options.now ?? Date.now)();
    const share = Math.min(1, Math.max(0, this.options.contentShare ?? 0.5));
    const tx = db.transaction(['content', 'sessions', 'answers', 'statistics', 'syncQueue', 'deadLetters'], 'readwrite');
    return inTransaction(tx, async () => {
      const byStatus = tx.objectStore('sessions').index('status');
      // Primary keys in index order: least recently used first, in one request.
      const [active, paused, lruIds] = await Promise.all([
        byStatus.getAll('active'),
        byStatus.getAll('paused'),
        tx.objectStore('content').index('lastAccessed').getAllKeys(),
      ]);
      const needed = new Set<string>();
      for (const session of [...active, ...paused]) for (const id of session.itemIds) needed.add(id);
      const evictable = lruIds.filter((id) => !needed.has(id));
      const contentIds = evictable.slice(0, Math.ceil(evictable.length * share));
      for (const id of contentIds) queued(tx.objectStore('content').delete(id));
      if (contentIds.length > 0) return { content: contentIds.length, sessions: 0 };

      const cutoff = now - (this.options.sessionMinAgeMs ?? 7 * DAY);
      // startedAt <= lastActivityAt, so the index narrows the candidates.
      const candidates = await tx.objectStore('sessions').index('startedAt').getAll(IDBKeyRange.upperBound(cutoff, true));
      const old = candidates.filter((s) => TERMINAL_STATUSES.includes(s.status) && s.lastActivityAt < cutoff);
      const removable = await syncedSessions(tx, old.map((s) => s.id));
      // The last resort before refusing an answer: old answers that reached the server go too.
      await deleteSessions(tx, removable, true);
      return { content: 0, sessions: removable.length };
    });
  }

  /**
   * Runs `write`; on a QuotaExceededError (thrown or reported by the transaction) evicts and
   * runs it once more. Each write (and the eviction) is tried again once when Firefox refused
   * it only for an earlier quota abort on the connection. Resolves what `write` resolves. Throws OfflineReviewError
   * 'storage-full' when nothing could be evicted or the retry failed too; other errors pass
   * through unchanged. `write` must be one transaction, so a failed try leaves nothing behind.
   */
  async run<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await againIfRefusedAfterQuota(write);
    } catch (first) {
      if (!isQuotaExceededError(first)) throw first;
      const evicted = await againIfRefusedAfterQuota(() => this.evict());
      if (evicted.content + evicted.sessions === 0) throw storageFull(first, evicted);
      try {
        return await againIfRefusedAfterQuota(write);
      } catch (second) {
        if (isQuotaExceededError(second)) throw storageFull(second, evicted);
        throw second;
      }
    }
  }
}

function storageFull(cause: unknown, evicted: EvictionResult): OfflineReviewError {
  return new OfflineReviewError('storage-full', 'The device has no room left to save this; nothing was saved.', {
    details: { evicted },
    cause,
  });
}
