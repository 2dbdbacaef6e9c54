/**
 * One user's dead letters: entries the server refused, or that ran out of retries. They wait
 * for the person to send them again or discard them; nothing here drops one on its own.
 */
import type { DeadLetter } from '../types.js';
import type { SyncStorage } from './sync-ports.js';

/** List, send again and discard the dead letters of one user. */
export class DeadLetters {
  private readonly storage: SyncStorage;
  private readonly userId: string;
  private readonly changed: () => Promise<void>;

  /** `changed` runs after each change: it tells the other contexts and recounts. */
  constructor(storage: SyncStorage, userId: string, changed: () => Promise<void>) {
    this.storage = storage;
    this.userId = userId;
    this.changed = changed;
  }

  /** This user's dead letters, oldest first. */
  list(): Promise<DeadLetter[]> {
    return this.storage.listDeadLetters(this.userId);
  }

  /** Puts dead letters (all of this user's when `ids` is omitted) back in the queue. */
  async requeue(ids?: string[]): Promise<void> {
    await this.storage.requeueDeadLetters(ids ?? (await this.ids()));
    await this.changed();
  }

  /** Deletes dead letters (all of this user's when `ids` is omitted) for good. */
  async discard(ids?: string[]): Promise<void> {
    await this.storage.discardDeadLetters(ids ?? (await this.ids()));
    await this.changed();
  }

  private async ids(): Promise<string[]> {
    return (await this.list()).map((letter) => letter.id);
  }
}
