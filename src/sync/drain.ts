/**
 * One drain of one user's queue, while holding the drain lock: lease a batch → push →
 * settle, until nothing is due, then (in pages) pull. The pages' SyncQueue and the service
 * worker both drain with this function; the worker pushes only (pages pull on their own).
 * Memory holds the current batch only. The queue (sync-queue.ts) owns the state, the timers
 * and the events; this file owns the algorithm.
 */
import type { QueueEntry } from '../types.js';
import { backoffDelay, retryDelay } from './backoff.js';
import { releaseBatch, settleCountedFailure, settleResults, settleTooLarge } from './settle.js';
import { classifyFailure, isRefusal, type SyncFailure } from './sync-failure.js';
import type { ResolvedSyncOptions } from './sync-options.js';
import type { DrainClient, DrainStorage } from './sync-ports.js';
import type { SyncState } from './sync-state.js';

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
  /** Merges a patch into the queue's state (and emits it). */
  update(patch: Partial<SyncState>): void;
  /** The backoff attempt of this failure (consecutive failures so far; counts this one). */
  nextAttempt(): number;
  /** Drains again in `delayMs`. */
  retryIn(delayMs: number): void;
  /** 401: pause the queue and emit `auth-required`. */
  pause(error: { code: string; message: string }): void;
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
  // Counted once: counting walks the index (O(n)), so progress below is arithmetic.
  const queued = await storage.countQueue(userId);
  ctx.update({ syncing: true, sent: 0, total: queued, pending: queued });
  for (;;) {
    if (signal.aborted) return false;
    const batch = await storage.leaseBatch({
      userId,
      maxCount,
      maxBytes: config.maxBatchBytes,
      leaseMs: config.leaseMs,
      now: Date.now(),
    });
    if (batch.length === 0) break;
    const outcome = await pushBatch(ctx, clientId, batch);
    if (outcome.kind === 'stop') return false;
    if (outcome.kind === 'shrink') {
      maxCount = outcome.maxCount;
      continue;
    }
    sent += batch.length;
    ctx.update({ sent, total: Math.max(queued, sent), pending: Math.max(0, queued - sent) });
  }
  try {
    await ctx.pull?.();
  } catch (error) {
    await stopOn(ctx, classifyFailure(error), []);
    return false;
  }
  return true;
}

/** Pushes one leased batch and settles every entry of it. */
async function pushBatch(ctx: DrainContext, clientId: string, batch: QueueEntry[]): Promise<BatchOutcome> {
  let response;
  try {
    response = await ctx.client.push({ clientId, mutations: batch.map((e) => e.mutation) }, ctx.signal);
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.kind === 'too-large') {
      const maxCount = await settleTooLarge(ctx.storage, batch, failure);
      return maxCount === null ? { kind: 'sent' } : { kind: 'shrink', maxCount };
    }
    await stopOn(ctx, failure, batch);
    return { kind: 'stop' };
  }
  const unanswered = await settleResults(ctx.storage, batch, response.results);
  if (unanswered.length === 0) return { kind: 'sent' };
  await stopOn(ctx, { kind: 'retry', code: 'invalid-response', message: 'A mutation got no result.' }, unanswered);
  return { kind: 'stop' };
}

/**
 * Ends a drain on `failure`: gives `batch` back (or dead-letters what ran out of retries),
 * records the error, and schedules the retry or pauses (DESIGN.md's error table).
 */
export async function stopOn(ctx: DrainContext, failure: SyncFailure, batch: QueueEntry[]): Promise<void> {
  const { storage, config } = ctx;
  const error = { code: failure.code, message: failure.message };
  if (failure.kind === 'aborted') {
    // Closing: best effort; if storage is closed too, the lease runs out instead.
    await releaseBatch(storage, batch, 0, undefined, true);
    return;
  }
  ctx.update({ lastError: error });
  if (failure.kind === 'auth') {
    await releaseBatch(storage, batch, 0, error);
    ctx.pause(error);
    return;
  }
  if (ctx.deferRefusals && isRefusal(failure)) {
    await releaseBatch(storage, batch, 0, error);
    return;
  }
  const attempt = ctx.nextAttempt();
  const offline = failure.kind === 'offline';
  const delay = offline ? backoffDelay(attempt, config.backoff) : retryDelay(failure.retryAfterMs, attempt, config.backoff);
  // Offline spends no retry budget: a week without network must not strand anything. Nor is
  // its backoff stored in the entries: only the timer paces automatic retries, so the moment
  // the network is back (`online`, a Background Sync, a "retry" click) the entries go at once.
  if (offline) await releaseBatch(storage, batch, 0, error);
  else await settleCountedFailure(storage, batch, failure, config.maxRetries, Date.now() + delay);
  ctx.retryIn(delay);
}

/** What a drain that sent everything due means for the state (see `syncedAfterDrain`). */
export interface SyncedAfterDrain {
  /** Merge into the state: synced now; the error cleared unless entries still wait. */
  patch: Partial<SyncState>;
  /** When the user's next entry is due (null: the queue is empty). */
  due: number | null;
  /** Entries still wait out a backoff: the error that put them there stands. */
  waiting: boolean;
}

/**
 * The one rule for "synced", used by the pages' queue after its own drain and after another
 * context's, and by the worker: a drain that sent all that was due may still leave entries
 * waiting out a backoff (a 503's Retry-After, say), and the error that put them there stands
 * until they are sent — no flapping "error" → "synced" → "error".
 */
export async function syncedAfterDrain(storage: DrainStorage, userId: string): Promise<SyncedAfterDrain> {
  const due = await storage.nextDueAt(userId);
  const now = Date.now();
  const waiting = due !== null && due > now;
  return { patch: waiting ? { lastSyncedAt: now } : { lastSyncedAt: now, lastError: null }, due, waiting };
}
