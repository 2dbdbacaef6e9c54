/**
 * One drain of one user's queue, while holding the drain lock: lease a batch → push →
 * settle, until nothing is due, then (in pages) pull. The pages' SyncQueue and the service
 * worker both drain with this function; the worker pushes only (pages pull on their own).
 * Memory holds the current batch only. The state changes are events for the one reducer
 * (sync-reducer.ts); the caller keeps the state, the timers and the events; this file owns
 * the algorithm.
 */
import { MutationType, type QueueEntry } from '../types.js';
import { backoffDelay, retryDelay } from './backoff.js';
import { releaseBatch, seqsOf, settleCountedFailure, settleResults, settleTooLarge } from './settle.js';
import { classifyFailure, FailureKind, isConnectivity, isRefusal, type SyncFailure } from './sync-failure.js';
import type { ResolvedSyncOptions } from './sync-options.js';
import type { DrainClient, DrainStorage } from './sync-ports.js';
import type { SyncEvent } from './sync-reducer.js';

/** What a drain needs from its queue. */
export interface DrainContext {
  storage: DrainStorage;
  client: DrainClient;
  userId: string;
  /** Pulls the other devices' changes after the pushes (pages); a failure stops the drain as a push failure does. */
  pull?: () => Promise<unknown>;
  config: ResolvedSyncOptions;
  /** Aborted when the queue closes. */
  signal: AbortSignal;
  /**
   * The service worker: a whole-request refusal (400, 403, 422: any 4xx the table does not
   * name) gives the batch back without spending a retry and asks for no retry. The worker's
   * requests carry the cookies but not the headers only page code adds (a CSRF token), so
   * such a refusal is the pages' to send, not a reason to dead-letter answers.
   */
  deferRefusals?: boolean;
  /** The drain holds the origin-wide Web Lock: any `syncing` entry is an orphan (storage/outbox-recovery.ts). */
  exclusive: boolean;
  /** Tells the state what happened (the caller runs the reducer and emits the state). */
  dispatch(event: SyncEvent): void;
  /** The backoff attempt of this failure (consecutive failures so far; counts this one). */
  nextAttempt(): number;
  /** Drains again in `delayMs`. */
  retryIn(delayMs: number): void;
}

type BatchOutcome = { kind: 'sent' } | { kind: 'shrink'; maxCount: number } | { kind: 'stop' };

/**
 * Sends every due entry of the user, then pulls (when the context can). Resolves true when
 * all of it succeeded, false when a failure stopped it (the entries are settled and a retry
 * or a pause is set).
 */
export async function drain(ctx: DrainContext): Promise<boolean> {
  const { storage, userId, config, signal } = ctx;
  const clientId = await storage.getDeviceId();
  // Under the origin-wide lock, any `syncing` entry was leased by a drainer that is gone.
  if (ctx.exclusive) await storage.reclaimOrphanedLeases(userId);
  let maxCount = config.batchSize;
  let sent = 0;
  let sentAnswers = 0;
  // Counted once: counting walks the index (O(n)), so progress below is arithmetic.
  const { pending: queued, answers } = await storage.countPending(userId);
  ctx.dispatch({ type: 'drain-started', queued, answers });
  const lease = (onTheWire: readonly QueueEntry[]) => {
    const after = onTheWire.length ? Math.max(...seqsOf(onTheWire)) : undefined;
    return storage.leaseBatch({ userId, maxCount, maxBytes: config.maxBatchBytes, leaseMs: config.leaseMs, now: Date.now(), ...(after === undefined ? {} : { after }) });
  };
  // The batch after the one on the wire, leased while the push is in flight (see `pushBatch`).
  let ahead: Promise<QueueEntry[]> | null = null;
  const leaseAhead = (onTheWire: readonly QueueEntry[]) => {
    ahead = lease(onTheWire);
    // Awaited later (a failure surfaces there); not an unhandled rejection in the meantime.
    ahead.catch(() => undefined);
  };
  /** Gives the batch leased ahead back unsent, unspent and due at once (it is behind the one that stopped). */
  const giveBackAhead = async (bestEffort: boolean) => {
    const unsent = ahead ? await ahead.catch(() => []) : [];
    ahead = null;
    await releaseBatch(storage, unsent, 0, undefined, bestEffort);
  };
  for (;;) {
    if (signal.aborted) {
      await giveBackAhead(true);
      return false;
    }
    let leased: QueueEntry[] = ahead ? await ahead : [];
    ahead = null;
    // Nothing leased ahead does not end the drain: what was queued during the last push may be due.
    if (leased.length === 0) leased = await lease([]);
    if (leased.length === 0) break;
    const batch = leased.slice(0, isolatingSize(leased));
    // The rest goes back unspent and due at once: the next lease of this drain takes it.
    if (batch.length < leased.length) await releaseBatch(storage, leased.slice(batch.length), 0);
    const outcome = await pushBatch(ctx, clientId, batch, () => leaseAhead(batch));
    if (outcome.kind !== 'sent') await giveBackAhead(outcome.kind === 'stop');
    if (outcome.kind === 'stop') return false;
    if (outcome.kind === 'shrink') {
      maxCount = outcome.maxCount;
      continue;
    }
    sent += batch.length;
    sentAnswers += batch.filter((entry) => entry.mutation.type === MutationType.Answer).length;
    ctx.dispatch({ type: 'progress', sent, queued, sentAnswers, answers });
  }
  try {
    await ctx.pull?.();
  } catch (error) {
    await stopOn(ctx, classifyFailure(error), []);
    return false;
  }
  return true;
}

