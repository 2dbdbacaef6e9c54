/**
 * The queue as a drain uses it, on the pages' storage (indexeddb-storage.ts extends this): each
 * method is the outbox's own (outbox.ts), the one the service worker drains through, so the
 * pages and the worker lease, acknowledge, release and dead-letter entries with the same code.
 */
import type { DeadLetter, MutationType, PendingCounts, QueueEntry } from '../types.js';
import type { Outbox } from './outbox.js';
import type * as entries from './outbox-entries.js';

/** The drain's side of a storage: its outbox's methods. */
export class OutboxMethods {
  /** The queued mutations, as a drain sees them. */
  readonly outbox: Outbox;

  constructor(outbox: Outbox) {
    this.outbox = outbox;
  }

  /** The number of queue entries of `userId` (of `type` only, when given), or of everybody. */
  countQueue(userId?: string, type?: MutationType): Promise<number> {
    return this.outbox.countQueue(userId, type);
  }

  /** `userId`'s queue entries and the answers among them, in one transaction. */
  countPending(userId: string): Promise<PendingCounts> {
    return this.outbox.countPending(userId);
  }

  /** The number of dead letters of `userId` (of `type` only, when given). */
  countDeadLetters(userId: string, type?: MutationType): Promise<number> {
    return this.outbox.countDeadLetters(userId, type);
  }

  /** Leases the next FIFO batch of a user's entries (see outbox-entries.ts). Throws 'invalid-input'. */
  leaseBatch(options: entries.LeaseOptions): Promise<QueueEntry[]> {
    return this.outbox.leaseBatch(options);
  }

  /** Deletes entries the server confirmed. */
  ackQueueEntries(seqs: readonly number[]): Promise<void> {
    return this.outbox.ackQueueEntries(seqs);
  }

  /** Puts leased entries back to pending; counts a retry only with `countRetry`. Resolves them. */
  releaseQueueEntries(seqs: readonly number[], options: entries.ReleaseOptions): Promise<QueueEntry[]> {
    return this.outbox.releaseQueueEntries(seqs, options);
  }

  /** Moves entries to the dead letters with their reasons. Resolves the dead letters. */
  deadLetterQueueEntries(requests: readonly entries.DeadLetterRequest[]): Promise<DeadLetter[]> {
    return this.outbox.deadLetterQueueEntries(requests);
  }

  /** When the user's queue next has something to lease; null when it is empty. */
  nextDueAt(userId: string): Promise<number | null> {
    return this.outbox.nextDueAt(userId);
  }

  /** Takes back `userId`'s entries left `syncing` by a dead drainer; call only under the drain lock. */
  reclaimOrphanedLeases(userId: string): Promise<number> {
    return this.outbox.reclaimOrphanedLeases(userId);
  }
}
