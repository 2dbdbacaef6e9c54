/**
 * User actions on sessions (answers are answer-store.ts's). Each is ONE transaction that also writes the queue entry and the
 * HLC tick: a crash can never leave an answer that will not sync, nor a queue entry without
 * its answer.
 */
import { OfflineReviewError } from '../errors.js';
import { TERMINAL_STATUSES, type Mutation, type ReviewSession, type SessionStatus } from '../types.js';
import type { ReviewDatabase } from './schema.js';
import { newMutation, newQueueEntry } from './factories.js';
import { SESSION_FIELDS, checkField, requireRecord } from '../records/index.js';
import { check } from './input-checks.js';
import { tickStoredHlc } from './stored-clock.js';
import { inTransaction, queued } from './transaction.js';

/** A session to create: the storage sets `statusHlc` (and `deviceId` when missing). */
export type NewSession = Omit<ReviewSession, 'statusHlc' | 'deviceId'> & { statusHlc?: string; deviceId?: string };

/** What `createSession` and `setSessionStatus` resolve. `mutation` is null when nothing changed. */
export interface SessionWrite {
  session: ReviewSession;
  mutation: Mutation | null;
}

/** True for `completed` and `abandoned`. */
export function isTerminal(status: SessionStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * Checks a new session against the session table before anything is written. `statusHlc` and
 * `deviceId` are set here, so a stand-in made from the device's id takes their place.
 */
function validateSession(session: NewSession, deviceId: string): void {
  const standIn = { statusHlc: `${'0'.repeat(15)}:00000:${deviceId}`, deviceId: session?.deviceId ?? deviceId };
  requireRecord(SESSION_FIELDS, { ...session, ...standIn }, 'session');
}

/**
 * Stores a new session and queues its `session/create` mutation in one transaction.
 * Creating the same id again with the same user is a no-op (mutation null).
 */
export async function createSession(db: ReviewDatabase, deviceId: string, input: NewSession, now: number): Promise<SessionWrite> {
  validateSession(input, deviceId);
  const tx = db.transaction(['sessions', 'meta', 'syncQueue'], 'readwrite');
  return inTransaction(tx, async () => {
    const sessions = tx.objectStore('sessions');
    const existing = await sessions.get(input.id);
    if (existing) {
      check(existing.userId === input.userId, 'A session with this id belongs to another user.', { id: input.id });
      return { session: existing, mutation: null };
    }
    const hlc = await tickStoredHlc(tx.objectStore('meta'), deviceId, now);
    const session: ReviewSession = { ...input, statusHlc: hlc, deviceId: input.deviceId ?? deviceId };
    const mutation = newMutation('session', 'create', session, hlc, now);
    queued(sessions.add(session));
    queued(tx.objectStore('syncQueue').add(newQueueEntry(session.userId, mutation, now, session.id)));
    return { session, mutation };
  });
}

/**
 * Sets a session's status (a last-writer-wins register by HLC) and queues `session/update`,
 * in one transaction. Setting the status it already has is a no-op (mutation null).
 * Throws 'not-found', or 'invalid-input' to leave a terminal state.
 */
export async function setSessionStatus(
  db: ReviewDatabase,
  deviceId: string,
  sessionId: string,
  status: SessionStatus,
  now: number,
): Promise<SessionWrite> {
  check(checkField(SESSION_FIELDS.status, status) === null, 'Not a session status.', { status });
  const tx = db.transaction(['sessions', 'meta', 'syncQueue'], 'readwrite');
  return inTransaction(tx, async () => {
    const sessions = tx.objectStore('sessions');
    const session = await sessions.get(sessionId);
    if (!session) throw new OfflineReviewError('not-found', 'No such session.', { details: { sessionId } });
    if (session.status === status) return { session, mutation: null };
    check(!isTerminal(session.status), 'The session has ended; its status is final.', { sessionId, from: session.status, to: status });
    const hlc = await tickStoredHlc(tx.objectStore('meta'), deviceId, now);
    const updated: ReviewSession = {
      ...session,
      status,
      statusHlc: hlc,
      lastActivityAt: Math.max(session.lastActivityAt, now),
      endedAt: isTerminal(status) ? now : null,
    };
    const mutation = newMutation('session', 'update', updated, hlc, now);
    queued(sessions.put(updated));
    queued(tx.objectStore('syncQueue').add(newQueueEntry(updated.userId, mutation, now, updated.id)));
    return { session: updated, mutation };
  });
}
