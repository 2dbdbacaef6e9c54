/**
 * The pages' sync code that the first card does not need: the drain driver (and with it the
 * drain, settling, backoff and the drain lock's use), the pull and the dead letters. The
 * queue (sync-queue.ts) imports this module at its first drain, so the CDN build makes it a
 * chunk that loads after the first card; the queue's state, counts and triggers stay static.
 */
import { DeadLetters } from './dead-letters.js';
import { DrainDriver, type DrainDriverParts } from './drain-driver.js';
import { pullAll } from './pull.js';

/** What the queue works with once the chunk is loaded. */
export interface SyncRuntime {
  /** Runs the drains. */
  driver: DrainDriver;
  /** Lists, requeues and discards the dead letters. */
  deadLetters: DeadLetters;
  /** Pulls the server's changes since the user's cursor (see pull.ts). */
  pull(signal: AbortSignal): Promise<number>;
}

/** The drain driver's parts, and what runs after a dead letter was requeued or discarded. */
export interface SyncRuntimeParts extends DrainDriverParts {
  deadLettersChanged(): Promise<void>;
}

/** Makes the queue's drain driver, pull and dead letters for `parts`. */
export function createSyncRuntime(parts: SyncRuntimeParts): SyncRuntime {
  const { storage, client, userId, config } = parts;
  return {
    driver: new DrainDriver(parts),
    deadLetters: new DeadLetters(storage, userId, parts.deadLettersChanged),
    pull: (signal) => pullAll(storage, client, userId, config.pullLimit, signal),
  };
}
