/**
 * Outbox: the drain's side of the queued mutations of one database — lease a batch, then ack,
 * release or dead-letter it — and nothing else. The service worker drains with it alone (over
 * a connection that never creates or upgrades the database), so its bundle carries neither
 * sessions, content, quota and pull, nor the upgrade steps. `IndexedDBStorage` (the pages'
 * storage) holds one too and adds what only pages do (enqueue, dead letters, "Retry").
 */
import type { DeadLetter, MutationType, PendingCounts, QueueEntry } from '../types.js';
import { DatabaseConnection, type ConnectionOptions } from './database-connection.js';
import * as entries from './outbox-entries.js';
import * as counts from './queue-counts.js';
import { reclaimOrphanedLeases } from './outbox-recovery.js';

/** The queued mutations of one database, as a drain sees them. */
export class Outbox {
  /** The connection it reads and writes through. */
  readonly connection: DatabaseConnection;

  /** An outbox over `connection`, or over a new one that opens only a database a page already made. */
  constructor(connection: DatabaseConnection | ConnectionOptions = {}) {
    this.connection = connection instanceof DatabaseConnection ? connection : new DatabaseConnection(connection);
  }

  /** The database name. */
  get dbName(): string {
    return this.connection.dbName;
  }

  /** This device's id (the push `clientId`). */
  getDeviceId(): Promise<string> {
    return this.connection.getDeviceId();
  }

  /** Closes the connection; later calls throw 'closed'. */
  close(): void {
    this.connection.close();
  }

  /** The number of queue entries of `userId` (of `type` only, when given), or of everybody. */
  async countQueue(userId?: string, type?: MutationType): Promise<number> {
    return counts.countQueue(await this.connection.db(), userId, type);
  }

  /** `userId`'s queue entries and the answers among them, in one transaction. */
  async countPending(userId: string): Promise<PendingCounts> {
    return counts.countPending(await this.connection.db(), userId);
  }

  /** The number of dead letters of `userId` (of `type` only, when given). */
  async countDeadLetters(userId: string, type?: MutationType): Promise<number> {
    return counts.countDeadLetters(await this.connection.db(), userId, type);
  }

  /** Leases the next FIFO batch of a user's entries (see outbox-entries.ts). Throws 'invalid-input'. */
  async leaseBatch(options: entries.LeaseOptions): Promise<QueueEntry[]> {
    return entries.leaseBatch(await this.connection.db(), options);
  }

  /** Deletes entries the server confirmed. */
  async ackQueueEntries(seqs: readonly number[]): Promise<void> {
    return entries.ackQueueEntries(await this.connection.db(), seqs);
  }

  /** Puts leased entries back to pending; counts a retry only with `countRetry`. Resolves them. */
  async releaseQueueEntries(seqs: readonly number[], options: entries.ReleaseOptions): Promise<QueueEntry[]> {
    return entries.releaseQueueEntries(await this.connection.db(), seqs, options);
  }

  /** Moves entries to the dead letters with their reasons. Resolves the dead letters. */
  async deadLetterQueueEntries(requests: readonly entries.DeadLetterRequest[]): Promise<DeadLetter[]> {
    return entries.deadLetterQueueEntries(await this.connection.db(), requests, this.connection.now());
  }

  /** When the user's queue next has something to lease; null when it is empty. */
  async nextDueAt(userId: string): Promise<number | null> {
    return entries.nextDueAt(await this.connection.db(), userId);
  }

  /** Takes back `userId`'s entries left `syncing` by a dead drainer; call only under the drain lock. Resolves how many. */
  async reclaimOrphanedLeases(userId: string): Promise<number> {
    return reclaimOrphanedLeases(await this.connection.db(), userId);
  }
}