/**
 * How many of a leased batch to send. After repeated server errors (5xx) the batch goes out in
 * ever smaller parts, a quarter each time from the second failure on, so that one entry a
 * server keeps failing on ends up alone and is dead-lettered by itself, instead of taking a
 * whole batch of good answers to the dead letters with it after the last retry.
 */
export function isolatingSize(batch: readonly QueueEntry[]): number {
  const first = batch[0];
  if (!first || first.lastError?.code !== 'server-error' || first.retryCount < 2) return batch.length;
  return Math.max(1, Math.ceil(batch.length / 4 ** (first.retryCount - 1)));
}

/**
 * Pushes one leased batch and settles every entry of it. `whileSending` runs once the request
 * is on its way: the drain leases its next batch then, so the IndexedDB work of one batch
 * overlaps the network and server time of the other instead of adding to it. Pushes stay one
 * at a time, in FIFO order: the next goes out only after this one is answered and settled.
 */
async function pushBatch(ctx: DrainContext, clientId: string, batch: QueueEntry[], whileSending: () => void): Promise<BatchOutcome> {
  let response;
  try {
    const pushing = ctx.client.push({ clientId, mutations: batch.map((e) => e.mutation) }, ctx.signal);
    whileSending();
    response = await pushing;
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.kind === FailureKind.TooLarge) {
      const maxCount = await settleTooLarge(ctx.storage, batch, failure);
      return maxCount === null ? { kind: 'sent' } : { kind: 'shrink', maxCount };
    }
    await stopOn(ctx, failure, batch);
    return { kind: 'stop' };
  }
  const unanswered = await settleResults(ctx.storage, batch, response.results);
  if (unanswered.length === 0) return { kind: 'sent' };
  await stopOn(ctx, { kind: FailureKind.ServerError, code: 'invalid-response', message: 'A mutation got no result.' }, unanswered);
  return { kind: 'stop' };
}

/**
 * Ends a drain on `failure`: gives `batch` back (or dead-letters what ran out of retries),
 * records the error, and schedules the retry or pauses (the kinds of sync-failure.ts).
 */
export async function stopOn(ctx: DrainContext, failure: SyncFailure, batch: QueueEntry[]): Promise<void> {
  const { storage, config } = ctx;
  const error = { code: failure.code, message: failure.message };
  if (failure.kind === FailureKind.Aborted) {
    // Closing: best effort; if storage is closed too, the lease runs out instead.
    await releaseBatch(storage, batch, 0, undefined, true);
    return;
  }
  if (failure.kind === FailureKind.Auth) {
    // Given back first: whoever hears of the pause finds the entries queued.
    await releaseBatch(storage, batch, 0, error);
    ctx.dispatch({ type: 'failed', failure });
    return;
  }
  ctx.dispatch({ type: 'failed', failure });
  if (ctx.deferRefusals && isRefusal(failure)) {
    await releaseBatch(storage, batch, 0, error);
    return;
  }
  const attempt = ctx.nextAttempt();
  const connectivity = isConnectivity(failure.kind);
  const delay = connectivity ? backoffDelay(attempt, config.backoff) : retryDelay(failure.retryAfterMs, attempt, config.backoff);
  // No network, or no server, spends no retry budget: a week of it must not strand anything.
  // Nor is its backoff stored in the entries: only the timer paces automatic retries, so the
  // moment the way is open again (`online`, a Background Sync, a "retry" click) they go at once.
  if (connectivity) await releaseBatch(storage, batch, 0, error);
  else await settleCountedFailure(storage, batch, failure, config.maxRetries, Date.now() + delay);
  ctx.retryIn(delay);
}

// What "synced" means after a drain lives apart: the pages' queue reads it without loading the drain.
export { syncedAfterDrain, type SyncedAfterDrain } from './synced-after-drain.js';
