/**
 * What "synced" means after a drain that sent everything due. Apart from drain.ts so that the
 * pages' queue can read it when another context drained, before the drain's chunk is loaded.
 */
import type { SyncEvent } from './sync-reducer.js';
import type { DrainStorage } from './sync-ports.js';

/** What a drain that sent everything due means for the state (see `syncedAfterDrain`). */
export interface SyncedAfterDrain {
  /** The reducer's event: synced now; the error cleared unless entries still wait. */
  synced: SyncEvent & { type: 'synced' };
  /** When the user's next entry is due (null: the queue is empty). */
  due: number | null;
  /** Entries still wait out a backoff: the error that put them there stands. */
  waiting: boolean;
}

/**
 * Reads what "synced" means after a drain that sent all that was due, for the pages' queue
 * (its own drain and another context's) and the worker: entries may still wait out a backoff
 * (a 503's Retry-After, say), and the reducer keeps the error that put them there.
 */
export async function syncedAfterDrain(storage: DrainStorage, userId: string): Promise<SyncedAfterDrain> {
  const due = await storage.nextDueAt(userId);
  const now = Date.now();
  const waiting = due !== null && due > now;
  return { synced: { type: 'synced', at: now, waiting }, due, waiting };
}
