/**
 * What the sync queue needs from storage and from the HTTP client. `IndexedDBStorage` and
 * `ReviewApiClient` provide these; naming only what is used keeps the queue testable against
 * the real ones and keeps its dependencies visible.
 */
import type { ChangeSet, DeadLetter, Mutation, MutationType, PendingCounts, PullResponse, PushResponse, QueueEntry } from '../types.js';

export type { PendingCounts } from '../types.js';

/** Why an entry became a dead letter. */
export interface DeadLetterReason {
  code: string;
  message: string;
  status?: number;
}

/** What one drain (drain.ts) needs: an `Outbox`, which the service worker uses alone. */
export interface DrainStorage {
  /** Takes back entries left `syncing` by a dead drainer (only under the drain lock). */
  reclaimOrphanedLeases(userId: string): Promise<number>;
  /** This device's id (the push `clientId`). */
  getDeviceId(): Promise<string>;
  /** `userId`'s queue entries and the answers among them, counted in one transaction. */
  countPending(userId: string): Promise<PendingCounts>;
  /**
   * Leases up to `maxCount` entries / `maxBytes` of due entries of `userId`, FIFO, in one
   * transaction; with `after`, from the entries after that seq (the last of the batch this
   * drainer has on the wire).
   */
  leaseBatch(options: {
    userId: string;
    maxCount: number;
    maxBytes: number;
    leaseMs: number;
    now: number;
    after?: number;
  }): Promise<QueueEntry[]>;
  /** Removes entries the server confirmed. */
  ackQueueEntries(seqs: number[]): Promise<unknown>;
  /** Gives leased entries back, not before `nextAttemptAt`, counting a retry or not. */
  releaseQueueEntries(
    seqs: number[],
    options: { countRetry: boolean; nextAttemptAt: number; error?: { code: string; message: string } },
  ): Promise<unknown>;
  /** Moves entries to the dead letters with their reason. */
  deadLetterQueueEntries(entries: Array<{ seq: number; reason: DeadLetterReason }>): Promise<unknown>;
  /** When the next entry of `userId` is due, or null when none is queued. */
  nextDueAt(userId: string): Promise<number | null>;
}

/** The queue and pull side of `IndexedDBStorage`: what the pages' SyncQueue needs. */
export interface SyncStorage extends DrainStorage {
  /** Makes entries waiting out a backoff due now. */
  expediteWaiting(userId: string, now?: number): Promise<number>;
  /** How many dead letters `userId` has; with `type`, only the mutations of that type. */
  countDeadLetters(userId: string, type?: MutationType): Promise<number>;
  /** The dead letters of `userId`. */
  listDeadLetters(userId?: string): Promise<DeadLetter[]>;
  /** Puts dead letters back in the queue. */
  requeueDeadLetters(ids: string[]): Promise<unknown>;
  /** Deletes dead letters for good. */
  discardDeadLetters(ids: string[]): Promise<unknown>;
  /** Merges pulled changes and stores the cursor, in one transaction. */
  applyRemoteChanges(userId: string, changes: ChangeSet, cursor: string): Promise<unknown>;
  /** Derives what merged pages marked stale (after a pull's last page). */
  deriveStale(userId: string): Promise<unknown>;
  /** The user's pull cursor, or null before the first pull. */
  getPullCursor(userId: string): Promise<string | null>;
  /** Adds one mutation to the user's queue (its own transaction); resolves the entry. */
  enqueue(userId: string, mutation: Mutation, sessionId?: string): Promise<QueueEntry>;
}

/** What one drain sends with: `ReviewApiClient`, or the worker's `pushTo` (http-client.ts). */
export interface DrainClient {
  /** Sends a batch; rejects with an OfflineReviewError for whole-request failures. */
  push(request: { clientId: string; mutations: Mutation[] }, signal?: AbortSignal): Promise<PushResponse>;
}

/** The HTTP side of the pages' SyncQueue: `ReviewApiClient`. */
export interface SyncClient extends DrainClient {
  /** One page of changes since `since`. */
  pull(since: string | null, limit?: number, signal?: AbortSignal): Promise<PullResponse>;
}
