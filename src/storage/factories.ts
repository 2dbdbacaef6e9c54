/**
 * The records a user action adds to the outbox: a mutation made on this device and the queue
 * entry that carries it until the server confirms it.
 */
import { uuidv7 } from '../ids.js';
import type { Mutation, MutationAction, MutationType, QueueEntry } from '../types.js';

/** A new mutation made on this device. */
export function newMutation(type: MutationType, action: MutationAction, data: unknown, hlc: string, now: number): Mutation {
  return { id: uuidv7(now), type, action, data, hlc, clientTimestamp: now };
}

/** Size in bytes of a mutation's JSON, for byte-limited batches. */
export function mutationBytes(mutation: Mutation): number {
  return new TextEncoder().encode(JSON.stringify(mutation)).byteLength;
}

/** A pending queue entry for `mutation`, due at once. */
export function newQueueEntry(userId: string, mutation: Mutation, now: number, sessionId?: string): QueueEntry {
  const entry: QueueEntry = {
    userId,
    mutation,
    status: 'pending',
    leaseUntil: 0,
    retryCount: 0,
    nextAttemptAt: now,
    bytes: mutationBytes(mutation),
    createdAt: now,
  };
  if (sessionId !== undefined) entry.sessionId = sessionId;
  return entry;
}
