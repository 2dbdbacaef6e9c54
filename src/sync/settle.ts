/**
 * What happens to the entries of one leased batch after a push: each is acked, given back
 * (with or without spending a retry) or moved to the dead letters. Nothing here deletes an
 * entry the server did not confirm.
 */
import type { MutationResult, QueueEntry } from '../types.js';
import type { SyncFailure } from './sync-failure.js';
import type { DeadLetterReason, DrainStorage } from './sync-ports.js';

/** The sequence numbers of leased entries (always set on stored entries). */
export function seqsOf(batch: readonly QueueEntry[]): number[] {
  return batch.map((entry) => entry.seq!);
}

/**
 * Settles a batch by its per-mutation results: `applied` and `duplicate` are acked,
 * `rejected` go to the dead letters with the server's code and message. Resolves the entries
 * that got no result (a server bug; the client normally refuses such a response).
 */
export async function settleResults(
  storage: DrainStorage,
  batch: readonly QueueEntry[],
  results: readonly MutationResult[],
): Promise<QueueEntry[]> {
  const byId = new Map(results.map((result) => [result.id, result]));
  const acked: number[] = [];
  const dead: Array<{ seq: number; reason: DeadLetterReason }> = [];
  const unanswered: QueueEntry[] = [];
  for (const entry of batch) {
    const result = byId.get(entry.mutation.id);
    if (!result) unanswered.push(entry);
    else if (result.status === 'rejected') {
      const reason = { code: result.code ?? 'rejected', message: result.message ?? 'The server rejected this change.' };
      dead.push({ seq: entry.seq!, reason });
    } else acked.push(entry.seq!);
  }
  // Dead letters first: if the context dies in between, the entry is re-sent and rejected
  // again (the dead letter is keyed by mutation id), rather than acked and never recorded.
  if (dead.length) await storage.deadLetterQueueEntries(dead);
  if (acked.length) await storage.ackQueueEntries(acked);
  return unanswered;
}

/**
 * Gives a batch back without spending retries, due at `nextAttemptAt` (0: at once).
 * `bestEffort` swallows a storage failure (closing: the lease runs out instead).
 */
export async function releaseBatch(
  storage: DrainStorage,
  batch: readonly QueueEntry[],
  nextAttemptAt: number,
  error?: { code: string; message: string },
  bestEffort = false,
): Promise<void> {
  if (batch.length === 0) return;
  const done = storage.releaseQueueEntries(seqsOf(batch), { countRetry: false, nextAttemptAt, ...(error ? { error } : {}) });
  if (bestEffort) await done.catch(() => undefined);
  else await done;
}

/**
 * A counted failure: entries that already used `maxRetries` retries go to the dead letters with
 * the failure as reason; the others are given back, one retry spent, due at `nextAttemptAt`.
 * Resolves how many were given back.
 */
export async function settleCountedFailure(
  storage: DrainStorage,
  batch: readonly QueueEntry[],
  failure: SyncFailure,
  maxRetries: number,
  nextAttemptAt: number,
): Promise<number> {
  const error = { code: failure.code, message: failure.message };
  const exhausted = batch.filter((entry) => entry.retryCount >= maxRetries);
  const again = batch.filter((entry) => entry.retryCount < maxRetries);
  if (exhausted.length) {
    const reason = { ...error, ...(failure.status === undefined ? {} : { status: failure.status }) };
    await storage.deadLetterQueueEntries(exhausted.map((entry) => ({ seq: entry.seq!, reason })));
  }
  if (again.length) await storage.releaseQueueEntries(seqsOf(again), { countRetry: true, nextAttemptAt, error });
  return again.length;
}

/**
 * A 413: a batch of several is given back at once and the next lease takes half as many; a
 * single mutation that is still too large can never be sent, so it becomes a dead letter.
 * Resolves the new batch size, or null when the entry was dead-lettered.
 */
export async function settleTooLarge(
  storage: DrainStorage,
  batch: readonly QueueEntry[],
  failure: SyncFailure,
): Promise<number | null> {
  const error = { code: failure.code, message: failure.message };
  if (batch.length > 1) {
    await releaseBatch(storage, batch, 0, error);
    return Math.floor(batch.length / 2);
  }
  await storage.deadLetterQueueEntries(batch.map((entry) => ({ seq: entry.seq!, reason: { ...error, status: 413 } })));
  return null;
}
