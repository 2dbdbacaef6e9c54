/**
 * The worker's drain: the core's own `drain()` (src/sync/drain.ts, the function the pages'
 * SyncQueue runs), under the same Web Lock as the pages, telling them over the same
 * BroadcastChannel, with its state computed by the same reducer (src/sync/sync-reducer.ts)
 * from the same failure kinds: never a second implementation. The worker pushes
 * only: pulling and merging the other devices' changes is the pages' part (they pull on their
 * own triggers), which keeps the merge code out of the worker. Also the messages pages and
 * the worker exchange. Runs in the worker and in pages.
 *
 * The worker drains with storage and client rather than an `OfflineReview`: the engine's
 * start-up writes the configuration, and a worker must never write back a user that a page has
 * just signed out.
 */
import {
  currentlyOnline,
  drain,
  drainLockName,
  initialSyncState,
  isRefusal,
  OfflineReviewError,
  pushTo,
  reduceSyncState,
  resolveSyncOptions,
  SyncChannel,
  syncedAfterDrain,
  uuidv7,
  withDrainLock,
  type DrainContext,
  type SyncState,
} from '../src/worker.js';
import { workerClientSettings } from './worker-client.js';
import { readWorkerConfig, storageFor } from './worker-config.js';

/** Messages a page sends the worker (besides workbox-window's SKIP_WAITING). */
export type WorkerMessage =
  /** Drain this database's queue now. */
  | { type: 'sync'; dbName: string }
  /** Delete the API caches of this database (of `userId` only, when given). */
  | { type: 'sign-out'; dbName: string; userId?: string }
  /** The configuration of this database changed (a user signed in): re-read it. */
  | { type: 'config'; dbName: string };

/** The worker's answer on the message's port. */
export interface WorkerReply {
  ok: boolean;
  /** For 'sign-out': the caches deleted. */
  deleted?: string[];
  error?: string;
}

/** What the worker posts to every window of its origin after a drain. */
export interface SyncCompleteMessage {
  type: 'offline-review:sync-complete';
  dbName: string;
  userId: string;
  state: SyncState;
}

/** True for a message this worker understands (a page may post anything). */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type, dbName, userId } = value as { type?: unknown; dbName?: unknown; userId?: unknown };
  if (typeof dbName !== 'string' || dbName === '') return false;
  if (userId !== undefined && typeof userId !== 'string') return false;
  return type === 'sync' || type === 'sign-out' || type === 'config';
}

/** True for the worker's sync-complete message. */
export function isSyncCompleteMessage(value: unknown): value is SyncCompleteMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Partial<SyncCompleteMessage>;
  return message.type === 'offline-review:sync-complete' && typeof message.dbName === 'string' && typeof message.state === 'object';
}

/** The result of draining one database. */
export interface DrainResult {
  dbName: string;
  /** Null when nobody is signed in: nothing was sent. */
  userId: string | null;
  /** The queue's state after the drain (null when nothing was drained). */
  state: SyncState | null;
}

/** Consecutive failed drains per database: the backoff attempt the core's drain asks for. */
const failures = new Map<string, number>();

/**
 * Drains the queue of `dbName` for the user its configuration names, with the core's `drain()`
 * under the drain lock. Resolves with the state afterwards; a drain that the network cut short
 * resolves too (the entries stay queued, `state.lastError` says why). Resolves with a null user
 * when nobody is signed in: nothing is sent. When a page holds the lock, nothing is sent either
 * and the state counts what waits (the page drains it and tells everybody).
 */
