/**
 * User actions on sessions. Each is ONE transaction that also writes the queue entry and the
 * HLC tick: a crash can never leave an answer that will not sync, nor a queue entry without
 * its answer.
 */
import { OfflineReviewError } from '../errors.js';
import { applyAnswerToProgress, applyAnswerToStatistics } from '../merge/derive.js';
import {
  TERMINAL_STATUSES,
  type AnswerRecord,
  type Mutation,
  type ProgressData,
  type ReviewSession,
  type SessionStatistics,
  type SessionStatus,
} from '../types.js';
import { rederiveCardStates } from './card-state-store.js';
import { deriveStaleAmong } from './derive-stale.js';
import { staleItemKey, staleSessionKey } from './stale-marks.js';
import type { ReviewDatabase } from './schema.js';
import { newMutation, newQueueEntry } from './factories.js';
import { ANSWER_FIELDS, SESSION_FIELDS, checkField, requireRecord } from '../records/index.js';
import { check } from './input-checks.js';
import { readStoredHlc, tickStoredHlc } from './stored-clock.js';
import { inTransaction, queued } from './transaction.js';

/** A session to create: the storage sets `statusHlc` (and `deviceId` when missing). */
export type NewSession = Omit<ReviewSession, 'statusHlc' | 'deviceId'> & { statusHlc?: string; deviceId?: string };

/** What `createSession` and `setSessionStatus` resolve. `mutation` is null when nothing changed. */
export interface SessionWrite {
  session: ReviewSession;
  mutation: Mutation | null;
}

/** What `recordAnswer` resolves. `duplicate` is true (and `mutation` null) for an answer id already stored. */
export interface AnswerWrite {
  answer: AnswerRecord;
  session: ReviewSession;
  statistics: SessionStatistics;
  progress: ProgressData;
  mutation: Mutation | null;
  duplicate: boolean;
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

/** Checks an answer against the answer table (the server's), naming its item. */
function validateAnswer(answer: AnswerRecord): void {
  requireRecord(ANSWER_FIELDS, answer, 'answer', { itemId: (answer as Partial<AnswerRecord> | null)?.itemId });
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
 * Records one answer: the answer, the session's lastActivityAt, the statistics, the progress,
 * the HLC and the queue entry, in ONE transaction. A duplicate answer id changes nothing.
 * Throws OfflineReviewError 'not-found' (no such session), 'invalid-input' (bad answer, other
 * user, or a session that has ended).
 */
export async function recordAnswer(db: ReviewDatabase, deviceId: string, answer: AnswerRecord, now: number): Promise<AnswerWrite> {
  validateAnswer(answer);
  const tx = db.transaction(['answers', 'sessions', 'statistics', 'progress', 'meta', 'syncQueue', 'retractions', 'cardStates'], 'readwrite');
  return inTransaction(tx, async () => {
    const answers = tx.objectStore('answers');
    const sessions = tx.objectStore('sessions');
    const statisticsStore = tx.objectStore('statistics');
    const progressStore = tx.objectStore('progress');
    // All reads are issued at once: one round of waiting, not four.
    const meta = tx.objectStore('meta');
    const hlcRead = readStoredHlc(meta);
    const [existing, session, storedStats, storedProgress, staleItem, staleSession] = await Promise.all([
      answers.get(answer.id),
      sessions.get(answer.sessionId),
      statisticsStore.get(answer.sessionId),
      progressStore.get([answer.userId, answer.itemId]),
      meta.getKey(staleItemKey(answer.userId, answer.itemId)),
      meta.getKey(staleSessionKey(answer.sessionId)),
    ]);
    let [oldStats, oldProgress] = [storedStats, storedProgress];
    // Pulled answers not yet counted (stale-marks.ts): derived first, so the answer adds to exact counts.
    if (staleItem !== undefined || staleSession !== undefined) {
      await deriveStaleAmong(tx, answer.userId, [answer.itemId], [answer.sessionId]);
      [oldStats, oldProgress] = await Promise.all([statisticsStore.get(answer.sessionId), progressStore.get([answer.userId, answer.itemId])]);
    }
    // Settled with the others (requests complete in order); handled so an early return is clean.
    hlcRead.catch(() => undefined);
    if (!session) {
      throw new OfflineReviewError('not-found', 'The answer names a session that does not exist.', {
        details: { sessionId: answer.sessionId },
      });
    }
    check(session.userId === answer.userId, 'The answer and its session belong to different users.', { answerId: answer.id });
    if (existing) {
      return {
        answer: existing,
        session,
        statistics: oldStats ?? applyAnswerToStatistics(null, existing),
        progress: oldProgress ?? applyAnswerToProgress(null, existing),
        mutation: null,
        duplicate: true,
      };
    }
    check(!isTerminal(session.status), 'The session has ended; it takes no more answers.', { sessionId: session.id });
    const hlc = await tickStoredHlc(meta, deviceId, now, hlcRead);
    const updated: ReviewSession = { ...session, lastActivityAt: Math.max(session.lastActivityAt, answer.answeredAt) };
    const statistics = applyAnswerToStatistics(oldStats ?? null, answer);
    const progress = applyAnswerToProgress(oldProgress ?? null, answer);
    const mutation = newMutation('answer', 'create', answer, hlc, now);
    // Not awaited one by one: the commit (tx.done) reports any failure of any of them.
    queued(sessions.put(updated));
    queued(statisticsStore.put(statistics));
    queued(progressStore.put(progress));
    queued(answers.add(answer));
    queued(tx.objectStore('syncQueue').add(newQueueEntry(answer.userId, mutation, now, answer.sessionId)));
    // The card's schedule, derived again with the answer (visible in this transaction).
    await rederiveCardStates(tx, answer.userId, [answer.itemId]);
    return { answer, session: updated, statistics, progress, mutation, duplicate: false };
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