export async function drainDatabase(dbName: string): Promise<DrainResult> {
  const config = await readWorkerConfig(dbName);
  if (!config?.userId) return { dbName, userId: null, state: null };
  const { userId } = config;
  const storage = storageFor(dbName);
  const settings = workerClientSettings(config, userId);
  const options = resolveSyncOptions({});
  let state = initialSyncState(currentlyOnline());
  const ctx: DrainContext = {
    storage,
    client: {
      push: async (request, signal) => {
        // Unlike a page's queue, which signOut() closes, this drain outlives its user: once the
        // configuration names someone else (or nobody), the cookie may be theirs and the server
        // would refuse these answers as another user's (dead letters). Stop; they wait for their user.
        if ((await readWorkerConfig(dbName))?.userId !== userId) {
          throw new OfflineReviewError('aborted', 'The signed-in user changed during the drain.', { details: { dbName } });
        }
        return pushTo(settings, request, signal);
      },
    },
    userId,
    config: options,
    // Never aborted: a worker drain runs to its end (each request has its own timeout).
    signal: new AbortController().signal,
    exclusive: options.locks !== null,
    // Its requests lack the pages' own headers (a CSRF token): refusals are the pages' to send.
    deferRefusals: true,
    dispatch: (event) => void (state = reduceSyncState(state, event)),
    nextAttempt: () => {
      const attempt = failures.get(dbName) ?? 0;
      failures.set(dbName, attempt + 1);
      return attempt;
    },
    // The browser fires `sync` again when the event's promise rejects (offline-review-sw.ts),
    // and the pages' own triggers stand behind it: no timer in a worker that may be stopped.
    retryIn: () => undefined,
  };
  const result = await withDrainLock(drainLockName(dbName), () => drain(ctx), options.locks);
  if (result.acquired) {
    if (result.value) {
      // The pages' rule: the backoff step starts over only once nothing waits out a backoff.
      const { synced, waiting } = await syncedAfterDrain(storage, userId);
      if (!waiting) failures.delete(dbName);
      ctx.dispatch(synced);
    }
    const channel = new SyncChannel(dbName, uuidv7(), () => undefined);
    channel.post('drained', userId, result.value, true);
    channel.close();
  }
  const answer = 'answer' as const;
  const [{ pending, answers: pendingAnswers }, deadLetters, deadLetterAnswers] = await Promise.all([
    storage.countPending(userId),
    storage.countDeadLetters(userId),
    storage.countDeadLetters(userId, answer),
  ]);
  ctx.dispatch({ type: 'counted', pending, pendingAnswers, deadLetters, deadLetterAnswers });
  ctx.dispatch({ type: 'drain-ended' });
  return { dbName, userId, state };
}

/**
 * True when entries are still queued after a drain and may go later: the network or the server
 * failed, their backoff is not over, or another context held the lock. Not after a 401 (the
 * queue pauses until the user signs in again), nor after a whole-request refusal (400, 403:
 * the pages send those, with their own headers); rejected entries are dead letters, not pending.
 */
export function needsRetry(result: DrainResult): boolean {
  const state = result.state;
  if (state === null || state.pending === 0 || state.paused) return false;
  // A refusal (deferRefusals in drain.ts) is the pages' to send: asking the browser again won't help.
  return !(state.lastError && isRefusal(state.lastError));
}

/** The part of the worker's `Clients` used here. */
export interface ClientsLike {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<ReadonlyArray<{ postMessage(message: unknown): void }>>;
}

/**
 * Drains each database in turn and posts a {@link SyncCompleteMessage} to every window of the
 * origin (the BroadcastChannel already tells engines; this also reaches pages that only
 * registered the worker). Resolves true when some database should be retried later.
 * A drain that throws counts as "retry" and does not stop the others.
 */
export async function drainDatabases(dbNames: readonly string[], clients: ClientsLike | null): Promise<boolean> {
  let retry = false;
  for (const dbName of dbNames) {
    let result: DrainResult;
    try {
      result = await drainDatabase(dbName);
    } catch {
      // An unreadable database (an upgrade in progress, say) is not a reason to stop draining
      // the other ones; its entries are tried again on the next event.
      retry = true;
      continue;
    }
    retry ||= needsRetry(result);
    if (result.userId === null || result.state === null || !clients) continue;
    const message: SyncCompleteMessage = { type: 'offline-review:sync-complete', dbName, userId: result.userId, state: result.state };
    for (const client of await clients.matchAll({ type: 'window', includeUncontrolled: true })) client.postMessage(message);
  }
  return retry;
}
